/**
 * A TypeScript script in a real child process (node with tsx's loader, as bin/latent-studio.mjs
 * runs the app), to be killed with SIGKILL: the kill tests need a process that dies between two
 * instructions, with no exit handler, no finally block and no flush, which no in-process fake gives.
 * The child reports progress as lines on stdout; the test waits for lines and kills at a moment it
 * picks.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRng, type Rng } from '../../electron/engine/random/prng';

export class KillableChild {
  readonly lines: string[] = [];
  /** Everything the child wrote to stderr, for failure messages. */
  stderr = '';
  /** Resolves when the process is gone, with its exit code or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly proc: ChildProcess;
  private waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  private partial = '';

  constructor(script: string, args: readonly string[]) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (this.partial + chunk).split('\n');
      this.partial = parts.pop()!;
      for (const line of parts) {
        this.lines.push(line);
        this.waiters = this.waiters.filter((w) => !(w.test(line) && (w.resolve(line), true)));
      }
    });
    this.proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
  }

  /** The first line (already printed or to come) that passes `test`; rejects if the child exits or time runs out first. */
  waitFor(test: (line: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
    const seen = this.lines.find(test);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const fail = (why: string) => reject(new Error(`the child never printed ${what}: ${why}\nstdout tail: ${this.lines.slice(-5).join(' | ')}\nstderr: ${this.stderr.slice(-2000)}`));
      const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
      void this.exited.then(({ code, signal }) => (clearTimeout(timer), fail(`it exited (code ${code}, signal ${signal})`)));
      this.waiters.push({ test, resolve: (line) => (clearTimeout(timer), resolve(line)) });
    });
  }

  /** Kills the child with SIGKILL and waits until it is gone; returns the lines it printed. */
  async kill(): Promise<string[]> {
    this.proc.kill('SIGKILL');
    const { signal, code } = await this.exited;
    if (signal !== 'SIGKILL') throw new Error(`the child ended on its own (code ${code}) before it was killed\nstderr: ${this.stderr.slice(-2000)}`);
    return this.lines;
  }
}

/**
 * The seed of a kill test: KILL_SEED from the environment (to replay a failure), else `fallback`.
 * Returned with its generator so failure messages can name it.
 */
export function killSeed(fallback: number): { seed: number; rng: Rng } {
  const fromEnv = process.env.KILL_SEED;
  const seed = fromEnv !== undefined && fromEnv !== '' ? Number.parseInt(fromEnv, 10) : fallback;
  return { seed, rng: createRng(seed) };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
