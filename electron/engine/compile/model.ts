import * as tf from '@tensorflow/tfjs';
import type { Analysis, AnalyzedNode, Estimator, EstimatorParams, Incoming, TrainingSettings } from '../../../shared/graph/index';
import { featureWidth, flowInternals, flowSteps, klFormOf, latentEstimator, linkOf, mlpInputWidth, observedWhereKnown, randomVariablesAfter, transformOf, type KlForm } from '../../../shared/graph/index';
import { AffineFlow, CategoricalSequence, InverseAutoregressiveFlow, klDivergencePerDim, makeDistribution, type Distribution, type Family } from '../distributions/index';
import { drawLatent, type PassMode } from '../estimators/draw';
import { configurationIndices, supportOf } from '../estimators/enumeration';
import { temperatureAt } from '../estimators/temperature';
import { elboTerms, type ElboTerms } from '../objectives/elbo-terms';
import { knownLabelAccuracy } from '../objectives/known-labels';
import { lazy, rowCount, type LatentSite, type ObservedSite, type Rows, type Trace } from './trace';
import { deriveSeed } from '../random/prng';
import { MlpModule } from './mlp-module';
import { MadeModule } from './made-module';
import { EmbeddingModule } from './embedding-module';
import { GruEncoderModule } from './gru-encoder-module';
import { GruDecoderModule } from './gru-decoder-module';
import { inverseSoftplus } from './links';
import { logAbsDetJacobianPerDim, untransform } from './constraint-transform';

/** One batch of the data set, column name → tensor ([B, size] values, [B] class indices). */
export type Batch = Readonly<Record<string, tf.Tensor>>;

export interface TraceOptions {
  /** Draws of the sampled latents per example (default 1). */
  readonly particles?: number;
  /** 'train' (default): relaxed latents pass their relaxed draws on; 'honest': the discrete draws of the same noise. */
  readonly mode?: PassMode;
  /** The training step (anneals temperatures; default 0). */
  readonly step?: number;
  /** Also compute the accuracy of observed Categoricals (evaluation). */
  readonly accuracy?: boolean;
  /** Called with every quantity as it is computed, in graph order (NaN diagnosis). */
  readonly trace?: (label: string, nodeId: string, value: tf.Tensor) => void;
}

/** Where `forward` draws each latent from. */
export type LatentSource = 'prior' | 'posterior' | 'posterior-mean';

/**
 * What `forward` returns: the latents only (encoding), the observed variables' means (decoding),
 * or a draw of each observed variable x ~ p(x | z) (generating data, observation noise included).
 */
export type ForwardOutputs = 'latents' | 'observed' | 'observed-samples';

export interface ForwardRequest {
  /** 'prior': z ~ p(z), no data read; 'posterior': z ~ q(z | x); 'posterior-mean': z = E_q[z]. */
  readonly latents: LatentSource;
  readonly outputs: ForwardOutputs;
  readonly seed: number;
  /** The data; required unless latents come from the prior (and then ignored). */
  readonly batch?: Batch | null;
  /** The number of rows to generate from the prior (the batch's rows otherwise). */
  readonly rows?: number;
  /**
   * Generating: data columns given as side information (a conditional decoder's label), by column
   * name, one row per draw; an observed variable that reads only these columns besides the latents
   * is then generated too. Ignored when the latents come from the posterior (the batch is read).
   */
  readonly given?: Batch | null;
}

export interface ForwardResult {
  /** The value of each latent evaluated (its draw or posterior mean), [rows, size], by name. */
  readonly latents: Readonly<Record<string, tf.Tensor>>;
  /**
   * Each observed variable's mean, [rows, size] (Categorical: probabilities [rows, K]), by name;
   * with `outputs: 'observed-samples'`, one draw per row instead, [rows, size] float32
   * (Categorical: the class index, [rows, 1]).
   */
  readonly observed: Readonly<Record<string, tf.Tensor>>;
}

/** The input ports a node reads when generating: a latent its prior's, an observed variable its parameters (never its value). */
function portsWhenGenerating(a: AnalyzedNode): string[] {
  const ports = Object.keys(a.inputs);
  // A GRU decoder run on its own draws reads no sentence (teacher forcing is for training).
  if (a.node.kind === 'network.gruDecoder') return ports.filter((p) => p !== 'tokens');
  if (a.kind.category !== 'distribution') return ports;
  if (a.params.role === 'latent') return ports.filter((p) => p !== 'posterior' && p !== 'baseline');
  // A flow density draws by inverting its steps with its MADEs' weights; it reads no data.
  if (a.params.role === 'observed') return a.node.kind === 'dist.flow' ? [] : ports.filter((p) => p !== 'value');
  return ports;
}

/** The input ports a node reads when encoding: a latent only its posterior, an observed variable its parameters. */
function portsWhenEncoding(a: AnalyzedNode): string[] {
  if (a.kind.category === 'distribution' && a.params.role === 'latent') return ['posterior'];
  return portsWhenGenerating(a);
}

/** Seed tag of observed draws in `forward`, apart from the latents' seeds (which are tagged by node index alone). */
const OBSERVED_DRAW = 0x0b5d;
/** Seed tag of a GRU decoder's word dropout in a training pass. */
const WORD_DROPOUT = 0x3d70;

