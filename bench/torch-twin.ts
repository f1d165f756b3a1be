/**
 * Runs the PyTorch twin (bench/vae_torch.py) with Debian's python3 and returns its JSON result,
 * or `{ skipped }` with the reason when python3 or torch is absent (any other failure throws).
 *
 * CLI: `npx tsx bench/torch-twin.ts --steps 300 --seed 0 --threads 2`
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mnistDataDir } from './mnist-idx';

/** What vae_torch.py prints. */
export interface TorchTwinResult {
  stepsPerSec: number;
  /** Mean per-example training ELBO (nats) over the last 10% of steps (at least 100). */
  elbo: number;
  threads: number;
  /** torch.__version__ */
  torch: string;
  /** The BLAS library the run used, e.g. "OpenBLAS (/usr/lib/…/openblas-pthread/libblas.so.3)". */
  blas: string;
}

/** Options of one PyTorch run. */
export interface TorchTwinOptions {
  steps: number;
  seed: number;
  /** torch.set_num_threads; default 2. */
  threads?: number;
}

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./vae_torch.py', import.meta.url));

/** Spawns the twin and parses the last line of its stdout. */
export async function runTorchTwin(options: TorchTwinOptions): Promise<TorchTwinResult | { skipped: string }> {
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found` };
  const args = [
    SCRIPT,
    '--steps', String(options.steps),
    '--seed', String(options.seed),
    '--threads', String(options.threads ?? 2),
    '--data-dir', mnistDataDir(),
  ];
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ code: status, stdout: out, stderr: err }));
    },
  ).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'EACCES') return { code: -1, stdout: '', stderr: `cannot run ${PYTHON}: ${err.message}` };
    throw err;
  });
  if (code === -1) return { skipped: stderr };
  const last = stdout.trim().split('\n').pop() ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    throw new Error(`vae_torch.py exited with ${code} without a JSON result:\n${stderr.slice(-2000)}`);
  }
  if (parsed && typeof parsed === 'object' && 'skipped' in parsed) return { skipped: String(parsed.skipped) };
  if (code !== 0) throw new Error(`vae_torch.py exited with ${code}:\n${stderr.slice(-2000)}`);
  return parsed as TorchTwinResult;
}

function argValue(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  runTorchTwin({
    steps: Number(argValue(args, '--steps', '300')),
    seed: Number(argValue(args, '--seed', '0')),
    threads: Number(argValue(args, '--threads', '2')),
  }).then(
    (result) => console.log(JSON.stringify(result)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
