import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { prepareTraining, train } from '../../../../../electron/engine/train/trainer';
import { exportCheckpointNetworks, exportNetworks, networkDir } from '../../../../../electron/engine/worker/networks-export';
import { tinyVae } from '../../../../helpers/tiny-graphs';

const tmp = mkdtempSync(join(tmpdir(), 'networks-export-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(async () => {
  await initBackend('wasm');
});

describe('networkDir', () => {
  it('keeps ordinary names and keeps every name inside <out>/networks', () => {
    const out = join(tmp, 'run');
    expect(networkDir(out, 'encoder')).toBe(join(out, 'networks', 'encoder'));
    expect(networkDir(out, 'prior net 2')).toBe(join(out, 'networks', 'prior net 2'));
    for (const name of ['..', '.', '../../etc', 'a/b', 'C:\\x', 'a\u0000b', '   ']) {
      const dir = networkDir(out, name);
      expect(dirname(dir), name).toBe(join(out, 'networks'));
      expect(['', '.', '..'], name).not.toContain(basename(dir));
    }
    expect(networkDir(out, '../../etc')).toBe(join(out, 'networks', '.._.._etc'));
  });
});

describe('exportCheckpointNetworks', () => {
  it('writes nothing and answers null when no checkpoint of that step exists', async () => {
    const out = join(tmp, 'cp');
    const p = prepareTraining(tinyVae(), '.');
    await train(p, { steps: 20, out, checkpointEvery: 20 });
    expect(await exportCheckpointNetworks(p.model, out, 10)).toBeNull();
    expect(await exportCheckpointNetworks(p.model, join(tmp, 'nowhere'), 20)).toBeNull();
    expect(existsSync(join(out, 'networks'))).toBe(false);
    expect(await exportCheckpointNetworks(p.model, out, 20)).toEqual(['encoder', 'decoder']);
    expect(existsSync(join(out, 'networks', 'decoder', 'model.json'))).toBe(true);
    expect(await exportNetworks(p.model, join(tmp, 'now'))).toEqual(['encoder', 'decoder']);
    p.model.dispose();
  });
});
