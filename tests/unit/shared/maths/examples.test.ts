import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeMaths, mathsLatex } from '../../../../shared/maths/index';
import { examplePath, loadExample, type ExampleName } from '../../../helpers/examples';

/**
 * The equations of every shipped example, written by hand in the tutorial's notation (VI-NOTES.md:
 * z ~ N(0, I), x | z ~ Bern(f(z)), q(z | x) = N(μ(x), σ(x)²), ELBO = E_q[log p(x | z)] − KL(q ‖ p),
 * z = μ + σ ⊙ ε) with each graph's own node names, from reading the graph files, not the code.
 */
const EXPECTED: Record<ExampleName, string> = {
  // Model 10 (MAF): no latent; the exact log-likelihood by the change of variables through four
  // MADE-conditioned affine steps, alternating order, the log-determinant subtracted (VI-NOTES).
  'maf-two-moons': String.raw`% generative model
p(x \mid \theta) = p(x)
x \sim \mathrm{MAF}(\mathcal{N}(0, I);\, \mathrm{step1}, \mathrm{step2}, \mathrm{step3}, \mathrm{step4})
% objective (log-likelihood)
\mathcal{L}(\theta) = \log p(x)
\log p(x) = \log \mathcal{N}(u^{(4)}; 0, I) - \sum_{k=1}^{4} \sum_{d=1}^{2} s^{(k)}_{d}
u^{(1)} = (x - m^{(1)}) \odot \exp(-s^{(1)}), \quad (m^{(1)}, s^{(1)}) = \mathrm{made1}(x)
u^{(2)} = (u^{(1)} - m^{(2)}) \odot \exp(-s^{(2)}), \quad (m^{(2)}, s^{(2)}) = \mathrm{made2}(u^{(1)})
u^{(3)} = (u^{(2)} - m^{(3)}) \odot \exp(-s^{(3)}), \quad (m^{(3)}, s^{(3)}) = \mathrm{made3}(u^{(2)})
u^{(4)} = (u^{(3)} - m^{(4)}) \odot \exp(-s^{(4)}), \quad (m^{(4)}, s^{(4)}) = \mathrm{made4}(u^{(3)})
m^{(k)}_{d}, s^{(k)}_{d} \text{ depend only on the dimensions before } d \text{ in the MADE's order (natural, reverse, natural, reverse)}
`,
  'vae-mnist': String.raw`% generative model
p(x, z \mid \theta) = p(z)\,p(x \mid z)
z \sim \mathcal{N}(0, I)
x \mid z \sim \mathrm{Bern}(\operatorname{sigmoid}(\mathrm{decoder}(z)))
% approximate posterior
q(z \mid x) = \mathcal{N}(\mathrm{encoder}_{\mathrm{loc}}(x), \mathrm{encoder}_{\mathrm{scale}}(x)^{2})
% objective (elbo)
\mathcal{L}(\theta, \lambda) = \mathbb{E}_{q(z \mid x)}\left[\log p(x \mid z)\right] - \mathrm{KL}(q(z \mid x) \,\|\, p(z))
% gradient estimators
z\colon \text{reparameterisation}
z = \mathrm{encoder}_{\mathrm{loc}}(x) + \mathrm{encoder}_{\mathrm{scale}}(x) \odot \epsilon, \quad \epsilon \sim \mathcal{N}(0, I)
`,
  'vae-two-moons': String.raw`% generative model
p(x, z \mid \theta) = p(z)\,p(x \mid z)
z \sim \mathcal{N}(0, I)
x \mid z \sim \mathcal{N}(\mathrm{decoder}_{\mathrm{loc}}(z), \mathrm{decoder}_{\mathrm{scale}}(z)^{2})
% approximate posterior
q(z \mid x) = \mathcal{N}(\mathrm{encoder}_{\mathrm{loc}}(x), \mathrm{encoder}_{\mathrm{scale}}(x)^{2})
% objective (elbo)
\mathcal{L}(\theta, \lambda) = \mathbb{E}_{q(z \mid x)}\left[\log p(x \mid z)\right] - \mathrm{KL}(q(z \mid x) \,\|\, p(z))
% gradient estimators
z\colon \text{reparameterisation}
z = \mathrm{encoder}_{\mathrm{loc}}(x) + \mathrm{encoder}_{\mathrm{scale}}(x) \odot \epsilon, \quad \epsilon \sim \mathcal{N}(0, I)
`,
  // Model 11, conditional: the label is side information read by both networks, so the joint is
  // conditioned on it, p(x, z | label) = p(z) p(x | z, label), and the posterior is q(z | x, label).
  'cvae-mnist': String.raw`% generative model
p(x, z \mid \mathrm{label}, \theta) = p(z)\,p(x \mid z, \mathrm{label})
z \sim \mathcal{N}(0, I)
x \mid z, \mathrm{label} \sim \mathrm{Bern}(\operatorname{sigmoid}(\mathrm{decoder}(z, \mathrm{label})))
% approximate posterior
q(z \mid x, \mathrm{label}) = \mathcal{N}(\mathrm{encoder}_{\mathrm{loc}}(x, \mathrm{label}), \mathrm{encoder}_{\mathrm{scale}}(x, \mathrm{label})^{2})
% objective (elbo)
\mathcal{L}(\theta, \lambda) = \mathbb{E}_{q(z \mid x, \mathrm{label})}\left[\log p(x \mid z, \mathrm{label})\right] - \mathrm{KL}(q(z \mid x, \mathrm{label}) \,\|\, p(z))
% gradient estimators
z\colon \text{reparameterisation}
z = \mathrm{encoder}_{\mathrm{loc}}(x, \mathrm{label}) + \mathrm{encoder}_{\mathrm{scale}}(x, \mathrm{label}) \odot \epsilon, \quad \epsilon \sim \mathcal{N}(0, I)
`,
  // Model 11, semi-supervised (M2, VI-NOTES): y ~ Cat uniform, z ~ N(0, I), x | z, y from the decoder;
  // q(y | x) a classifier, q(z | x, y); labelled rows: ELBO with y observed plus α log q(y | x) (α = 50
  // in the file); unlabelled rows: Σ_y q(y | x) ELBO(x, y) + H(q(y | x)). The posterior's joint
  // conditions on x alone: y is one of its variables.
  'm2-mnist': String.raw`% generative model
p(x, y, z \mid \theta) = p(y)\,p(z)\,p(x \mid z, y)
y \sim \mathrm{Cat}(\operatorname{softmax}(0))
z \sim \mathcal{N}(0, I)
x \mid z, y \sim \mathrm{Bern}(\operatorname{sigmoid}(\mathrm{decoder}(z, y)))
% approximate posterior
q(y, z \mid x) = q(y \mid x)\,q(z \mid x, y)
q(y \mid x) = \mathrm{Cat}(\operatorname{softmax}(\mathrm{classifier}(x)))
q(z \mid x, y) = \mathcal{N}(\mathrm{encoder}_{\mathrm{loc}}(x, y), \mathrm{encoder}_{\mathrm{scale}}(x, y)^{2})
% objective (elbo)
\mathcal{L}(\theta, \lambda) = \begin{cases} \mathcal{L}(x, y) + 50\,\log q(y \mid x) & \text{where } y \text{ is known} \\ \sum_{y} q(y \mid x)\, \mathcal{L}(x, y) + \mathcal{H}(q(y \mid x)) & \text{where it is not} \end{cases} \quad \mathcal{L}(x, y) = \mathbb{E}_{q(z \mid x, y)}\left[\log p(x \mid z, y)\right] - \mathrm{KL}(q(z \mid x, y) \,\|\, p(z)) + \log p(y)
\mathcal{H}(q(y \mid x)) = -\sum_{y} q(y \mid x) \log q(y \mid x)
y\colon \text{observed as } \mathrm{mnist}.\mathrm{label} \text{ where it is known (not } -1\text{), summed over with } q(y \mid x) \text{ elsewhere}
% gradient estimators
y\colon \text{exact enumeration}
\mathbb{E}_{q(y \mid x)}[f(y)] = \sum_{y \in \{e_1, \ldots, e_{10}\}} q(y \mid x)\, f(y)
z\colon \text{reparameterisation}
z = \mathrm{encoder}_{\mathrm{loc}}(x, y) + \mathrm{encoder}_{\mathrm{scale}}(x, y) \odot \epsilon, \quad \epsilon \sim \mathcal{N}(0, I)
`,
  // Model 1 of the tutorial: no latent, maximum likelihood of the label given the image.
  // Model 1 with a Normal: the regressor's mean and noise both from the network.
  'regressor-sine': String.raw`% generative model
p(y \mid x, \theta) = p(y \mid x)
y \mid x \sim \mathcal{N}(\mathrm{regressor}_{\mathrm{loc}}(x), \mathrm{regressor}_{\mathrm{scale}}(x)^{2})
% objective (log-likelihood)
\mathcal{L}(\theta) = \log p(y \mid x)
`,
  'classifier-mnist': String.raw`% generative model
p(\mathrm{label} \mid x, \theta) = p(\mathrm{label} \mid x)
\mathrm{label} \mid x \sim \mathrm{Cat}(\operatorname{softmax}(\mathrm{classifier}(x)))
% objective (log-likelihood)
\mathcal{L}(\theta) = \log p(\mathrm{label} \mid x)
`,
  // Model 2: c ~ Cat(π), x | c ~ N(μ_c, σ_c²), the expectation under q(c | x) an exact sum over the 4 components.
  'mixture-enumeration': String.raw`% generative model
p(x, c \mid \theta) = p(c)\,p(x \mid c)
c \sim \mathrm{Cat}(\operatorname{softmax}(\mathrm{mixing\_logits}))
x \mid c \sim \mathcal{N}(\mathrm{components}_{\mathrm{loc}}(c), \mathrm{components}_{\mathrm{scale}}(c)^{2})
% approximate posterior
q(c \mid x) = \mathrm{Cat}(\operatorname{softmax}(\mathrm{encoder}(x)))
% objective (elbo)
\mathcal{L}(\theta, \lambda) = \sum_{c} q(c \mid x)\,\log p(x \mid c) - \sum_{c} q(c \mid x) \log \frac{q(c \mid x)}{p(c)}
% gradient estimators
c\colon \text{exact enumeration}
\mathbb{E}_{q(c \mid x)}[f(c)] = \sum_{c \in \{e_1, \ldots, e_{4}\}} q(c \mid x)\, f(c)
`,
  // Model 5: z_k ~ Bern(φ) with φ learned, q(z | x) = Π Bern(NN(x)), score function with a moving-average baseline;
  // the Bernoulli pair's KL is closed form, so the learning signal is the log-likelihood alone.
  'factors-mnist': String.raw`% generative model
p(x, z \mid \theta) = p(z)\,p(x \mid z)
z \sim \mathrm{Bern}(\operatorname{sigmoid}(\mathrm{prior\_logits}))
x \mid z \sim \mathrm{Bern}(\operatorname{sigmoid}(\mathrm{decoder}(z)))
% approximate posterior
q(z \mid x) = \mathrm{Bern}(\operatorname{sigmoid}(\mathrm{encoder}(x)))
% objective (elbo)
\mathcal{L}(\theta, \lambda) = \mathbb{E}_{q(z \mid x)}\left[\log p(x \mid z)\right] - \mathrm{KL}(q(z \mid x) \,\|\, p(z))
% gradient estimators
z\colon \text{score function, baseline: moving-average}
\hat{\nabla}_{\lambda} = (f(z) - b)\,\nabla_{\lambda} \log q(z \mid x), \quad z \sim q(z \mid x)
f(z) = \log p(x \mid z)
b \leftarrow 0.9\,b + (1 - 0.9)\,\bar{f}, \quad \bar{f} = \text{batch mean of } f
`,
  // Model 7: 20 one-hot groups of 10 classes, relaxed at τ_t = max(0.5, e^{−0.0003 t}).
  'gumbel-vae-mnist': String.raw`% generative model
p(x, z \mid \theta) = p(z)\,p(x \mid z)
z \sim \mathrm{Cat}(\operatorname{softmax}(0)) \text{ in 20 groups of 10}
x \mid z \sim \mathrm{Bern}(\operatorname{sigmoid}(\mathrm{decoder}(z)))
% approximate posterior
q(z \mid x) = \mathrm{Cat}(\operatorname{softmax}(\mathrm{encoder}(x))) \text{ in 20 groups of 10}
% objective (elbo)
\mathcal{L}(\theta, \lambda) = \mathbb{E}_{q(z \mid x)}\left[\log p(x \mid z)\right] - \mathrm{KL}(q(z \mid x) \,\|\, p(z))
% gradient estimators
z\colon \text{relaxed (Gumbel-softmax / Concrete)}
y = \operatorname{softmax}((\mathrm{encoder}(x) + g) / \tau_t), \quad g = -\log(-\log u), \; u \sim \mathcal{U}(0, 1)
z = y \text{ while training; } z = \operatorname{onehot}(\arg\max y) \text{ when reporting}
\tau_t = \max(0.5, 1\, e^{-0.0003\, t})
`,
  // Model 8: Beta(1, 5) prior, Kumaraswamy posterior, reparameterised by its inverse CDF.
  'kumaraswamy-beta-mnist': String.raw`% generative model
p(x, z \mid \theta) = p(z)\,p(x \mid z)
z \sim \mathrm{Beta}(1, 5)
x \mid z \sim \mathrm{Bern}(\operatorname{sigmoid}(\mathrm{decoder}(z)))
% approximate posterior
q(z \mid x) = \mathrm{Kuma}(\mathrm{encoder}_{a}(x), \mathrm{encoder}_{b}(x))
% objective (elbo)
\mathcal{L}(\theta, \lambda) = \mathbb{E}_{q(z \mid x)}\left[\log p(x \mid z)\right] - \mathrm{KL}(q(z \mid x) \,\|\, p(z))
% gradient estimators
z\colon \text{reparameterisation}
z = (1 - (1 - u)^{1/\mathrm{encoder}_{b}(x)})^{1/\mathrm{encoder}_{a}(x)}, \quad u \sim \mathcal{U}(0, 1)
`,
  // Model 4: a bag of words, each token a draw from Cat(softmax(decoder(z))), order ignored; its
  // log-likelihood is the counts times the log-probabilities (no multinomial coefficient).
  'bow-vae-text': String.raw`% generative model
p(\mathrm{words}, z \mid \theta) = p(z)\,p(\mathrm{words} \mid z)
z \sim \mathcal{N}(0, I)
\mathrm{words} \mid z \sim \mathrm{Cat}(\operatorname{softmax}(\mathrm{decoder}(z))) \text{ per token, order ignored: } \allowbreak \log p(\mathrm{words} \mid z) = \sum_{v} \mathrm{words}_{v} \log \operatorname{softmax}(\mathrm{decoder}(z))_{v}
% approximate posterior
q(z \mid \mathrm{words}) = \mathcal{N}(\mathrm{encoder}_{\mathrm{loc}}(\mathrm{words}), \mathrm{encoder}_{\mathrm{scale}}(\mathrm{words})^{2})
% objective (elbo)
\mathcal{L}(\theta, \lambda) = \mathbb{E}_{q(z \mid \mathrm{words})}\left[\log p(\mathrm{words} \mid z)\right] - \mathrm{KL}(q(z \mid \mathrm{words}) \,\|\, p(z))
% gradient estimators
z\colon \text{reparameterisation}
z = \mathrm{encoder}_{\mathrm{loc}}(\mathrm{words}) + \mathrm{encoder}_{\mathrm{scale}}(\mathrm{words}) \odot \epsilon, \quad \epsilon \sim \mathcal{N}(0, I)
`,
  // Model 6, the sentence VAE: the sentence token by token up to its end token, each a Cat given z
  // and the words before it (the decoder's own past, so p(words | z) conditions on z alone); q from
  // a GRU encoder of the embedded sentence; the KL warmed up over 500 steps, free bits 0.25 per
  // dimension, and the decoder reading each word as the unknown token with probability 0.3 in training.
  'sentence-vae-text': String.raw`% generative model
p(\mathrm{words}, z \mid \theta) = p(z)\,p(\mathrm{words} \mid z)
z \sim \mathcal{N}(0, I)
\mathrm{words} \mid z \sim \mathrm{Cat}(\operatorname{softmax}(\mathrm{decoder}(z, \mathrm{words}_{<t}))) \text{ per token } \mathrm{words}_{t} \text{, up to its end token } \mathrm{words}_{|\mathrm{words}|+1} = \text{EOS: } \allowbreak \log p(\mathrm{words} \mid z) = \sum_{t=1}^{|\mathrm{words}|+1} \log \operatorname{softmax}(\mathrm{decoder}(z, \mathrm{words}_{<t}))_{\mathrm{words}_{t}}
% approximate posterior
q(z \mid \mathrm{words}) = \mathcal{N}(\mathrm{encoder}_{\mathrm{loc}}(\mathrm{embedding}(\mathrm{words})), \mathrm{encoder}_{\mathrm{scale}}(\mathrm{embedding}(\mathrm{words}))^{2})
% objective (elbo)
\mathcal{L}(\theta, \lambda) = \mathbb{E}_{q(z \mid \mathrm{words})}\left[\log p(\mathrm{words} \mid z)\right] - \beta_t\sum_{d=1}^{16} \max(\lambda, \overline{\mathrm{KL}}_{d}(q(z \mid \mathrm{words}) \,\|\, p(z)))
\beta_t = 1 \cdot \min(1, t / 500)
\lambda = 0.25 \text{ nats per dimension}
\overline{\mathrm{KL}}_{d}\colon \text{the KL of dimension } d \text{, averaged over the batch before the clamp}
\text{word dropout: training, } \mathrm{decoder} \text{ reads each word of } \mathrm{words}_{<t} \text{ as the unknown token with probability } 0.3
% gradient estimators
z\colon \text{reparameterisation}
z = \mathrm{encoder}_{\mathrm{loc}}(\mathrm{embedding}(\mathrm{words})) + \mathrm{encoder}_{\mathrm{scale}}(\mathrm{embedding}(\mathrm{words})) \odot \epsilon, \quad \epsilon \sim \mathcal{N}(0, I)
`,
  // Model 9, ADVI: q over ζ = log rate, rate = exp(ζ), the Jacobian term inside the Monte Carlo KL;
  // the rate is one value for the data set, so each example carries 1/N of its KL.
  'advi-weibull-poisson': String.raw`% generative model
p(x, \mathrm{rate} \mid \theta) = p(\mathrm{rate})\,p(x \mid \mathrm{rate})
\mathrm{rate} \sim \mathrm{Weibull}(3, 2)
x \mid \mathrm{rate} \sim \mathrm{Poisson}(\mathrm{rate})
% approximate posterior
q(\zeta_{\mathrm{rate}}) = \mathcal{N}(\mathrm{mu}, \mathrm{sigma}^{2}), \quad \mathrm{rate} = \exp(\zeta_{\mathrm{rate}})
% objective (elbo)
\mathcal{L}(\theta, \lambda) = \mathbb{E}_{q(\zeta_{\mathrm{rate}})}\left[\log p(x \mid \mathrm{rate})\right] - \frac{1}{N}\,\mathbb{E}_{q(\zeta_{\mathrm{rate}})}\left[\log \frac{q(\zeta_{\mathrm{rate}})}{p(\mathrm{rate})\,\left|\det J_{T^{-1}}(\zeta_{\mathrm{rate}})\right|}\right]
\mathrm{rate} = T^{-1}(\zeta_{\mathrm{rate}}) = \exp(\zeta_{\mathrm{rate}}), \quad \log\left|\det J_{T^{-1}}(\zeta_{\mathrm{rate}})\right| = \zeta_{\mathrm{rate}}
N\colon \text{number of training examples, all sharing } \mathrm{rate}
% gradient estimators
\mathrm{rate}\colon \text{reparameterisation}
\zeta_{\mathrm{rate}} = \mathrm{mu} + \mathrm{sigma} \odot \epsilon, \quad \epsilon \sim \mathcal{N}(0, I), \quad \mathrm{rate} = \exp(\zeta_{\mathrm{rate}})
`,
  // Model 10 (IAF): the VAE's model with q(z | x) an inverse autoregressive flow over the encoder's
  // Normal, two MADE-conditioned steps z_k = z_{k−1} ⊙ σ_k + m_k in alternating order; no closed-form
  // KL, so Monte Carlo, with log q by the change of variables, Σ log σ subtracted (VI-NOTES).
  'iaf-vae-mnist': String.raw`% generative model
p(x, z \mid \theta) = p(z)\,p(x \mid z)
z \sim \mathcal{N}(0, I)
x \mid z \sim \mathrm{Bern}(\operatorname{sigmoid}(\mathrm{decoder}(z)))
% approximate posterior
q(z \mid x) = \mathrm{IAF}(\mathcal{N}(\mathrm{encoder}_{\mathrm{loc}}(x), \mathrm{encoder}_{\mathrm{scale}}(x)^{2});\, \mathrm{step1}, \mathrm{step2})
% objective (elbo)
\mathcal{L}(\theta, \lambda) = \mathbb{E}_{q(z \mid x)}\left[\log p(x \mid z)\right] - \mathbb{E}_{q(z \mid x)}\left[\log \frac{q(z \mid x)}{p(z)}\right]
\log q(z \mid x) = \log \mathcal{N}(\epsilon; 0, I) - \sum_{d=1}^{20} \log \mathrm{encoder}_{\mathrm{scale}}(x)_{d} - \sum_{k=1}^{2} \sum_{d=1}^{20} s^{(k)}_{d}, \quad z = z^{(2)}
z^{(1)} = z^{(0)} \odot \exp(s^{(1)}) + m^{(1)}, \quad (m^{(1)}, s^{(1)}) = \mathrm{made1}(z^{(0)})
z^{(2)} = z^{(1)} \odot \exp(s^{(2)}) + m^{(2)}, \quad (m^{(2)}, s^{(2)}) = \mathrm{made2}(z^{(1)})
m^{(k)}_{d}, s^{(k)}_{d} \text{ depend only on the dimensions of } z^{(k-1)} \text{ before } d \text{ in the MADE's order (natural, reverse)}
% gradient estimators
z\colon \text{reparameterisation}
z = z^{(2)}, \quad z^{(0)} = \mathrm{encoder}_{\mathrm{loc}}(x) + \mathrm{encoder}_{\mathrm{scale}}(x) \odot \epsilon, \quad \epsilon \sim \mathcal{N}(0, I)
`,
};

