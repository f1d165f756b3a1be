import { describe, expect, it } from 'vitest';
import { describeMaths, type ModelMaths } from '../../../../shared/maths/index';
import type { GraphFile } from '../../../../shared/graph/index';
import { loadExample } from '../../../helpers/examples';
import { logDetLatex } from '../../../../shared/maths/transform';

/** The maths of the ADVI template after a change, or a failure with the problem. */
function maths(change: (doc: GraphFile, rate: GraphFile['graph']['nodes'][number]) => void): ModelMaths {
  const doc = loadExample('advi-weibull-poisson');
  change(doc, doc.graph.nodes.find((n) => n.id === 'rate')!);
  const r = describeMaths(doc);
  if (!r.ok) throw new Error(r.problem.message);
  return r.maths;
}

const ZETA = String.raw`\zeta_{\mathrm{rate}}`;
const JACOBIAN = (zeta: string) => String.raw`\left|\det J_{T^{-1}}(${zeta})\right|`;

describe('the maths of a transformed latent (ADVI)', () => {
  it('writes S draws of ζ, the latent of each draw, and softplus\'s log-Jacobian', () => {
    const m = maths((doc, rate) => {
      rate.params.transform = 'softplus';
      doc.training.objective = { kind: 'elbo', samples: 3, beta: 1, warmupSteps: 0, freeBits: 0, freeBitsPer: 'dimension' };
    });
    expect(m.objective.latex).toBe(String.raw`\mathcal{L}(\theta, \lambda) = \frac{1}{3}\sum_{s=1}^{3} \left[\log p(x \mid \mathrm{rate}^{(s)})\right] - \frac{1}{N}\,\frac{1}{3}\sum_{s=1}^{3} \log \frac{q(${ZETA}^{(s)})}{p(\mathrm{rate}^{(s)})\,${JACOBIAN(`${ZETA}^{(s)}`)}}`);
    expect(m.objective.where).toEqual([
      String.raw`${ZETA}^{(s)} \sim q(${ZETA}), \; s = 1, \ldots, 3`,
      String.raw`\mathrm{rate} = T^{-1}(${ZETA}) = \operatorname{softplus}(${ZETA}), \quad \log${JACOBIAN(ZETA)} = \log \operatorname{sigmoid}(${ZETA})`,
      String.raw`N\colon \text{number of training examples, all sharing } \mathrm{rate}`,
    ]);
    expect(m.objective.kl.map((k) => k.form)).toEqual(['monte-carlo']);
  });

  it('puts the Jacobian in the importance weights of a per-example transformed latent, and in a score function\'s signal', () => {
    const iwae = maths((doc, rate) => {
      rate.params.plate = 'per-example';
      doc.training.objective = { kind: 'iwae', samples: 5 };
    });
    expect(iwae.objective.latex).toBe(String.raw`\mathcal{L}_{S}(\theta, \lambda) = \mathbb{E}\left[\log \frac{1}{S}\sum_{s=1}^{S} \frac{p(x, \mathrm{rate}^{(s)})\,${JACOBIAN(`${ZETA}^{(s)}`)}}{q(${ZETA}^{(s)})}\right]`);
    expect(iwae.objective.where[1]).toBe(String.raw`\mathrm{rate} = T^{-1}(${ZETA}) = \exp(${ZETA}), \quad \log${JACOBIAN(ZETA)} = ${ZETA}`);
    const score = maths((_doc, rate) => {
      rate.kind = 'dist.gamma';
      rate.params = { role: 'latent', size: 1, transform: 'exp', estimator: 'score-function', baseline: 'none' };
    });
    expect(score.estimators[0]!.lines).toEqual([
      String.raw`\mathrm{rate}\colon \text{score function, baseline: none}`,
      String.raw`\hat{\nabla}_{\lambda} = f(${ZETA})\,\nabla_{\lambda} \log q(${ZETA}), \quad ${ZETA} \sim q(${ZETA})`,
      String.raw`f(${ZETA}) = \log p(x \mid \mathrm{rate}) - \log \frac{q(${ZETA})}{p(\mathrm{rate})\,${JACOBIAN(ZETA)}}, \quad \mathrm{rate} = \exp(${ZETA})`,
    ]);
    expect(score.objective.where).toEqual([String.raw`\mathrm{rate} = T^{-1}(${ZETA}) = \exp(${ZETA}), \quad \log${JACOBIAN(ZETA)} = ${ZETA}`]);
    expect(logDetLatex('sigmoid', ZETA, 1)).toBe(String.raw`\log \operatorname{sigmoid}(${ZETA}) + \log(1 - \operatorname{sigmoid}(${ZETA}))`);
    // More than one dimension: the log-determinant sums over them.
    expect(logDetLatex('exp', ZETA, 4)).toBe(String.raw`\sum_{d} \zeta_{\mathrm{rate}, d}`);
    expect(logDetLatex('sigmoid', ZETA, null)).toBe(String.raw`\sum_{d} (\log \operatorname{sigmoid}(\zeta_{\mathrm{rate}, d}) + \log(1 - \operatorname{sigmoid}(\zeta_{\mathrm{rate}, d})))`);
  });
});
