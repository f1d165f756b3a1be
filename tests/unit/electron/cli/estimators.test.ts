import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeGraphFile } from '../../../../shared/graph/index';
import { cli } from '../../../helpers/cli';
import { loadExample } from '../../../helpers/examples';

const dir = mkdtempSync(join(tmpdir(), 'ls-cli-estimators-'));

/** The mixture template (4 classes, exact reference, milliseconds per estimate), written to a file. */
function mixtureFile(): string {
  const path = join(dir, 'mixture.json');
  writeFileSync(path, serializeGraphFile(loadExample('mixture-enumeration')));
  return path;
}

describe('latent-studio estimators', () => {
  it('prints the table with the reference named, and the same rows as JSON', () => {
    const graph = mixtureFile();
    const text = cli(['estimators', graph, '--samples', '20', '--temperatures', '0.1,2', '--backend', 'wasm']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/at initialisation \(step 0\), wasm backend/);
    expect(text.stdout).toMatch(/with respect to the inference network: encoder \(228 parameters: encoder\/dense_0\/kernel/);
    expect(text.stdout).toMatch(/Reference gradient: exact: enumeration over the 4 configurations of c \(norm \S+\)\./);
    expect(text.stdout).toMatch(/^latent +estimator +baseline \/ τ +variance +‖mean‖ +cos to ref +ms \/ estimate$/m);
    expect(text.stdout).toMatch(/^c +score-function +moving-average +\S+ +\S+ +0\.9\d\d +\d+\.\d$/m);
    expect(text.stdout).toMatch(/^c +relaxed +τ = 0\.1 /m);
    expect(text.stdout).toMatch(/^c +enumeration +0 +\S+ +1\.000 /m);
    expect(text.stdout).toMatch(/score-function \(leave-one-out\): latent c uses the leave-one-out baseline/);

    const json = cli(['estimators', graph, '--samples', '20', '--temperatures', '0.1,2', '--backend', 'wasm', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const r = JSON.parse(json.stdout) as { type: string; reference: { kind: string; norm: number }; parameters: { size: number }; estimators: Array<{ label: string; variance: number; cosine: number; meanNorm: number }> };
    expect(r).toMatchObject({ type: 'estimators', step: 0, samples: 20, particles: 1, seed: 0, backend: 'wasm' });
    expect(r.reference.kind).toBe('exact-enumeration');
    expect(r.parameters.size).toBe(228);
    expect(r.estimators.map((e) => e.label)).toEqual([
      'score-function (none)', 'score-function (moving-average)', 'relaxed τ = 0.1', 'relaxed τ = 2',
      'straight-through τ = 0.1', 'straight-through τ = 2', 'enumeration',
    ]);
    // Enumeration is the exact gradient: its mean is the reference itself.
    expect(r.estimators.at(-1)!.meanNorm).toBeCloseTo(r.reference.norm, 6);
    // The same seeds give the same numbers in both forms.
    const ma = r.estimators[1]!;
    expect(text.stdout).toContain(ma.cosine.toFixed(3));
  });

  it('studies a run\'s checkpoint: its step, and its running baselines (the standardised row then runs)', () => {
    const path = join(dir, 'mixture-sf.json');
    const doc = loadExample('mixture-enumeration');
    Object.assign(doc.graph.nodes.find((n) => n.id === 'c')!.params, { estimator: 'score-function', baseline: 'moving-average' });
    writeFileSync(path, serializeGraphFile(doc));
    const out = join(dir, 'run');
    const trained = cli(['train', path, '--steps', '30', '--backend', 'wasm', '--json', '--out', out]);
    expect(trained.code, trained.stderr).toBe(0);
    const r = cli(['estimators', path, '--run', out, '--samples', '5', '--temperatures', '1', '--backend', 'wasm']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/mixture-sf\.json at step 30, wasm backend/);
    expect(r.stdout).toMatch(/^c +score-function +standardised /m);
    expect(r.stdout).not.toMatch(/no running statistics yet/);
  });
});