/**
 * What a GRU decoder's logits are in a pass that generates (`forward`): not a tensor, since each
 * position's logits depend on the tokens drawn before, but the decoder and its code z, which the
 * Categorical observing the sentence draws through.
 */
class FreeRunningDecoder {
  constructor(readonly module: GruDecoderModule, readonly z: tf.Tensor2D) {}
}

/** Generation was asked for, and a latent's prior reads the data, so there is nothing to generate from. */
export class PriorDependsOnDataError extends Error {
  constructor(readonly latent: string) {
    super(`the prior of latent ${latent} depends on the data; sampling from the prior needs priors that do not`);
    this.name = 'PriorDependsOnDataError';
  }
}

/** Encoding was asked for, and a latent is summed out exactly, so it has no posterior to encode with. */
export class NoPosteriorError extends Error {
  constructor(readonly latent: string) {
    super(`latent ${latent} is summed out by enumeration and has no approximate posterior to encode with`);
    this.name = 'NoPosteriorError';
  }
}

type Value = tf.Tensor | Distribution | FreeRunningDecoder;

/** What a pass over the graph does at random variables; everything else is evaluated alike. */
interface Walker {
  readonly batch: Batch | null;
  /** Rows of the pass: shared (unbatched) inputs to networks are broadcast to this. */
  readonly rows: number;
  /** Node ids to evaluate; every node when absent. */
  readonly only?: ReadonlySet<string>;
  readonly trace?: TraceOptions['trace'];
  /**
   * GRU decoders: read the observed sentence (teacher forcing, training and scoring), with word
   * dropout from this seed when it is not null; or run on their own draws (generating, decoding).
   */
  readonly decoders: { readonly teacherForcing: true; readonly wordDropoutSeed: number | null } | { readonly teacherForcing: false };
  /**
   * A latent's value; prior and posterior are built only when asked for (the posterior is null
   * when none is wired, as for an enumerated latent summed out). `baseline` reads its learned
   * baseline. `after` runs once the value is in place.
   */
  latent(a: AnalyzedNode, prior: () => Distribution, posterior: () => Distribution | null, baseline: () => tf.Tensor | null, known: () => tf.Tensor | null): { sample: tf.Tensor; after?: () => void };
  observed(a: AnalyzedNode, d: Distribution, value: () => tf.Tensor): void;
}

/** A learnable free parameter: stored raw, passed through softplus when constrained positive. */
interface Learnable {
  readonly raw: tf.Variable;
  readonly positive: boolean;
}

/**
 * A graph compiled to tfjs: the networks' and free parameters' variables, and a function that
 * evaluates the ELBO's terms on a batch. Sampling is seeded by the caller so that a step is a pure
 * function of (weights, batch, seed).
 */
export class CompiledModel {
  readonly networks = new Map<string, MlpModule>();
  /** The Embedding, GRU encoder and GRU decoder networks, by node id. */
  readonly sequenceNetworks = new Map<string, EmbeddingModule | GruEncoderModule | GruDecoderModule>();
  readonly learnables = new Map<string, Learnable>();
  /** Constants and unconnected-port defaults, created once and kept. */
  private readonly constants = new Map<string, tf.Tensor>();
  private readonly nodeIndex = new Map<string, number>();
  readonly latents: readonly AnalyzedNode[];
  readonly observed: readonly AnalyzedNode[];
  readonly dataNode: AnalyzedNode;
  /** Each latent's estimator, by node id. */
  readonly estimators = new Map<string, Estimator>();
  /** The enumerated latents, in graph order (their configurations are numbered in this order). */
  private readonly enumerated: readonly AnalyzedNode[];
  /** For each latent, by name: the random variables whose distribution depends on its value. */
  private readonly downstream = new Map<string, ReadonlySet<string>>();
  /** How each latent's KL is estimated, by node id: the shared rule (`klFormOf`) that the maths view writes. */
  readonly klForms = new Map<string, KlForm>();
  /** The flow steps and their MADEs, which a Flow density evaluates itself (a pass skips them). */
  private readonly flowInternal: ReadonlySet<string>;
  /**
   * N, the number of training examples: a global latent's terms enter the per-example objective
   * divided by it (set by `prepareTraining`; a graph with a global latent cannot be traced without it).
   */
  trainingExamples: number | null = null;

