import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../../electron/engine/backend';
import { CompiledModel } from '../../../../../electron/engine/compile/model';
import { hasClosedFormKl as engineHasClosedForm } from '../../../../../electron/engine/distributions';
import { analyzeGraph, CATALOG, CLOSED_FORM_KL_PAIRS, hasClosedFormKl, klFormOf, type Family } from '../../../../../shared/graph/index';
import { tinyFamilies, tinyMixture, tinyVae } from '../../../../helpers/tiny-graphs';

beforeAll(async () => {
  await initBackend('cpu');
});

/** The engine's name for a latent's or posterior's family (a Categorical latent is one-hot). */
const engineFamily = (f: Family): string => (f === 'categorical' ? 'onehot-categorical' : f);

/** Every (posterior, prior) pair a valid graph can have: the same family, or two families over the same continuous support. */
function possiblePairs(): Array<[Family, Family]> {
  const specs = CATALOG.flatMap((k) => (k.family ? [k.family] : []));
  const continuous = ['real', 'positive', 'unit', 'simplex'];
  return specs.flatMap((p) => specs.filter((q) => q.family === p.family || (q.support === p.support && continuous.includes(p.support))).map((q): [Family, Family] => [q.family, p.family]));
}

describe('the closed-form KL rule shared by the engine and the maths view', () => {
  it('names exactly the pairs the engine has an implementation for', () => {
    const pairs = possiblePairs();
    expect(pairs.length).toBeGreaterThan(15);
    for (const [q, p] of pairs) {
      expect({ q, p, closed: hasClosedFormKl(q, p) }).toEqual({ q, p, closed: engineHasClosedForm(engineFamily(q) as never, engineFamily(p) as never) });
    }
    // And nothing in the table that no graph can reach.
    for (const [q, p] of CLOSED_FORM_KL_PAIRS) expect(pairs).toContainEqual([q, p]);
  });

  it('uses the closed form only for a wired posterior of a sampled latent in a model that sums nothing out', () => {
    const normal = { estimator: 'reparameterisation', prior: 'normal', posterior: 'normal', marginalised: false } as const;
    expect(klFormOf(normal)).toBe('closed-form');
    expect(klFormOf({ ...normal, posterior: 'laplace' })).toBe('monte-carlo');
    expect(klFormOf({ ...normal, marginalised: true })).toBe('monte-carlo');
    expect(klFormOf({ ...normal, estimator: 'score-function', prior: 'bernoulli', posterior: 'bernoulli' })).toBe('closed-form');
    expect(klFormOf({ ...normal, estimator: 'relaxed', prior: 'categorical', posterior: 'categorical' })).toBe('closed-form');
    expect(klFormOf({ ...normal, estimator: 'enumeration', prior: 'categorical', posterior: 'categorical' })).toBe('exact-sum');
    expect(klFormOf({ ...normal, estimator: 'enumeration', prior: 'categorical', posterior: null })).toBe('exact-sum');
  });

  it('is the rule the compiled model follows: a closed-form KL in the trace exactly where it says so', () => {
    const cases = [
      { doc: tinyVae(), latent: 'z', form: 'closed-form' },
      { doc: tinyFamilies({ latent: 'dist.normal', posterior: 'dist.laplace', ports: [{ name: 'loc', positive: false }, { name: 'scale', positive: true }] }), latent: 'z', form: 'monte-carlo' },
      { doc: tinyFamilies({ latent: 'dist.beta', posterior: 'dist.kumaraswamy', ports: [{ name: 'concentration1', positive: true }, { name: 'concentration0', positive: true }] }), latent: 'z', form: 'closed-form' },
      { doc: tinyMixture({ estimator: 'enumeration' }), latent: 'c', form: 'exact-sum' },
    ] as const;
    for (const c of cases) {
      const analysis = analyzeGraph(c.doc.graph, {}, c.doc.training);
      const model = new CompiledModel(analysis, c.doc.training);
      expect(model.klForms.get(c.latent)).toBe(c.form);
      // Four 2-D points (both data sets are 2-D); the columns are the data node's output ports.
      const batch = { x: tf.tensor2d([[0.1, 0.2], [1, -0.5], [-1, 0.3], [0.4, 0.4]]), label: tf.tensor1d([0, 1, 1, 0]) };
      const trace = model.trace(batch, 1);
      const site = trace.latents.find((l) => l.nodeId === c.latent)!;
      const closed = site.klClosed();
      expect(closed !== null).toBe(c.form === 'closed-form');
      model.dispose();
    }
  });
});

