import { describe, expect, it } from 'vitest';
import type { GraphFile } from '../../../../shared/graph/index';
import { describeMaths, type ModelMaths } from '../../../../shared/maths/index';
import { hierarchy, softplusLink } from '../../../helpers/maths-graphs';
import { tinyFactors, tinyFamilies, tinyMixture, tinyVae } from '../../../helpers/tiny-graphs';

function mathsOf(doc: GraphFile): ModelMaths {
  const r = describeMaths(doc);
  if (!r.ok) throw new Error(r.problem.message);
  return r.maths;
}

const locScale = [{ name: 'loc', positive: false }, { name: 'scale', positive: true }];
const KL = String.raw`\mathrm{KL}(q(z \mid x) \,\|\, p(z))`;
const REC = String.raw`\mathbb{E}_{q(z \mid x)}\left[\log p(x \mid z)\right]`;

/** Each expected line written by hand from the settings (the engine's objectives, docs/ARCHITECTURE.md). */
describe('the objective as the training settings make it', () => {
  it('averages S draws and weighs the KL by β', () => {
    const o = mathsOf(tinyVae({ objective: { kind: 'elbo', samples: 5, beta: 0.5 } })).objective;
    expect(o.latex).toBe(String.raw`\mathcal{L}(\theta, \lambda) = \frac{1}{5}\sum_{s=1}^{5} \left[\log p(x \mid z^{(s)})\right] - \beta\,` + KL);
    expect(o.where).toEqual([String.raw`z^{(s)} \sim q(z \mid x), \; s = 1, \ldots, 5`, String.raw`\beta = 0.5`]);
  });

  it('writes a linear warm-up and free bits per dimension, the KL averaged over the batch', () => {
    const o = mathsOf(tinyVae({ objective: { kind: 'elbo', beta: 2, warmupSteps: 1000, freeBits: 0.25, freeBitsPer: 'dimension' } })).objective;
    expect(o.latex).toBe(String.raw`\mathcal{L}(\theta, \lambda) = ` + REC + String.raw` - \beta_t\sum_{d=1}^{2} \max(\lambda, \overline{\mathrm{KL}}_{d}(q(z \mid x) \,\|\, p(z)))`);
    expect(o.where.slice(0, 2)).toEqual([String.raw`\beta_t = 2 \cdot \min(1, t / 1000)`, String.raw`\lambda = 0.25 \text{ nats per dimension}`]);
  });

  it('clamps the whole KL of an example with free bits per example', () => {
    const o = mathsOf(tinyVae({ objective: { kind: 'elbo', freeBits: 3, freeBitsPer: 'example' } })).objective;
    expect(o.latex).toBe(String.raw`\mathcal{L}(\theta, \lambda) = ` + REC + String.raw` - \max(\lambda, ` + KL + ')');
  });

  it('writes the importance-weighted bound with its S, and no KL', () => {
    const o = mathsOf(tinyVae({ objective: { kind: 'iwae', samples: 10 } })).objective;
    expect(o.latex).toBe(String.raw`\mathcal{L}_{S}(\theta, \lambda) = \mathbb{E}\left[\log \frac{1}{S}\sum_{s=1}^{S} \frac{p(x, z^{(s)})}{q(z^{(s)} \mid x)}\right]`);
    expect(o.where).toEqual([String.raw`z^{(s)} \sim q(z \mid x), \; S = 10`]);
    expect(o.kl).toEqual([]);
  });

  it('estimates the KL by Monte Carlo when the pair has no closed form (a Laplace q for a Normal z)', () => {
    const m = mathsOf(tinyFamilies({ latent: 'dist.normal', posterior: 'dist.laplace', ports: locScale }));
    expect(m.objective.kl).toEqual([{ nodeId: 'z', latent: 'z', form: 'monte-carlo', latex: String.raw`\mathbb{E}_{q(z \mid x)}\left[\log \frac{q(z \mid x)}{p(z)}\right]` }]);
  });

  it('puts the KL of a latent whose prior depends on another latent inside that latent\'s expectation', () => {
    const m = mathsOf(hierarchy());
    expect(m.joint).toBe(String.raw`p(x, z_{1}, z_{2} \mid \theta) = p(z_{1})\,p(z_{2} \mid z_{1})\,p(x \mid z_{2})`);
    expect(m.objective.kl.map((k) => [k.nodeId, k.latex])).toEqual([
      ['z1', String.raw`\mathrm{KL}(q(z_{1} \mid x) \,\|\, p(z_{1}))`],
      ['z2', String.raw`\mathbb{E}_{q(z_{1} \mid x)}\left[\mathrm{KL}(q(z_{2} \mid x) \,\|\, p(z_{2} \mid z_{1}))\right]`],
    ]);
    const three = mathsOf(hierarchy({ objective: { kind: 'elbo', samples: 3 } })).objective;
    expect(three.kl[1]!.latex).toBe(String.raw`\frac{1}{3}\sum_{s=1}^{3} \mathrm{KL}(q(z_{2} \mid x) \,\|\, p(z_{2} \mid z_{1}^{(s)}))`);
  });

  it('sums a latent with no posterior out inside the log: the marginal likelihood', () => {
    const m = mathsOf(tinyMixture({ estimator: 'enumeration', posterior: false }));
    expect(m.objective.latex).toBe(String.raw`\mathcal{L}(\theta) = \log \sum_{c} p(c)\,p(x \mid c)`);
    expect(m.posterior).toEqual([]);
    expect(m.estimators[0]!.lines[1]).toBe(String.raw`c \text{ summed out exactly: } \sum_{c \in \{e_1, \ldots, e_{3}\}} p(c) \cdots`);
  });
});

