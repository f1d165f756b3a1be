/**
 * Debian's PyTorch (`apt-get install python3-torch`, run by /usr/bin/python3): an independent
 * reference that some tests run. Absent, those tests skip and say so.
 */
import { spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

let found: boolean | null = null;

/** Whether /usr/bin/python3 can import torch and numpy. */
export function hasTorch(): boolean {
  if (found === null) {
    const r = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8', timeout: 60_000 });
    found = r.status === 0;
    if (!found) console.warn('SKIPPED: tests that run PyTorch need /usr/bin/python3 with torch (apt-get install python3-torch; .ci/run installs it)');
  }
  return found;
}

/** Runs python with arguments in a folder; returns stdout. @throws Error with stderr when it fails */
export function runPython(args: readonly string[], cwd: string, env: Record<string, string> = {}, timeout = 120_000): string {
  const r = spawnSync(PYTHON, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, OMP_NUM_THREADS: '1', ...env } });
  if (r.status !== 0) throw new Error(`python ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stderr}`);
  return r.stdout;
}