  constructor(readonly analysis: Analysis, readonly training: TrainingSettings) {
    const seed = training.seed;
    const ordered = analysis.order.map((id) => analysis.nodes.get(id)!);
    ordered.forEach((a, i) => this.nodeIndex.set(a.node.id, i));
    this.latents = ordered.filter((a) => a.kind.category === 'distribution' && a.params.role === 'latent');
    this.observed = ordered.filter((a) => a.kind.category === 'distribution' && a.params.role === 'observed');
    const data = ordered.filter((a) => a.kind.category === 'data' && Object.values(a.consumers).some((l) => l.length > 0));
    if (data.length !== 1) throw new Error(`a model trains on exactly one data set; this graph uses ${data.length}`);
    this.dataNode = data[0]!;
    for (const l of this.latents) this.estimators.set(l.node.id, latentEstimator(l));
    this.enumerated = this.latents.filter((l) => this.estimators.get(l.node.id) === 'enumeration');
    const marginalised = this.enumerated.length > 0 && this.enumerated.every((a) => (a.inputs.posterior?.length ?? 0) === 0);
    for (const l of this.latents) {
      const posterior = l.inputs.posterior?.[0]?.type.family ?? null;
      this.klForms.set(l.node.id, klFormOf({ estimator: this.estimators.get(l.node.id)!, prior: l.kind.family!.family, posterior, marginalised, transformed: transformOf(l.params) !== 'none' }));
    }
    this.flowInternal = flowInternals(analysis.nodes);
    for (const l of this.latents) this.downstream.set(l.node.name, new Set([...randomVariablesAfter(analysis, l.node.id)].map((id) => analysis.nodes.get(id)!.node.name)));
    for (const a of ordered) {
      const id = a.node.id;
      const nodeSeed = deriveSeed(seed, 0x1417, this.nodeIndex.get(id)!);
      if (a.node.kind === 'network.made') {
        const width = mlpInputWidth(a.inputs.in ?? []);
        if (width === null) throw new Error(`the input width of MADE ${a.node.name} is unknown`);
        this.networks.set(id, new MadeModule(a.node.name, a.params, width, nodeSeed));
      } else if (a.node.kind === 'network.mlp') {
        const width = mlpInputWidth(a.inputs.in ?? []);
        if (width === null) throw new Error(`the input width of network ${a.node.name} is unknown`);
        this.networks.set(id, new MlpModule(a.node.name, a.params, width, nodeSeed));
      } else if (a.node.kind === 'network.embedding' || a.node.kind === 'network.gruEncoder' || a.node.kind === 'network.gruDecoder') {
        this.sequenceNetworks.set(id, sequenceModuleOf(a, nodeSeed));
      } else if (a.node.kind === 'param.learnable') {
        const positive = a.params.constraint === 'positive';
        const raw = positive ? inverseSoftplus(a.params.init) : a.params.init;
        this.learnables.set(id, { raw: tf.tidy(() => tf.variable(tf.fill([1, a.params.size], raw))), positive });
      } else if (a.node.kind === 'param.constant') {
        this.constants.set(`${id}.out`, tf.keep(tf.fill([1, a.params.size], a.params.value)));
      }
    }
  }

  /** Every trainable variable with its stable name, in a fixed order: networks in graph order, then free parameters. */
  get namedVariables(): Array<readonly [string, tf.Variable]> {
    return [
      ...[...this.networks.values()].flatMap((n) => n.namedVariables),
      ...[...this.sequenceNetworks.values()].flatMap((n) => n.namedVariables),
      ...[...this.learnables.entries()].map(([id, l]) => [`${this.analysis.nodes.get(id)!.node.name}/value`, l.raw] as const),
    ];
  }

  get variables(): tf.Variable[] {
    return this.namedVariables.map(([, v]) => v);
  }

