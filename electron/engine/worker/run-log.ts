/**
 * A run's metric and evaluation logs (`metrics.jsonl`, `evals.jsonl` in its folder), appended by
 * the worker as the trainer reports, synchronously, in the thread that writes the checkpoints.
 *
 * Why here and not in the host, from the worker's messages: the trainer writes a checkpoint right
 * after the report of its step. Messages reach the host later (batched, then appended by an
 * asynchronous queue), so a process killed in between left a checkpoint ahead of the log, and the
 * resumed run a gap in its metrics: the reports between the last batch the host had saved and the
 * checkpoint. Appended here, before the checkpoint, the log always reaches it. A kill during an
 * append leaves at most a torn last line, which readers skip and a resume cuts away.
 */
import { join } from 'node:path';
import type { EvalRecord, MetricRecord } from '../../../shared/protocol/runs';
import { appendJsonLinesSync } from '../runs/jsonl';
import { RUN_FILES } from '../runs/run-store';

export class RunLog {
  constructor(private readonly runDir: string) {}

  metric(record: MetricRecord): void {
    appendJsonLinesSync(join(this.runDir, RUN_FILES.metrics), [record]);
  }

  eval(record: EvalRecord): void {
    appendJsonLinesSync(join(this.runDir, RUN_FILES.evals), [record]);
  }
}
