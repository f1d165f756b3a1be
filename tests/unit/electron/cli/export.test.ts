import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../../helpers/cli';
import { examplePath } from '../../../helpers/examples';
import { decodeNpz } from '../../../../electron/engine/export/pytorch/npy';
import { hasTorch, runPython } from '../../../helpers/python-torch';

const tmp = mkdtempSync(join(tmpdir(), 'cli-export-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('latent-studio export --to pytorch', () => {
  it('writes model.py, train.py, README.md, the data and the initial weights of a graph', () => {
    const out = join(tmp, 'moons');
    const r = cli(['export', examplePath('vae-two-moons.json'), '--to', 'pytorch', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote 10 files/);
    for (const f of ['model.py', 'train.py', 'README.md', 'data/train.npz', 'data/held_out.npz', 'checkpoint/state.json', 'checkpoint/model.npz', 'checkpoint/optimizer.npz']) expect(existsSync(join(out, f)), f).toBe(true);
    const model = readFileSync(join(out, 'model.py'), 'utf8');
    expect(model).toMatch(/self\.encoder = MLP\(2, /);
    expect(model).toMatch(/kl_divergence\(q_z, p_z\)/);
    const data = decodeNpz(readFileSync(join(out, 'data/train.npz')));
    expect(data.x!.shape).toEqual([1600, 2]);
    expect(JSON.parse(readFileSync(join(out, 'checkpoint/state.json'), 'utf8'))).toMatchObject({ step: 0, seed: 0 });
  }, 60_000);

  it('continues a run: its weights and the Adam state at its step', () => {
    const run = join(tmp, 'run');
    expect(cli(['train', examplePath('vae-two-moons.json'), '--steps', '30', '--backend', 'wasm', '--out', run]).code).toBe(0);
    const out = join(tmp, 'from-run');
    const r = cli(['export', run, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/continuing from step 30/);
    expect(JSON.parse(readFileSync(join(out, 'checkpoint/state.json'), 'utf8'))).toMatchObject({ step: 30, optimizerStep: 30 });
    const slots = decodeNpz(readFileSync(join(out, 'checkpoint/optimizer.npz')));
    expect(Object.keys(slots)).toContain('encoder.hidden.0.weight.exp_avg_sq');
    expect(Math.max(...slots['encoder.hidden.0.weight.exp_avg_sq']!.values)).toBeGreaterThan(0);
    if (!hasTorch()) return;
    // train.py picks up at step 30: its first report is step 40, its Adam state carried on.
    runPython(['train.py', '--device', 'cpu', '--steps', '40'], out);
    const steps = readFileSync(join(out, 'run/metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).step);
    expect(steps).toEqual([40]);
  }, 90_000);

  it('refuses a graph it cannot write yet, naming the node, and writes nothing', () => {
    const out = join(tmp, 'gumbel');
    const r = cli(['export', examplePath('gumbel-vae-mnist.json'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot export to PyTorch: Categorical q_z: /);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('will not write into a folder that holds files, or to another target', () => {
    const full = join(tmp, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'mine');
    expect(cli(['export', examplePath('vae-two-moons.json'), '--out', full]).stderr).toMatch(/exists and is not an empty folder/);
    expect(readFileSync(join(full, 'keep.txt'), 'utf8')).toBe('mine');
    const r = cli(['export', examplePath('vae-two-moons.json'), '--to', 'onnx', '--out', join(tmp, 'x')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the only target is pytorch/);
  }, 60_000);
});
