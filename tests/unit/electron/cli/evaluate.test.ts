import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeGraphFile } from '../../../../shared/graph/index';
import { cli, jsonLines } from '../../../helpers/cli';
import { tinyVae } from '../../../helpers/tiny-graphs';

const dir = mkdtempSync(join(tmpdir(), 'ls-cli-evaluate-'));

describe('latent-studio evaluate', () => {
  it('prints the held-out ELBO and importance-weighted bounds that rise with S, from a trained run folder', () => {
    const graph = join(dir, 'tiny.json');
    writeFileSync(graph, serializeGraphFile(tinyVae({ duration: { steps: 300 }, optimizer: { kind: 'adam', learningRate: 0.01 } })));
    const out = join(dir, 'run');
    expect(cli(['train', graph, '--backend', 'cpu', '--json', '--out', out]).code).toBe(0);
    const r = cli(['evaluate', out, '--samples', '100', '--backend', 'cpu', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const e = jsonLines(r.stdout).at(-1)!;
    expect(e).toMatchObject({ type: 'evaluation', step: 300, examples: 80, samples: 100, backend: 'cpu' });
    const bounds = e.iwae as Array<{ samples: number; bound: number; standardError: number }>;
    expect(bounds.map((b) => b.samples)).toEqual([1, 10, 100]);
    // L_1 is a Monte Carlo ELBO: within a few standard errors of the closed-form-KL ELBO.
    expect(Math.abs(bounds[0]!.bound - e.elbo)).toBeLessThan(4 * bounds[0]!.standardError + 0.02);
    // L_S is non-decreasing in S (here strictly: the posterior is not exact), and the estimate is the last.
    expect(bounds[1]!.bound).toBeGreaterThan(bounds[0]!.bound);
    expect(bounds[2]!.bound).toBeGreaterThan(bounds[1]!.bound);
    expect(e.logLikelihood).toBe(bounds[2]!.bound);
    const text = cli(['evaluate', out, '--samples', '10', '--examples', '20', '--backend', 'cpu']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/20 held-out examples/);
    expect(text.stdout).toMatch(/IWAE bound, S = 10 /);
  });

  it('says why a folder is not a run', () => {
    const r = cli(['evaluate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a run folder: it has neither graph.json/);
  });
});