  /**
   * One pass over the graph on a batch, recording every random variable: for each latent its
   * prior, posterior, the value drawn as its estimator prescribes, and lazily log p, log q and the
   * closed-form KL; for each observed variable log p(x | …). The batch is repeated for every
   * particle and every configuration of the enumerated latents (see `Rows`). Latent noise comes
   * from seeds derived from `seed` and the node, so a pass is a pure function of (weights, batch, seed).
   */
  trace(batch: Batch, seed: number, options: TraceOptions = {}): Trace {
    const B = (Object.values(batch)[0] as tf.Tensor).shape[0]!;
    const particles = options.particles ?? 1;
    const mode = options.mode ?? 'train';
    const step = options.step ?? 0;
    const sizes = this.enumerated.map((a) => this.supportSizeOf(a));
    if (!Number.isInteger(particles) || particles < 1) throw new Error(`particles must be a whole number ≥ 1, got ${particles}`);
    const rows: Rows = { batch: B, particles, configurations: sizes.reduce((x, y) => x * y, 1) };
    const R = rowCount(rows);
    const repeated = R === B ? batch : Object.fromEntries(Object.entries(batch).map(([k, t]) => [k, tf.tile(t, t.rank === 1 ? [R / B] : [R / B, 1])]));
    const observed: ObservedSite[] = [];
    const latents: LatentSite[] = [];
    const accuracy: Record<string, tf.Scalar> = {};
    const trace = options.trace;
    this.walk({
      batch: repeated,
      rows: R,
      decoders: { teacherForcing: true, wordDropoutSeed: mode === 'train' ? deriveSeed(seed, WORD_DROPOUT) : null },
      ...(trace ? { trace } : {}),
      latent: (a, prior, posterior, baselineOf, knownOf) => {
        const name = a.node.name;
        const estimator = this.estimators.get(a.node.id)!;
        const settings = a.params as EstimatorParams;
        const p = prior();
        const q = posterior();
        const enumerated = estimator === 'enumeration';
        const temperature = estimator === 'relaxed' || estimator === 'straight-through' ? temperatureAt(settings, step) : null;
        let value: tf.Tensor;
        let scored: tf.Tensor;
        let reparameterised = false;
        const transform = transformOf(a.params);
        if (enumerated) {
          const i = this.enumerated.indexOf(a);
          const support = supportOf(q ?? p);
          value = tf.gather(support, tf.tensor1d(configurationIndices(sizes, i, particles * B), 'int32'));
          scored = value;
        } else {
          if (!q) throw new Error(`internal: latent ${name} has no approximate posterior`);
          ({ value, scored, reparameterised } = drawLatent(estimator, q, deriveSeed(seed, this.nodeIndex.get(a.node.id)!), R, mode, temperature));
        }
        // ADVI: q is over the unconstrained ζ (`scored`), the latent is z = T⁻¹(ζ), and p enters as
        // the density of ζ: p(T⁻¹(ζ)) |det J_{T⁻¹}(ζ)|, so log q − log p is the KL integrand over ζ.
        const zeta = scored;
        if (transform !== 'none') {
          const z = untransform(transform, value);
          scored = scored === value ? z : untransform(transform, scored);
          value = z;
        }
        const logDetPerDim = lazy(() => (transform === 'none' ? null : logAbsDetJacobianPerDim(transform, zeta)));
        // A global latent is one value for the whole data set: its terms are shared by the N
        // examples, so each example's objective carries 1/N of them (N × the mean is the data set's ELBO).
        const share = a.params.plate === 'global' ? 1 / this.globalShare(name) : 1;
        const shared = (t: tf.Tensor): tf.Tensor => (share === 1 ? t : tf.mul(t, share));
        const toRows = (t: tf.Tensor): tf.Tensor => (t.shape[0] === R ? t : tf.broadcastTo(t, [R, ...t.shape.slice(1)]));
        const logP = lazy(() => {
          const d = logDetPerDim();
          return shared(toRows(d ? tf.add(p.logProb(scored), tf.sum(d, -1)) : p.logProb(scored)));
        });
        const logQ = lazy(() => {
          if (!q) throw new Error(`internal: latent ${name} has no approximate posterior`);
          return shared(toRows(q.logProb(zeta)));
        });
        const closedForm = this.klForms.get(a.node.id) === 'closed-form';
        const klClosedPerDim = lazy(() => {
          if (!closedForm || !q) return null;
          const perDim = klDivergencePerDim(q, p);
          // The shared table promised a closed form: a missing implementation is a bug, not a reason to estimate.
          if (perDim === null) throw new Error(`internal: no closed-form KL(${q.family} ‖ ${p.family}) is registered for latent ${name}`);
          return perDim;
        });
        const klClosed = lazy(() => {
          const perDim = klClosedPerDim();
          return perDim ? shared(toRows(tf.sum(perDim, -1))) : null;
        });
        const klPerDim = lazy(() => {
          const perDim = klClosedPerDim();
          if (perDim) return shared(toRows(perDim));
          if (!q) throw new Error(`internal: latent ${name} has no approximate posterior`);
          const d = logDetPerDim();
          const logPPerDim = d ? tf.add(p.logProbPerDim(scored), d) : p.logProbPerDim(scored);
          return shared(toRows(tf.sub(q.logProbPerDim(zeta), logPPerDim)));
        });
        const b = baselineOf();
        const labels = observedWhereKnown(a.params) ? knownOf() : null;
        const known = labels ? { labels: tf.reshape(labels, [R]), weight: a.params.classificationWeight as number } : null;
        const site: LatentSite = {
          role: 'latent', name, nodeId: a.node.id, estimator, settings, p, q, value, reparameterised, enumerated, temperature,
          baseline: b ? tf.reshape(b, [R]) : null, known, logP, logQ, klClosed, klPerDim,
        };
        latents.push(site);
        if (options.accuracy && known && q) accuracy[name] = knownLabelAccuracy(site);
        return {
          sample: value,
          after: () => {
            // After `put`, so a diagnosis lists the sample before its KL, as it always has.
            if (!trace) return;
            const k = enumerated ? null : klClosed();
            trace(`KL of latent ${name}`, a.node.id, k ?? tf.sub(logQ(), logP()));
          },
        };
      },
      observed: (a, d, value) => {
        const v = value();
        const lp = d.logProb(v);
        if (trace) trace(`log-likelihood of observed ${a.node.name}`, a.node.id, lp);
        observed.push({ role: 'observed', name: a.node.name, nodeId: a.node.id, p: d, value: v, logP: lp.shape[0] === R ? lp : tf.broadcastTo(lp, [R]) });
        if (options.accuracy && d.family === 'categorical') {
          const predicted = tf.argMax(d.mean(), 1);
          accuracy[a.node.name] = tf.mean(tf.cast(tf.equal(predicted, tf.cast(tf.reshape(v, [-1]), 'int32')), 'float32')) as tf.Scalar;
        }
      },
    });
    return { rows, observed, latents, downstream: this.downstream, accuracy };
  }

  /**
   * The ELBO's terms on a batch (`elboTerms` of an honest trace, one draw per example): held-out
   * evaluation, the NaN diagnosis, and gradient checks.
   */
  run(batch: Batch, seed: number, options: Omit<TraceOptions, 'particles' | 'mode'> = {}): ElboTerms & { accuracy: Readonly<Record<string, tf.Scalar>> } {
    const t = this.trace(batch, seed, { ...options, mode: 'honest' });
    return { ...elboTerms(t), accuracy: t.accuracy };
  }

