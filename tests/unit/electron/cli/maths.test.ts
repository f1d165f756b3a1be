import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../../helpers/cli';
import { examplePath } from '../../../helpers/examples';

const dir = mkdtempSync(join(tmpdir(), 'ls-maths-'));

/** The latent factor model with its posterior deleted: z has no q. */
function withoutPosterior(): string {
  const g = JSON.parse(readFileSync(examplePath('factors-mnist.json'), 'utf8'));
  g.graph.nodes = g.graph.nodes.filter((n: { id: string }) => n.id !== 'q_z');
  g.graph.edges = g.graph.edges.filter((e: { source: { node: string }; target: { node: string } }) => e.source.node !== 'q_z' && e.target.node !== 'q_z');
  const path = join(dir, 'no-posterior.json');
  writeFileSync(path, JSON.stringify(g));
  return path;
}

describe('latent-studio maths', () => {
  it('prints the LaTeX of a graph, part by part, and exits 0', () => {
    const r = cli(['maths', examplePath('factors-mnist.json')], 60_000);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('%'))).toEqual(['% generative model', '% approximate posterior', '% objective (elbo)', '% gradient estimators']);
    expect(lines).toContain(String.raw`z \sim \mathrm{Bern}(\operatorname{sigmoid}(\mathrm{prior\_logits}))`);
    expect(lines).toContain(String.raw`q(z \mid x) = \mathrm{Bern}(\operatorname{sigmoid}(\mathrm{encoder}(x)))`);
    expect(lines).toContain(String.raw`z\colon \text{score function, baseline: moving-average}`);
    expect(r.stderr).toBe('');
  });

  it('prints the structured description with --json, each term with its node', () => {
    const r = cli(['maths', examplePath('factors-mnist.json'), '--json'], 60_000);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.maths.model.map((f: { nodeId: string }) => f.nodeId)).toEqual(['z', 'x']);
    expect(out.maths.model[0].parameters[0]).toMatchObject({ port: 'logits', nodeIds: ['phi'] });
    expect(out.maths.objective.kl).toEqual([expect.objectContaining({ nodeId: 'z', form: 'closed-form' })]);
  });

  it('prints the problem that stops an invalid graph instead of equations, and exits 1', () => {
    const path = withoutPosterior();
    const r = cli(['maths', path], 60_000);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("error   [node z, port 'posterior'] latent z has no approximate posterior");
    const json = cli(['maths', path, '--json'], 60_000);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, problem: expect.objectContaining({ code: 'latent-no-posterior', nodeId: 'z' }) });
  });

  it('exits 2 for a file it cannot read', () => {
    const r = cli(['maths', join(dir, 'missing.json')], 60_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no such file');
  });
});
