import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeGraphFile } from '../../../../shared/graph/index';
import { cli, jsonLines } from '../../../helpers/cli';
import { tinyVae } from '../../../helpers/tiny-graphs';

const dir = mkdtempSync(join(tmpdir(), 'ls-cli-train-'));

describe('latent-studio train', () => {
  it('prints metrics, eval and done as JSON lines and writes the run folder', () => {
    const graph = join(dir, 'tiny.json');
    writeFileSync(graph, serializeGraphFile(tinyVae()));
    const out = join(dir, 'run');
    const r = cli(['train', graph, '--steps', '100', '--seed', '2', '--backend', 'cpu', '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.filter((l) => l.type === 'metrics').map((l) => l.step)).toEqual([50, 100]);
    expect(lines.at(-1)).toMatchObject({ type: 'done', steps: 100, backend: 'cpu', elbo: expect.any(Number), valElbo: expect.any(Number) });
    for (const f of ['graph.json', 'metrics.csv', 'encoder/model.json', 'decoder/weights.bin', 'checkpoint/checkpoint.json']) expect(existsSync(join(out, f)), f).toBe(true);
  });

  it('exits 1 and names the node and quantity when training produces NaN', () => {
    const doc = tinyVae();
    doc.graph.nodes.find((n) => n.id === 's')!.params = { size: 2, init: 1e-30, constraint: 'positive' };
    const graph = join(dir, 'nan.json');
    writeFileSync(graph, serializeGraphFile(doc));
    const r = cli(['train', graph, '--steps', '10', '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/first appeared in log-likelihood of observed x \(node x\)/);
    expect(jsonLines(r.stdout).at(-1)).toMatchObject({ type: 'error', kind: 'non-finite', node: 'x', quantity: 'log-likelihood of observed x' });
  });

  it('exits 1 with every problem of an invalid graph, and refuses --steps with --epochs', () => {
    const doc = tinyVae();
    doc.graph.edges = doc.graph.edges.filter((e) => e.id !== 'e4');
    const graph = join(dir, 'invalid.json');
    writeFileSync(graph, serializeGraphFile(doc));
    const r = cli(['train', graph]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('latent z has no approximate posterior');
    expect(cli(['train', graph, '--steps', '3', '--epochs', '1']).code).toBe(1);
  });
});
