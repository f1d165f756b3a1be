import { resolve } from 'node:path';
import { GraphFileError, parseGraphFile } from '../shared/graph/index';
import type { BackendChoice } from './engine/backend';
import { startCliBackend } from './cli-backend';
import { loadCheckpoint } from './engine/train/checkpoint';
import { GraphInvalidError } from './engine/train/errors';
import { heldOutBounds } from './engine/train/held-out-bounds';
import { perplexity, tokensScored } from './engine/train/perplexity';
import { evaluate, prepareTraining, restoreWeights } from './engine/train/trainer';
import { printProblems } from './cli-output';
import { dataDirOf, graphTextOf } from './cli-run-folder';

export interface EvaluateCommandOptions {
  samples: number;
  examples?: number;
  seed: number;
  backend: BackendChoice;
  dataDir?: string;
  json?: boolean;
}

/** The numbers of samples reported: 1, 10, 100, … up to S, and S itself. */
export function sampleLadder(S: number): number[] {
  const out: number[] = [];
  for (let k = 1; k < S; k *= 10) out.push(k);
  out.push(S);
  return out;
}

/** Runs `latent-studio evaluate`; returns the exit code. */
export async function runEvaluateCommand(runDir: string, opts: EvaluateCommandOptions): Promise<number> {
  const dir = resolve(runDir);
  const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
  let doc;
  try {
    doc = parseGraphFile(graphTextOf(dir));
  } catch (e) {
    const why = e instanceof GraphFileError ? `its graph cannot be opened: ${e.message}` : (e as Error).message;
    console.error(`latent-studio: ${why}`);
    return 2;
  }
  const backend = await startCliBackend(opts.backend);
  if (backend === null) return 1;
  try {
    const p = prepareTraining(doc, dataDirOf(dir, opts.dataDir));
    const cp = loadCheckpoint(dir);
    restoreWeights(p.model, cp, dir);
    const split = p.data.heldOut;
    const n = Math.min(opts.examples ?? split.length, split.length);
    const elbo = evaluate(p, split.length === n ? split : { ...split, length: n }, opts.seed).elbo;
    const r = heldOutBounds(p, split, { samples: sampleLadder(opts.samples), seed: opts.seed, examples: n });
    // Text: the perplexity of the importance-sampled log-likelihood, exp(−Σ log p / Σ tokens).
    const tokens = tokensScored(p.model, split, r.examples);
    const ppl = tokens === null ? null : perplexity(r.logLikelihood, r.examples, tokens);
    p.model.dispose();
    if (opts.json) {
      say({ type: 'evaluation', step: cp.step, examples: r.examples, elbo, iwae: r.bounds, logLikelihood: r.logLikelihood, samples: opts.samples, ...(ppl !== null && { tokens, perplexity: ppl }), backend });
    } else {
      console.log(`${dir} at step ${cp.step}, ${r.examples} held-out examples (${backend}):`);
      console.log(`  ELBO                          ${elbo.toFixed(3)} nats`);
      for (const b of r.bounds) console.log(`  IWAE bound, S = ${String(b.samples).padEnd(6)}       ${b.bound.toFixed(3)} ± ${b.standardError.toFixed(3)}`);
      console.log(`  log-likelihood (IS, S = ${opts.samples})   ${r.logLikelihood.toFixed(3)} nats`);
      if (ppl !== null) console.log(`  perplexity (IS, ${tokens} tokens)   ${ppl.toFixed(2)}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof GraphInvalidError) {
      printProblems(e.problems, doc);
      return 1;
    }
    console.error(`latent-studio: ${(e as Error).message}`);
    return 1;
  }
}
