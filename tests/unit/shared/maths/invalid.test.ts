import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../../../shared/graph/index';
import { describeMaths } from '../../../../shared/maths/index';
import { loadExample } from '../../../helpers/examples';
import { tinyFactors } from '../../../helpers/tiny-graphs';

describe('the maths of an invalid graph', () => {
  it('is the problem that stops it, not equations', () => {
    const doc = loadExample('vae-mnist');
    // The posterior deleted, as a student might: z is left without q.
    doc.graph.nodes = doc.graph.nodes.filter((n) => n.id !== 'q_z');
    doc.graph.edges = doc.graph.edges.filter((e) => e.source.node !== 'q_z' && e.target.node !== 'q_z');
    const result = describeMaths(doc);
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('maths');
    if (result.ok) return;
    expect(result.problem).toMatchObject({ severity: 'error', code: 'latent-no-posterior', nodeId: 'z', message: 'latent z has no approximate posterior' });
  });

  it('is the first error of the analysis when there are several', () => {
    const doc = loadExample('vae-mnist');
    doc.graph.edges = doc.graph.edges.filter((e) => e.target.port !== 'posterior' && e.target.port !== 'value');
    const errors = analyzeGraph(doc.graph, {}, doc.training).problems.filter((p) => p.severity === 'error');
    expect(errors.length).toBeGreaterThan(1);
    const result = describeMaths(doc);
    expect(result.ok ? null : result.problem).toEqual(errors[0]);
  });

  it('checks the estimators against the training settings (an objective that cannot train the latent)', () => {
    const doc = tinyFactors({ estimator: 'score-function', baseline: 'moving-average' }, { objective: { kind: 'iwae', samples: 4 } });
    const result = describeMaths(doc);
    expect(result.ok ? null : result.problem.code).toBe('estimator-objective');
  });

  it('refuses a node of a kind this version does not know', () => {
    const doc = loadExample('vae-mnist');
    doc.graph.nodes.find((n) => n.id === 'q_z')!.kind = 'dist.vonMises';
    const result = describeMaths(doc);
    expect(result.ok ? null : result.problem.message).toBe("q_z is of kind 'dist.vonMises', which this version of Latent Studio does not know");
  });

  it('still writes the equations of a graph with warnings only', () => {
    const doc = loadExample('vae-mnist');
    // A second head nobody reads: a warning ("head 'extra' of encoder is not used"), not an error.
    const encoder = doc.graph.nodes.find((n) => n.id === 'encoder')!;
    (encoder.params.heads as unknown[]).push({ name: 'extra', size: 3, activation: 'linear' });
    const problems = analyzeGraph(doc.graph, {}, doc.training).problems;
    expect(problems.some((p) => p.severity === 'warning')).toBe(true);
    expect(problems.some((p) => p.severity === 'error')).toBe(false);
    expect(describeMaths(doc).ok).toBe(true);
  });
});
