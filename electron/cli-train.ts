import { SingleBar } from 'cli-progress';
import { join } from 'node:path';
import type { GraphFile } from '../shared/graph/index';
import type { BackendChoice } from './engine/backend';
import { startCliBackend } from './cli-backend';
import { exportNetwork } from './engine/export/layers-model';
import { observationMeans } from './engine/export/observation-means';
import { GraphInvalidError, NonFiniteError } from './engine/train/errors';
import { prepareTraining, train, type TrainEvent, type TrainOptions } from './engine/train/trainer';
import { formatDuration, formatProblem } from './cli-output';

export interface TrainCommandOptions {
  steps?: number;
  epochs?: number;
  seed?: number;
  backend: BackendChoice;
  out?: string;
  resume?: string;
  json?: boolean;
}

/** Runs `latent-studio train`; returns the exit code. */
export async function runTrainCommand(doc: GraphFile, baseDir: string, opts: TrainCommandOptions): Promise<number> {
  const json = opts.json === true;
  const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
  const backend = await startCliBackend(opts.backend);
  if (backend === null) return 1;
  const names = new Map(doc.graph.nodes.map((n) => [n.id, n.name]));
  let bar: SingleBar | null = null;
  const tty = !json && process.stderr.isTTY === true;
  const onEvent = (e: TrainEvent): void => {
    if (e.type === 'metrics') {
      if (json) say({ type: 'metrics', step: e.step, elbo: e.elbo, reconstruction: e.reconstruction, kl: e.kl, learningRate: e.learningRate, stepsPerSec: e.stepsPerSec, ...(Object.keys(e.scalars).length > 0 && { scalars: e.scalars }) });
      else if (tty) {
        if (!bar) {
          bar = new SingleBar({ format: 'step {value}/{total} |{bar}| ELBO {elbo} | {sps} steps/s | ETA {etaText}', hideCursor: true, clearOnComplete: false }, undefined);
          bar.start(e.totalSteps, 0, { elbo: '…', sps: '…', etaText: '…' });
        }
        bar.update(e.step, { elbo: e.elbo.toFixed(2), sps: e.stepsPerSec.toFixed(1), etaText: formatDuration((e.totalSteps - e.step) / e.stepsPerSec) });
      } else console.log(`step ${e.step}/${e.totalSteps}  ELBO ${e.elbo.toFixed(3)}  ${e.stepsPerSec.toFixed(1)} steps/s  ETA ${formatDuration((e.totalSteps - e.step) / e.stepsPerSec)}`);
    } else if (e.type === 'eval') {
      if (json) say({ type: 'eval', step: e.step, valElbo: e.valElbo, ...(Object.keys(e.valAccuracy).length ? { valAccuracy: e.valAccuracy } : {}) });
      else if (!tty) console.log(`step ${e.step}  held-out ELBO ${e.valElbo.toFixed(3)}`);
    }
  };
  try {
    const prepared = prepareTraining(doc, baseDir, opts.seed);
    const options: TrainOptions = {
      ...(opts.steps !== undefined ? { steps: opts.steps } : {}),
      ...(opts.epochs !== undefined ? { epochs: opts.epochs } : {}),
      ...(opts.out !== undefined ? { out: opts.out } : {}),
      ...(opts.resume !== undefined ? { resume: opts.resume, out: opts.out ?? opts.resume } : {}),
      onEvent,
      exportNetworks: async (model, dir) => {
        for (const [id, net] of model.networks) await exportNetwork(net, join(dir, net.name), observationMeans(model, id));
      },
    };
    const result = await train(prepared, options);
    (bar as SingleBar | null)?.stop();
    const done = { type: 'done', steps: result.steps, elbo: result.elbo, valElbo: result.valElbo, ...(Object.keys(result.valAccuracy).length ? { valAccuracy: result.valAccuracy } : {}), stepsPerSec: result.stepsPerSec, backend };
    if (json) say(done);
    else {
      const acc = Object.entries(result.valAccuracy).map(([k, v]) => `, held-out accuracy of ${k} ${(100 * v).toFixed(2)}%`).join('');
      console.log(`trained ${result.steps} steps on ${backend}: ELBO ${result.elbo.toFixed(3)}, held-out ELBO ${result.valElbo.toFixed(3)}${acc}, ${result.stepsPerSec.toFixed(1)} steps/s${opts.out ?? opts.resume ? ` → ${opts.out ?? opts.resume}` : ''}`);
    }
    return 0;
  } catch (e) {
    (bar as SingleBar | null)?.stop();
    if (e instanceof GraphInvalidError) {
      for (const p of e.problems) console.error(formatProblem(p, names));
      if (json) say({ type: 'error', kind: 'invalid-graph', problems: e.problems });
      return 1;
    }
    if (e instanceof NonFiniteError) {
      console.error(`latent-studio: ${e.message}`);
      if (json) say({ type: 'error', kind: 'non-finite', message: e.message, step: e.step, node: e.where?.nodeName ?? null, quantity: e.where?.quantity ?? null });
      return 1;
    }
    console.error(`latent-studio: ${(e as Error).message}`);
    if (json) say({ type: 'error', kind: 'failed', message: (e as Error).message });
    return 1;
  }
}
