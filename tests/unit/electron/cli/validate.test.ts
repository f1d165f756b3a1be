import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../../helpers/cli';
import { examplePath } from '../../../helpers/examples';

const dir = mkdtempSync(join(tmpdir(), 'ls-cli-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const vae = readFileSync(examplePath('vae-mnist.json'), 'utf8');

describe('latent-studio validate', () => {
  it('exits 0 for a valid graph', () => {
    const r = cli(['validate', examplePath('vae-mnist.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid/);
  });

  it('exits 1 and prints each problem with its node and port', () => {
    const g = JSON.parse(vae);
    g.graph.edges = g.graph.edges.filter((e: { id: string }) => e.id !== 'e4');
    g.graph.nodes[4].params.heads[0].size = 20;
    const r = cli(['validate', write('broken.json', JSON.stringify(g))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[node z, port \'posterior\'] latent z has no approximate posterior');
    expect(r.stdout).toContain("[node x, port 'logits'] Bernoulli x needs logits of size 784; head 'logits' of decoder gives 20");
  });

  it('exits 2 for a truncated file, a missing file and a newer version', () => {
    for (const [path, pattern] of [
      [write('truncated.json', vae.slice(0, 300)), /not valid JSON/],
      [join(dir, 'missing.json'), /no such file/],
      [write('newer.json', vae.replace('"schemaVersion": 2', '"schemaVersion": 7')), /Update Latent Studio/],
      [write('other.json', '{"hello": 1}'), /not a Latent Studio graph/],
    ] as const) {
      const r = cli(['validate', path]);
      expect(r.code, path).toBe(2);
      expect(r.stderr).toMatch(pattern);
    }
  });
});