  /**
   * The names under which `elboTerms` reports KLs: one per latent, or, when enumerated latents are
   * summed out, their joint KL first (names joined by '+') and then each sampled latent.
   */
  get klNames(): string[] {
    const marginalised = this.enumerated.length > 0 && this.enumerated.every((a) => (a.inputs.posterior?.length ?? 0) === 0);
    if (!marginalised) return this.latents.map((l) => l.node.name);
    return [this.enumerated.map((a) => a.node.name).join('+'), ...this.latents.filter((l) => !this.enumerated.includes(l)).map((l) => l.node.name)];
  }

  /** Whether a training pass differs from an honest one (a relaxed latent passes relaxed values on). */
  get needsHonestPass(): boolean {
    return [...this.estimators.values()].some((e) => e === 'relaxed');
  }

  /** N, by which a global latent's terms are divided. @throws Error when it was not set */
  private globalShare(latent: string): number {
    const n = this.trainingExamples;
    if (n === null || !Number.isInteger(n) || n < 1) throw new Error(`internal: latent ${latent} is global, and the number of training examples it is shared by was not set`);
    return n;
  }

  /** How many joint configurations the enumerated latents take (1 when none is enumerated). */
  get enumerationConfigurations(): number {
    return this.enumerated.reduce((n, a) => n * this.supportSizeOf(a), 1);
  }

  /** How many values an enumerated latent takes. */
  private supportSizeOf(a: AnalyzedNode): number {
    const spec = a.kind.family!;
    if (!spec.supportSize) throw new Error(`internal: a ${spec.displayName} latent cannot be enumerated`);
    return spec.supportSize(this.eventSize(a), a.params);
  }

  /**
   * The model run forward without the objective, for inspection: latents drawn from their priors
   * (generation, no data read) or from their posteriors given a batch (reconstruction, encoding).
   * Only the nodes the requested outputs need are evaluated, so generating skips the encoder and
   * the data, and encoding skips the decoder. The returned tensors are new; the caller disposes
   * them (or calls this inside tf.tidy / disposingScope).
   *
   * @throws PriorDependsOnDataError when generating and a latent's prior depends on the data (out
   *   of scope: there is no data to condition on)
   * @throws Error when a batch is needed and not given
   */
  forward(request: ForwardRequest): ForwardResult {
    const { latents: source, seed } = request;
    const fromPrior = source === 'prior';
    const batch = request.batch ?? null;
    if (!fromPrior && !batch) throw new Error(`encoding latents from their posterior needs a batch of data`);
    const given = fromPrior ? request.given ?? null : null;
    const rowsOf = (b: Batch | null): number | undefined => (b && Object.keys(b).length > 0 ? (Object.values(b)[0] as tf.Tensor).shape[0]! : undefined);
    const rows = (fromPrior ? rowsOf(given) : rowsOf(batch)) ?? request.rows ?? 0;
    if (!Number.isInteger(rows) || rows < 1) throw new Error(`forward needs a positive number of rows, got ${rows}`);
    if (given) {
      for (const [col, t] of Object.entries(given)) {
        if (t.shape[0] !== rows) throw new Error(`the given column '${col}' has ${t.shape[0]} rows, the others ${rows}`);
      }
      if (request.rows !== undefined && request.rows !== rows) throw new Error(`asked for ${request.rows} rows with given columns of ${rows} rows`);
    }

    // Which ports each random variable needs here: a latent its prior (generating) or its
    // posterior (encoding); an observed variable its parameters, never its value.
    const portsOf = (a: AnalyzedNode): string[] => (fromPrior ? portsWhenGenerating(a) : portsWhenEncoding(a));
    const ancestors = (ids: readonly string[]): Set<string> => this.ancestorsOf(ids, portsOf).nodes;
    // Generating, a node can be evaluated when every data column it reads is given.
    const missesData = (id: string): boolean => [...this.ancestorsOf([id], portsOf).columns].some((c) => !given || !(c in given));
    if (fromPrior) {
      for (const l of this.latents) {
        if (missesData(l.node.id)) {
          throw new PriorDependsOnDataError(l.node.name);
        }
      }
    }
    let targets = (request.outputs === 'latents' ? this.latents : this.observed).map((a) => a.node.id);
    // Without data, an observed variable whose parameters read the data (a classifier's label,
    // say) cannot be generated: it is left out rather than failing the others.
    if (fromPrior) targets = targets.filter((id) => !missesData(id));
    const only = ancestors(targets);

    const latents: Record<string, tf.Tensor> = {};
    const observed: Record<string, tf.Tensor> = {};
    this.walk({
      batch: fromPrior ? given : batch,
      rows,
      only,
      decoders: { teacherForcing: false },
      latent: (a, prior, posterior) => {
        const s = deriveSeed(seed, this.nodeIndex.get(a.node.id)!);
        const q = fromPrior ? null : posterior();
        if (!fromPrior && !q) throw new NoPosteriorError(a.node.name);
        const drawn = q === null ? prior().sample(s, rows) : source === 'posterior-mean' ? q.mean() : q.sample(s, rows);
        // A transformed latent's q is over ζ: its value is T⁻¹ of the draw (of the mean: T⁻¹(E_q[ζ]), q's median in z).
        const transform = transformOf(a.params);
        const z = q === null || transform === 'none' ? drawn : untransform(transform, drawn);
        latents[a.node.name] = z;
        return { sample: z };
      },
      observed: (a, d) => {
        if (request.outputs === 'observed-samples') {
          // A draw, not the mean: with learnt observation noise the draws are what the model says
          // data look like. Shared parameters (one row) are drawn `rows` times.
          const x = d.sample(deriveSeed(seed, OBSERVED_DRAW, this.nodeIndex.get(a.node.id)!), rows);
          observed[a.node.name] = x.rank === 1 ? tf.reshape(tf.cast(x, 'float32'), [rows, 1]) : x;
          return;
        }
        const m = d.mean();
        // A mean whose parameters are all shared has one row; the caller asked for `rows`.
        observed[a.node.name] = m.shape[0] === rows ? m : tf.broadcastTo(m, [rows, m.shape[1]!]);
      },
    });
    return { latents, observed };
  }

