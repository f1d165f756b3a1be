/**
 * The estimator lab inside the engine's worker thread: it blocks its thread for seconds to
 * minutes, like training, so it never runs on the host's. Progress is posted as each estimator
 * starts; the host cancels by ending the thread.
 */
import { parseGraphFile } from '../../../shared/graph/index';
import type { LabFailure } from '../../../shared/protocol/lab';
import { GraphFileError } from '../../../shared/graph/file';
import { initBackend } from '../backend';
import { LabError, runEstimatorLab } from '../lab/lab';
import { labReportData } from '../lab/lab-report';
import { prepareLabSubject } from '../lab/lab-subject';
import { GraphInvalidError } from '../train/errors';
import type { LabMessage, LabWorkerMessage } from './messages';
import { isOutOfMemory, outOfMemoryMessage } from './out-of-memory';

/** Runs one lab and posts its messages; ends with `lab-done` or `lab-failed`, never throws. */
export async function runLabJob(m: LabMessage, post: (message: LabWorkerMessage) => void): Promise<void> {
  const { labId } = m;
  try {
    const info = await initBackend(m.backend);
    post({ type: 'lab-started', labId, backend: info.name });
    const subject = prepareLabSubject(parseGraphFile(m.graphText), m.baseDir, m.checkpointDir, m.dataRoot);
    try {
      const report = runEstimatorLab(subject, {
        samples: m.samples,
        seed: m.seed,
        referenceDraws: m.referenceDraws,
        onEstimator: (label, done, total) => post({ type: 'lab-progress', labId, label, done, total }),
      });
      post({ type: 'lab-done', labId, report: labReportData(report, m.graphName, info.name, m.runId) });
    } finally {
      subject.model.dispose();
    }
  } catch (e) {
    post({ type: 'lab-failed', labId, ...labFailure(e) });
  }
}

/** What went wrong, in the words the Lab tab shows (an invalid graph lists its problems). */
function labFailure(e: unknown): LabFailure {
  if (e instanceof GraphInvalidError) return { message: `the graph cannot be studied: ${e.message}`, problems: e.problems.map((p) => ({ ...p })) };
  if (e instanceof GraphFileError || e instanceof LabError) return { message: e.message };
  if (isOutOfMemory(e)) return { message: outOfMemoryMessage(e instanceof Error ? e.message : String(e)) };
  return { message: e instanceof Error ? e.message : String(e) };
}
