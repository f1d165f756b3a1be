import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { analyzeGraph, GraphFileError, parseGraphFile, type GraphFile } from '../shared/graph/index';
import { APP_VERSION } from '../shared/version';
import { formatProblem } from './cli-output';
import { runTrainCommand } from './cli-train';

/** Exit codes: 0 fine, 1 invalid graph or failed training, 2 unreadable or corrupt file. */
export const EXIT = { ok: 0, invalid: 1, unreadable: 2 } as const;

/** Reads and parses a graph file, or prints why not and exits 2. */
export function readGraphOrExit(path: string): GraphFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    console.error(`latent-studio: cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    process.exit(EXIT.unreadable);
  }
  try {
    return parseGraphFile(text);
  } catch (e) {
    if (e instanceof GraphFileError) {
      console.error(`latent-studio: cannot open ${path}: ${e.message}`);
      for (const d of e.details.slice(5)) console.error(`  ${d}`);
      process.exit(EXIT.unreadable);
    }
    throw e;
  }
}

const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
};
const seedInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) throw new InvalidArgumentError('expected a whole number from 0 to 2147483647');
  return n;
};

const program = new Command();
program.name('latent-studio').description('Build and train deep generative models (headless).').version(APP_VERSION);

program
  .command('validate')
  .argument('<graph>', 'a graph file (.json)')
  .description('check a graph and print every problem with its node and port (exit 0 valid, 1 invalid, 2 unreadable)')
  .action((path: string) => {
    const doc = readGraphOrExit(path);
    const { problems } = analyzeGraph(doc.graph, {}, doc.training);
    const names = new Map(doc.graph.nodes.map((n) => [n.id, n.name]));
    for (const p of problems) console.log(formatProblem(p, names));
    const errors = problems.filter((p) => p.severity === 'error').length;
    const warnings = problems.length - errors;
    console.log(errors ? `${path}: ${errors} error(s), ${warnings} warning(s)` : `${path}: valid${warnings ? ` (${warnings} warning(s))` : ''}`);
    process.exit(errors ? EXIT.invalid : EXIT.ok);
  });

program
  .command('maths')
  .argument('<graph>', 'a graph file (.json)')
  .description('print the model\'s equations as LaTeX: generative model, approximate posterior, objective, gradient estimators (exit 1 with the reason for an invalid graph)')
  .option('--json', 'print the structured description (each term with the id of its node) instead')
  .action(async (path: string, opts) => {
    const doc = readGraphOrExit(path);
    const { runMathsCommand } = await import('./cli-maths');
    process.exit(runMathsCommand(doc, path, opts));
  });

program
  .command('train')
  .argument('<graph>', 'a graph file (.json)')
  .description('train a graph by maximising its ELBO (the likelihood when it has no latent)')
  .option('--steps <n>', 'optimiser steps (overrides the graph)', positiveInt)
  .option('--epochs <n>', 'passes over the training data (overrides the graph)', positiveInt)
  .option('--seed <s>', 'random seed (overrides the graph)', seedInt)
  .option('--backend <name>', 'auto | tensorflow | wasm | cpu', 'auto')
  .option('--out <dir>', 'write graph.json, metrics.csv, each network as a LayersModel and a checkpoint')
  .option('--resume <dir>', 'continue from the checkpoint in an earlier --out folder')
  .option('--json', 'print JSON lines instead of a progress bar')
  .action(async (path: string, opts) => {
    if (opts.steps !== undefined && opts.epochs !== undefined) {
      console.error('latent-studio: give --steps or --epochs, not both');
      process.exit(EXIT.invalid);
    }
    if (!['auto', 'tensorflow', 'wasm', 'cpu'].includes(opts.backend)) {
      console.error(`latent-studio: unknown backend '${opts.backend}' (auto, tensorflow, wasm or cpu)`);
      process.exit(EXIT.invalid);
    }
    const doc = readGraphOrExit(path);
    const code = await runTrainCommand(doc, dirname(resolve(path)), opts);
    process.exit(code);
  });

program
  .command('evaluate')
  .argument('<run>', 'a run folder: from latent-studio train --out, or the app\'s .latent-studio/runs/<id>')
  .description('held-out ELBO, importance-weighted bounds (S = 1, 10, …, S) and the importance-sampled log-likelihood of a trained run')
  .option('--samples <S>', 'importance samples per example', positiveInt, 100)
  .option('--examples <n>', 'evaluate the first n held-out examples (default: all)', positiveInt)
  .option('--seed <s>', 'random seed of the draws', seedInt, 0)
  .option('--backend <name>', 'auto | tensorflow | wasm | cpu', 'auto')
  .option('--data-dir <folder>', 'the folder the graph\'s data paths are relative to')
  .option('--json', 'print one JSON line')
  .action(async (dir: string, opts) => {
    const { runEvaluateCommand } = await import('./cli-evaluate');
    process.exit(await runEvaluateCommand(dir, opts));
  });

program
  .command('estimators')
  .argument('<graph>', 'a graph file (.json)')
  .description('compare the gradient estimators its latents allow: R estimates of the ELBO gradient w.r.t. the inference network each, their variance and cosine to a reference gradient')
  .option('--run <folder>', 'use the weights (and running baselines) of a run\'s checkpoint instead of the initial ones')
  .option('--samples <R>', 'gradient estimates per estimator (at least 2)', positiveInt, 100)
  .option('--seed <s>', 'random seed of the minibatch and the draws', seedInt, 0)
  .option('--temperatures <list>', 'temperatures of the relaxed and straight-through estimators, comma-separated', (v: string) => {
    const ts = v.split(',').map(Number);
    if (ts.length === 0 || ts.some((t) => !(t > 0 && t <= 100))) throw new InvalidArgumentError('expected numbers in (0, 100], comma-separated');
    return ts;
  })
  .option('--reference-draws <n>', 'draws per example behind a large-sample reference gradient', positiveInt, 1024)
  .option('--batch <n>', 'examples in the fixed minibatch (default: the graph\'s batch size)', positiveInt)
  .option('--backend <name>', 'auto | tensorflow | wasm | cpu', 'auto')
  .option('--json', 'print one JSON object')
  .action(async (path: string, opts) => {
    if (opts.samples < 2) {
      console.error('latent-studio: --samples must be at least 2 to measure a variance');
      process.exit(EXIT.invalid);
    }
    const doc = readGraphOrExit(path);
    const { runEstimatorsCommand } = await import('./cli-estimators');
    process.exit(await runEstimatorsCommand(doc, path, dirname(resolve(path)), opts));
  });

program
  .command('export')
  .argument('<graph or run>', 'a graph file (.json), or a run folder to continue from its checkpoint')
  .description('write the model as a PyTorch project: model.py, train.py (one process or DistributedDataParallel), the data and the weights')
  .requiredOption('--out <folder>', 'a new (or empty) folder to write into')
  .option('--to <target>', 'what to write: pytorch', 'pytorch')
  .option('--data-dir <folder>', 'the folder the graph\'s data paths are relative to')
  .action(async (path: string, opts) => {
    const { runExportCommand } = await import('./cli-export');
    process.exit(await runExportCommand(path, opts));
  });

program
  .command('serve')
  .description('web mode: serve the app and its API on 127.0.0.1 with a one-time token in the URL')
  .option('--port <n>', 'port (0 = any free port)', (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port from 0 to 65535');
    return n;
  }, 0)
  .option('--dir <folder>', 'the project folder graphs are opened from and saved to (default: the current folder)')
  .option('--open', 'open the page in a browser')
  .action(async (opts) => {
    const { runServeCommand } = await import('./cli-serve');
    try {
      await runServeCommand({ port: opts.port, ...(opts.dir ? { dir: opts.dir } : {}), ...(opts.open ? { open: true } : {}) });
    } catch (e) {
      console.error(`latent-studio: ${(e as Error).message}`);
      process.exit(EXIT.unreadable);
    }
  });

program
  .command('bench')
  .description('benchmark the vae-mnist example against hand-written tfjs and PyTorch')
  .option('--steps <n>', 'training steps for Latent Studio and PyTorch', positiveInt, 2000)
  .option('--baseline-steps <n>', 'steps for the hand-written tfjs VAE (it is slow)', positiveInt, 200)
  .option('--seed <s>', 'random seed', seedInt, 0)
  .action(async (opts) => {
    const { runBenchmark } = await import('../bench/run');
    await runBenchmark({ steps: opts.steps, baselineSteps: opts.baselineSteps, seed: opts.seed });
  });

await program.parseAsync(process.argv);