describe('the approximate posterior', () => {
  it('writes the node\'s softplus scale link around the encoder head it is applied to', () => {
    const m = mathsOf(softplusLink());
    const sigma = String.raw`\operatorname{softplus}(\mathrm{encoder}_{\mathrm{scale}}(x))`;
    expect(m.posterior[0]!.latex).toBe(String.raw`q(z \mid x) = \mathcal{N}(\mathrm{encoder}_{\mathrm{loc}}(x), ` + sigma + '^{2})');
    expect(m.posterior[0]!.parameters[1]).toEqual({ port: 'scale', latex: sigma, link: 'softplus', source: 'connected', nodeIds: ['enc'] });
    expect(m.estimators[0]!.latex).toBe(String.raw`z = \mathrm{encoder}_{\mathrm{loc}}(x) + ` + sigma + String.raw` \odot \epsilon, \quad \epsilon \sim \mathcal{N}(0, I)`);
  });
});

describe('the gradient estimator of each latent', () => {
  it('puts a Monte Carlo KL into the score function\'s learning signal, and leaves a closed-form one out', () => {
    const mc = mathsOf(tinyFamilies({ latent: 'dist.normal', posterior: 'dist.laplace', ports: locScale, estimator: 'score-function' })).estimators[0]!;
    expect(mc.lines[2]).toBe(String.raw`f(z) = \log p(x \mid z) - \log \frac{q(z \mid x)}{p(z)}`);
    const closed = mathsOf(tinyFactors({ estimator: 'score-function', baseline: 'none' })).estimators[0]!;
    expect(closed.lines.slice(1)).toEqual([String.raw`\hat{\nabla}_{\lambda} = f(z)\,\nabla_{\lambda} \log q(z \mid x), \quad z \sim q(z \mid x)`, String.raw`f(z) = \log p(x \mid z)`]);
  });

  it('names the network of a learned baseline', () => {
    const e = mathsOf(tinyFactors({ estimator: 'score-function', baseline: 'learned' })).estimators[0]!;
    expect(e).toMatchObject({ nodeId: 'z', estimator: 'score-function', baseline: 'learned' });
    expect(e.lines.at(-1)).toBe(String.raw`b = \mathrm{baseline}(x), \quad \text{fitted by minimising } (b - f(z))^{2}`);
  });

  it('writes a standardised baseline with its decay', () => {
    const e = mathsOf(tinyFactors({ estimator: 'score-function', baseline: 'standardised', latent: { baselineDecay: 0.99 } })).estimators[0]!;
    expect(e.baselineDecay).toBe(0.99);
    expect(e.lines[1]).toBe(String.raw`\hat{\nabla}_{\lambda} = \frac{f(z) - m}{\max(1, s)}\,\nabla_{\lambda} \log q(z \mid x), \quad z \sim q(z \mid x)`);
    expect(e.lines[3]).toBe(String.raw`m \leftarrow 0.99\,m + (1 - 0.99)\,\bar{f}, \quad s^{2} = \overline{f^{2}} - m^{2} \text{ (running, same decay)}`);
  });

  it('writes VIMCO for the leave-one-out baseline under the importance-weighted bound', () => {
    const e = mathsOf(tinyFactors({ estimator: 'score-function', baseline: 'leave-one-out' }, { objective: { kind: 'iwae', samples: 4 } })).estimators[0]!;
    expect(e.lines[1]).toBe(String.raw`\hat{\nabla}_{\lambda} = \sum_{s=1}^{S} (\hat{\mathcal{L}} - \hat{\mathcal{L}}_{-s})\,\nabla_{\lambda} \log q(z^{(s)} \mid x)`);
  });

  it('writes the straight-through estimator with its temperature schedule', () => {
    const e = mathsOf(tinyFactors({ estimator: 'straight-through', latent: { temperature: 2, temperatureMin: 0.3, temperatureDecay: 0.01 } })).estimators[0]!;
    expect(e.temperature).toEqual({ start: 2, min: 0.3, decay: 0.01 });
    expect(e.lines.slice(2)).toEqual([
      String.raw`z = \mathbf{1}[y > \tfrac{1}{2}] \text{ forward}, \quad \nabla_{\lambda} z := \nabla_{\lambda} y \text{ backward}`,
      String.raw`\tau_t = \max(0.3, 2\, e^{-0.01\, t})`,
    ]);
  });

  it('sums an enumerated Bernoulli latent over {0, 1}^n', () => {
    const e = mathsOf(tinyFactors({ estimator: 'enumeration', factors: 4 })).estimators[0]!;
    expect(e.latex).toBe(String.raw`\mathbb{E}_{q(z \mid x)}[f(z)] = \sum_{z \in \{0, 1\}^{4}} q(z \mid x)\, f(z)`);
  });
});
