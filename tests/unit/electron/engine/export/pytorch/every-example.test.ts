/**
 * Every shipped example either exports to PyTorch and trains 20 steps there, or is refused with
 * its reason: the two lists below are the export's coverage, kept visible.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../../electron/engine/backend';
import { ExportRefusedError } from '../../../../../../electron/engine/export/pytorch/export-pytorch';
import { examplePath, loadExample, type ExampleName } from '../../../../../helpers/examples';
import { exportExample, withMnistLimit } from '../../../../../helpers/pytorch-export';
import { hasTorch, runPython } from '../../../../../helpers/python-torch';

const EXPORTED: ExampleName[] = ['bow-vae-text', 'classifier-mnist', 'cvae-mnist', 'regressor-sine', 'vae-mnist', 'vae-two-moons'];

/** The examples the export refuses, and the reason it gives (naming the node in the way). */
const REFUSED: Partial<Record<ExampleName, RegExp>> = {
  'advi-weibull-poisson': /Weibull .*Normal latents and posteriors only/,
  'factors-mnist': /Bernoulli .*Normal latents and posteriors only/,
  'gumbel-vae-mnist': /Categorical q_z: .*Normal latents and posteriors only/,
  'iaf-vae-mnist': /MADE made1: .* does not write MADE networks yet/,
  'kumaraswamy-beta-mnist': /Kumaraswamy .*Normal latents and posteriors only/,
  'm2-mnist': /MNIST mnist: the PyTorch export does not write withheld labels/,
  'maf-two-moons': /MADE .* does not write MADE networks yet/,
  'mixture-enumeration': /Categorical .*Normal latents and posteriors only/,
  'sentence-vae-text': /Embedding embedding: the PyTorch export does not write Embedding networks yet \(MLPs only\)/,
};

const torch = hasTorch();
const dirs: string[] = [];

beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the PyTorch export of every example', () => {
  it('lists every shipped example as exported or refused', () => {
    const shipped = readdirSync(join(examplePath('x'), '..')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
    expect([...EXPORTED, ...Object.keys(REFUSED)].sort()).toEqual(shipped);
  });

  for (const [name, reason] of Object.entries(REFUSED) as Array<[ExampleName, RegExp]>) {
    it(`refuses ${name} with the reason`, () => {
      let error: unknown;
      try {
        exportExample(name, withMnistLimit(loadExample(name), 100));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ExportRefusedError);
      expect((error as Error).message).toMatch(reason);
      expect((error as ExportRefusedError).refusal.nodeId).toBeTruthy();
    });
  }

  for (const name of EXPORTED) {
    it.skipIf(!torch)(`exports ${name}, whose code compiles and trains 20 steps`, () => {
      const dir = exportExample(name, undefined, { heldOut: 500 });
      dirs.push(dir);
      runPython(['-m', 'py_compile', 'model.py', 'train.py'], dir);
      runPython(['train.py', '--device', 'cpu', '--steps', '20'], dir);
      const records = readFileSync(join(dir, 'run', 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(records.map((r) => r.step)).toEqual([10, 20]);
      for (const r of records) expect(Number.isFinite(r.elbo)).toBe(true);
      const state = JSON.parse(readFileSync(join(dir, 'run', 'checkpoint', 'state.json'), 'utf8'));
      expect(state).toMatchObject({ step: 20, optimizerStep: 20 });
    }, 60_000);
  }
});