  /**
   * The data columns an observed variable's parameters read when it is generated with its latents
   * drawn from their priors (a conditional decoder's label; a classifier's pixels), by column name.
   * Empty for a decoder of the latents alone.
   */
  generationColumns(observedName: string): string[] {
    const a = this.observed.find((o) => o.node.name === observedName);
    if (!a) throw new Error(`the model has no observed variable ${observedName}`);
    return [...this.ancestorsOf([a.node.id], portsWhenGenerating).columns];
  }

  /** The nodes upstream of `ids` through the ports `portsOf` names (the ids included), and the data columns they read. */
  private ancestorsOf(ids: readonly string[], portsOf: (a: AnalyzedNode) => string[]): { nodes: Set<string>; columns: Set<string> } {
    const dataId = this.dataNode.node.id;
    const nodes = new Set<string>();
    const columns = new Set<string>();
    const stack = [...ids];
    while (stack.length) {
      const id = stack.pop()!;
      if (nodes.has(id)) continue;
      nodes.add(id);
      const a = this.analysis.nodes.get(id)!;
      for (const port of portsOf(a)) {
        for (const inc of a.inputs[port] ?? []) {
          if (inc.sourceNodeId === dataId) columns.add(inc.sourcePort);
          stack.push(inc.sourceNodeId);
        }
      }
    }
    return { nodes, columns };
  }

  /**
   * Evaluates the graph's nodes in order (or those in `w.only`), leaving what random variables do
   * to `w`: the ELBO, generation and encoding differ only there.
   */
  private walk(w: Walker): void {
    const env = new Map<string, Value>();
    const { trace, rows: B } = w;

    const get = (inc: Incoming): Value => {
      const v = env.get(`${inc.sourceNodeId}.${inc.sourcePort}`);
      if (v === undefined) throw new Error(`internal: ${inc.sourceLabel} was not computed before it is used`);
      return v;
    };
    const tensorOf = (inc: Incoming): tf.Tensor => {
      const v = get(inc);
      if (v instanceof tf.Tensor) return v;
      throw new Error(`internal: ${inc.sourceLabel} is a distribution, not a value`);
    };
    const put = (a: AnalyzedNode, port: string, value: Value, label: string): void => {
      env.set(`${a.node.id}.${port}`, value);
      if (trace && value instanceof tf.Tensor) trace(label, a.node.id, value);
    };

    for (const id of this.analysis.order) {
      if (w.only && !w.only.has(id)) continue;
      if (this.flowInternal.has(id)) continue;
      const a = this.analysis.nodes.get(id)!;
      const name = a.node.name;
      switch (a.kind.category) {
        case 'data':
          if (a === this.dataNode && w.batch) for (const [col, t] of Object.entries(w.batch)) env.set(`${id}.${col}`, t);
          break;
        case 'parameter': {
          const l = this.learnables.get(id);
          if (l) put(a, 'out', l.positive ? tf.softplus(l.raw) : l.raw, `parameter ${name}`);
          else env.set(`${id}.out`, this.constants.get(`${id}.out`)!);
          break;
        }
        case 'network': {
          if (a.node.kind === 'flow.affine') {
            // A step that leads to no Flow density (a warning): evaluated as the node says.
            const [x, m, s] = (['in', 'shift', 'logScale'] as const).map((p) => tensorOf(a.inputs[p]![0]!));
            put(a, 'out', tf.mul(tf.sub(x!, m!), tf.exp(tf.neg(s!))), `output u of flow step ${name}`);
            break;
          }
          if (a.node.kind === 'flow.iaf') throw new Error(`internal: IAF step ${name} belongs to no Flow posterior`);
          const seq = this.sequenceNetworks.get(id);
          if (seq) {
            this.evaluateSequenceNetwork(a, seq, w, tensorOf, put);
            break;
          }
          const net = this.networks.get(id)!;
          const parts = (a.inputs.in ?? []).map((inc) => {
            let t = tensorOf(inc);
            if (inc.type.domain === 'index') t = tf.reshape(tf.oneHot(tf.cast(tf.reshape(t, [-1]), 'int32'), inc.type.categories!).toFloat(), [t.shape[0]!, featureWidth(inc.type)!]);
            if (!inc.type.perExample) t = tf.broadcastTo(tf.reshape(t, [1, -1]), [B, t.size]);
            return t as tf.Tensor2D;
          });
          const x = parts.length === 1 ? parts[0]! : tf.concat(parts, 1);
          for (const [head, out] of Object.entries(net.forward(x))) put(a, head, out, `head '${head}' of ${name}`);
          break;
        }
        case 'distribution': {
          const role = a.params.role as string;
          if (role === 'posterior') {
            env.set(`${id}.q`, a.node.kind === 'dist.flow' ? this.iafOf(a, get) : this.distributionOf(a, tensorOf));
          } else if (role === 'latent') {
            const q = a.inputs.posterior?.[0];
            const b = a.inputs.baseline?.[0];
            const k = a.inputs.known?.[0];
            const { sample, after } = w.latent(
              a,
              () => this.distributionOf(a, tensorOf),
              () => (q ? (get(q) as Distribution) : null),
              () => (b ? tensorOf(b) : null),
              () => (k ? tensorOf(k) : null),
            );
            put(a, 'sample', sample, `sample of latent ${name}`);
            after?.();
          } else {
            const d = a.node.kind === 'dist.flow' ? this.flowOf(a) : this.sequenceOf(a, get, w.rows) ?? this.distributionOf(a, tensorOf);
            w.observed(a, d, () => tensorOf(a.inputs.value![0]!));
          }
          break;
        }
      }
    }
  }