describe('the maths of the shipped examples', () => {
  it('has an expectation for every example in assets/examples', () => {
    const files = readdirSync(dirname(examplePath('vae-mnist.json'))).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED) as ExampleName[])('writes %s as the tutorial would', (name) => {
    const result = describeMaths(loadExample(name));
    if (!result.ok) throw new Error(`${name} is invalid: ${result.problem.message}`);
    expect(mathsLatex(result.maths)).toBe(EXPECTED[name]);
  });

  it('tags each term of the VAE with the node it comes from', () => {
    const result = describeMaths(loadExample('vae-mnist'));
    if (!result.ok) throw new Error(result.problem.message);
    const m = result.maths;
    expect(m.model.map((f) => [f.nodeId, f.role, f.family])).toEqual([['z', 'prior', 'normal'], ['x', 'likelihood', 'bernoulli']]);
    expect(m.posterior.map((f) => [f.nodeId, f.distributionNodeId])).toEqual([['z', 'q_z']]);
    expect(m.model[1]!.parameters).toEqual([{ port: 'logits', latex: String.raw`\mathrm{decoder}(z)`, link: 'none', source: 'connected', nodeIds: ['decoder'] }]);
    expect(m.posterior[0]!.parameters.map((p) => p.nodeIds)).toEqual([['encoder'], ['encoder']]);
    expect(m.objective.reconstruction).toEqual([{ nodeId: 'x', latex: String.raw`\log p(x \mid z)` }]);
    expect(m.objective.kl.map((k) => [k.nodeId, k.form])).toEqual([['z', 'closed-form']]);
    expect(m.estimators.map((e) => [e.nodeId, e.estimator])).toEqual([['z', 'reparameterisation']]);
  });
});
