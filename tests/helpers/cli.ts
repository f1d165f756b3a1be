import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/latent-studio.mjs', import.meta.url));

/** Runs the `latent-studio` command as a user would; returns its exit code and output. */
export function cli(args: string[], timeoutMs = 600_000): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: timeoutMs });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The JSON lines a `--json` run printed. */
export function jsonLines(stdout: string): Array<Record<string, any>> {
  return stdout.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
}