  /**
   * The distribution of a random-variable node from its connected ports and, elsewhere, its
   * constants, as its family's table in the catalog describes them. A Categorical that is a latent
   * or a posterior is one-hot in each of its groups; an observed one takes class indices, or the
   * counts of a bag of words (each token a draw from it, order ignored).
   */
  private distributionOf(a: AnalyzedNode, tensorOf: (inc: Incoming) => tf.Tensor): Distribution {
    const spec = a.kind.family!;
    const size = this.eventSize(a);
    const params: Record<string, tf.Tensor> = {};
    for (const { name: port } of spec.paramPorts) {
      const inc = a.inputs[port]?.[0];
      if (inc) {
        let t = tensorOf(inc);
        const link = linkOf(spec, a.params, port);
        if (link === 'softplus') t = tf.softplus(t);
        else if (link === 'exp') t = tf.exp(t);
        params[port] = t;
      } else {
        const key = `${a.node.id}.${port}`;
        let c = this.constants.get(key);
        if (!c) {
          c = tf.keep(tf.fill([1, size], a.params[port] as number));
          this.constants.set(key, c);
        }
        params[port] = c;
      }
    }
    for (const [name, value] of Object.entries(spec.constants?.(a.params) ?? {})) {
      const key = `${a.node.id}.${name}`;
      let c = this.constants.get(key);
      if (!c) {
        c = tf.keep(tf.fill([1, 1], value));
        this.constants.set(key, c);
      }
      params[name] = c;
    }
    const oneHot = spec.family === 'categorical' && a.params.role !== 'observed';
    const bagOfWords = spec.family === 'categorical' && a.params.role === 'observed' && a.inputs.value?.[0]?.type.domain === 'count';
    const family: Family = oneHot ? 'onehot-categorical' : bagOfWords ? 'categorical-counts' : spec.family;
    return makeDistribution(family, params, { groups: spec.groups?.(a.params) ?? 1 });
  }

  /**
   * A network of a sentence model in a pass: an Embedding's vectors, a GRU encoder's heads, or a GRU
   * decoder's logits under teacher forcing (with word dropout in a training pass) or, generating,
   * the decoder itself with its code (`FreeRunningDecoder`).
   */
  private evaluateSequenceNetwork(a: AnalyzedNode, seq: EmbeddingModule | GruEncoderModule | GruDecoderModule, w: Walker, tensorOf: (inc: Incoming) => tf.Tensor, put: (a: AnalyzedNode, port: string, value: Value, label: string) => void): void {
    const name = a.node.name;
    if (seq instanceof EmbeddingModule) {
      put(a, 'out', seq.forward(tensorOf(a.inputs.tokens![0]!)), `the vectors of ${name}`);
    } else if (seq instanceof GruEncoderModule) {
      const heads = seq.forward(tensorOf(a.inputs.tokens![0]!), tensorOf(a.inputs.length![0]!));
      for (const [head, out] of Object.entries(heads)) put(a, head, out, `head '${head}' of ${name}`);
    } else {
      const parts = (a.inputs.z ?? []).map((inc) => {
        let t = tensorOf(inc);
        if (inc.type.domain === 'index') t = tf.reshape(tf.oneHot(tf.cast(tf.reshape(t, [-1]), 'int32'), inc.type.categories!).toFloat(), [t.shape[0]!, featureWidth(inc.type)!]);
        if (!inc.type.perExample) t = tf.broadcastTo(tf.reshape(t, [1, -1]), [w.rows, t.size]);
        return t as tf.Tensor2D;
      });
      const z = parts.length === 1 ? parts[0]! : (tf.concat(parts, 1) as tf.Tensor2D);
      if (!w.decoders.teacherForcing) {
        put(a, 'logits', new FreeRunningDecoder(seq, z), `the logits of ${name}`);
        return;
      }
      const rate = a.params.wordDropout as number;
      const dropout = w.decoders.wordDropoutSeed !== null && rate > 0 ? { rate, seed: deriveSeed(w.decoders.wordDropoutSeed, this.nodeIndex.get(a.node.id)!) } : null;
      put(a, 'logits', seq.teacherForced(z, tensorOf(a.inputs.tokens![0]!), dropout), `the logits of ${name}`);
    }
  }

