/**
 * Child process of kill-while-training.test.ts: a web-mode back end over a project folder (the
 * API handlers, the run manager, a real training worker thread) that starts a run, or resumes one,
 * and trains until it is killed. It prints one JSON line per run event (statuses, checkpoint
 * steps, the steps of the metrics it reports), so the test knows where the run was.
 *
 * Arguments: <projectDir> start | <projectDir> resume <runId>
 */
import { fileURLToPath } from 'node:url';
import { serializeGraphFile } from '../../../../../shared/graph/index';
import { createBackend, dispatch } from '../../../../../electron/api/handlers';
import { tinyVae } from '../../../../helpers/tiny-graphs';

const [projectDir, action, runId] = process.argv.slice(2) as [string, 'start' | 'resume', string | undefined];
const examplesDir = fileURLToPath(new URL('../../../../../assets/examples', import.meta.url));

/**
 * A checkpoint every 4 steps (the trainer's checkpoint interval is evalEvery), so that a good part
 * of the kills land in one; reports every 10 steps, so resumes also start between two reports.
 */
export const GRAPH = serializeGraphFile(tinyVae({ evalEvery: 4 }));
/** More steps than a test ever waits for: the run is always killed, never finished. */
export const STEPS = 1_000_000;

const print = (o: unknown): void => void process.stdout.write(`${JSON.stringify(o)}\n`);
const backend = createBackend({ mode: 'web', projectDir, examplesDir });
backend.events.subscribe((e) => {
  if (e.type === 'run.updated') print({ event: 'updated', status: e.run.status, step: e.run.step, checkpointStep: e.run.checkpointStep, error: e.run.error?.message });
  else if (e.type === 'run.metrics') print({ event: 'metrics', steps: e.metrics.map((m) => m.step) });
});
if (action === 'start') {
  const run = (await dispatch(backend.handlers, 'runs.start', { graphText: GRAPH, graphName: 'tiny.json', settings: { steps: STEPS, seed: 11, backend: 'cpu' } })) as { id: string };
  print({ event: 'started', runId: run.id });
} else {
  await dispatch(backend.handlers, 'runs.resume', { runId });
  print({ event: 'started', runId });
}
