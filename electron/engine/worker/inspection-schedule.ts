/**
 * When the training worker inspects the model (samples, reconstructions, latent maps): once
 * early, so the panels fill quickly, then at a report boundary whenever `everyMs` have passed,
 * and at the end of every segment (pause, stop, end), so what the panels show matches the
 * weights the run stopped with.
 */
import { inspectionSchema, type Inspection } from '../../../shared/protocol/runs';
import { buildInspection } from '../inspect/inspection';
import { deriveSeed } from '../random/prng';
import type { Prepared } from '../train/trainer';

/** Milliseconds between inspections when the host does not say. */
export const DEFAULT_INSPECT_EVERY_MS = 3000;

/**
 * Training time between inspections, at least, as a multiple of the last inspection's own time:
 * inspections then never take more than 1/20 = 5% of a run, even on a slow backend where `everyMs`
 * alone would not keep them cheap (measured on vae-mnist: about 30 ms on wasm, 4 s on cpu).
 */
const MAX_SHARE_FACTOR = 19;

/** Seed tag of inspections: one fixed seed per run, so the panels show the same prior draws and examples at every step. */
const INSPECTION_SEED = 0x15e7;

/** The seed of a run's inspections, from the run's own. */
export function inspectionSeed(runSeed: number): number {
  return deriveSeed(runSeed, INSPECTION_SEED);
}

export interface InspectionScheduleOptions {
  /** Milliseconds between inspections at report boundaries; 0 for none at all (default 3000). */
  readonly everyMs?: number;
  /** Current time in ms (default `performance.now`). */
  readonly now?: () => number;
  /** Builds an inspection (default {@link buildInspection}); injectable for tests. */
  readonly build?: typeof buildInspection;
  /** Where a failure is reported, once per run (default console.error, the worker's stderr). */
  readonly log?: (message: string) => void;
}

/**
 * Decides when to inspect and posts each inspection. Never throws: an inspection that fails (or
 * that the protocol would reject) is skipped, and the first such failure is logged; training
 * must not end because a panel could not be drawn.
 */
export class InspectionSchedule {
  private readonly everyMs: number;
  private readonly now: () => number;
  private readonly build: typeof buildInspection;
  private readonly log: (message: string) => void;
  private readonly seed: number;
  /** When the last inspection ended, how long it took, and its step; null before the first. */
  private last: { at: number; took: number; step: number } | null = null;
  private failed = false;

  constructor(private readonly prepared: Pick<Prepared, 'model' | 'data'>, private readonly post: (inspection: Inspection) => void, options: InspectionScheduleOptions = {}) {
    this.everyMs = options.everyMs ?? DEFAULT_INSPECT_EVERY_MS;
    this.now = options.now ?? (() => performance.now());
    this.build = options.build ?? buildInspection;
    this.log = options.log ?? ((m) => console.error(m));
    this.seed = inspectionSeed(prepared.model.training.seed);
  }

  /**
   * At a metrics report: inspects if this is the first report, or once `everyMs` have passed since
   * the last inspection (and 19 times as long as that one took, when it was slow).
   */
  atReport(step: number): void {
    if (this.everyMs <= 0) return;
    const last = this.last;
    if (last === null || this.now() - last.at >= Math.max(this.everyMs, MAX_SHARE_FACTOR * last.took)) this.inspect(step);
  }

  /** At the end of a segment: inspects unless the last inspection was of this very step. */
  atSegmentEnd(step: number): void {
    if (this.everyMs <= 0 || this.last?.step === step) return;
    this.inspect(step);
  }

  private inspect(step: number): void {
    const start = this.now();
    try {
      // Validated here as the host will: a record it rejects would end the run there.
      const inspection = inspectionSchema.parse(this.build(this.prepared, step, this.seed));
      this.post(inspection);
    } catch (e) {
      if (!this.failed) this.log(`latent-studio: an inspection at step ${step} failed and was skipped (later failures are not logged): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      this.failed = true;
    } finally {
      // From the end: the interval is training time, however long the inspection itself took.
      const at = this.now();
      this.last = { at, took: at - start, step };
    }
  }
}