  /**
   * The distribution of a Categorical observing a sentence (logits per position from a GRU
   * decoder): scored from the teacher-forced logits, or drawn through the decoder when generating.
   * Null for any other node.
   */
  private sequenceOf(a: AnalyzedNode, get: (inc: Incoming) => Value, rows: number): CategoricalSequence | null {
    const inc = a.inputs.logits?.[0];
    if (a.kind.family?.family !== 'categorical' || !inc || this.analysis.nodes.get(inc.sourceNodeId)?.node.kind !== 'network.gruDecoder') return null;
    const positions = inc.type.positions!;
    const vocabulary = inc.type.size!;
    const logits = get(inc);
    if (logits instanceof FreeRunningDecoder) {
      const { module, z } = logits;
      return new CategoricalSequence(null, positions, vocabulary, { decode: (n, how) => module.decode(n === z.shape[0] ? z : (tf.broadcastTo(z, [n, z.shape[1]]) as tf.Tensor2D), how) }, rows);
    }
    if (!(logits instanceof tf.Tensor)) throw new Error(`internal: the logits of ${a.node.name} are not a tensor`);
    return new CategoricalSequence(logits, positions, vocabulary, null, rows);
  }

  /** The flow of a Flow density node: its steps' MADEs in the order x meets them, base N(0, I). */
  private flowOf(a: AnalyzedNode): AffineFlow {
    const steps = flowSteps(this.analysis.nodes, a);
    if (!steps) throw new Error(`internal: flow ${a.node.name} has no complete chain of steps`);
    return new AffineFlow(steps.map((s) => this.networks.get(s.madeId) as MadeModule), this.eventSize(a));
  }

  /**
   * The approximate posterior of a Flow posterior node (IAF): its base q_0 (already in the pass)
   * carried by its IAF steps, each with its MADE, in the order z_0 meets them.
   */
  private iafOf(a: AnalyzedNode, get: (inc: Incoming) => Value): InverseAutoregressiveFlow {
    const steps = flowSteps(this.analysis.nodes, a);
    if (!steps) throw new Error(`internal: flow ${a.node.name} has no complete chain of IAF steps`);
    const base = get(a.inputs.base![0]!);
    if (base instanceof tf.Tensor || base instanceof FreeRunningDecoder) throw new Error(`internal: the base of flow ${a.node.name} is not a distribution`);
    return new InverseAutoregressiveFlow(base, steps.map((s) => this.networks.get(s.madeId) as MadeModule), this.eventSize(a));
  }

  /** A random variable's event size, as shape inference found it. */
  private eventSize(a: AnalyzedNode): number {
    if (a.params.size) return a.params.size;
    const out = Object.values(a.outputs)[0];
    if (out?.size) return out.size;
    for (const list of Object.values(a.inputs)) for (const inc of list) if (inc.type.domain !== 'index' && inc.type.size) return inc.type.size;
    const v = a.inputs.value?.[0];
    if (v?.type.categories) return v.type.categories;
    throw new Error(`internal: the size of ${a.node.name} is unknown`);
  }

  dispose(): void {
    for (const n of this.networks.values()) n.dispose();
    for (const n of this.sequenceNetworks.values()) n.dispose();
    for (const l of this.learnables.values()) l.raw.dispose();
    for (const c of this.constants.values()) c.dispose();
  }
}

/** The compiled module of an Embedding, GRU encoder or GRU decoder node, sized by what the analysis found. */
function sequenceModuleOf(a: AnalyzedNode, seed: number): EmbeddingModule | GruEncoderModule | GruDecoderModule {
  const tokens = a.inputs.tokens?.[0]?.type;
  if (!tokens) throw new Error(`network ${a.node.name} reads no tokens`);
  if (a.node.kind === 'network.embedding') return new EmbeddingModule(a.node.name, a.params, tokens.categories!, seed);
  if (a.node.kind === 'network.gruEncoder') {
    const input = tokens.positions !== undefined ? { kind: 'vectors' as const, width: tokens.size! } : { kind: 'ids' as const, vocabulary: tokens.categories! };
    return new GruEncoderModule(a.node.name, a.params, input, seed);
  }
  const width = mlpInputWidth(a.inputs.z ?? []);
  if (width === null) throw new Error(`the width of the code of GRU decoder ${a.node.name} is unknown`);
  return new GruDecoderModule(a.node.name, a.params, width, tokens.categories!, tokens.size!, seed);
}
