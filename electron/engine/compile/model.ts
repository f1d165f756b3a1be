import * as tf from '@tensorflow/tfjs';
import type { Analysis, AnalyzedNode, Incoming, TrainingSettings } from '../../../shared/graph/index';
import { featureWidth, mlpInputWidth } from '../../../shared/graph/index';
import { klDivergence, makeDistribution, type Distribution } from '../distributions/index';
import { deriveSeed } from '../random/prng';
import { MlpModule } from './mlp-module';
import { inverseSoftplus } from './links';

/** One batch of the data set, column name → tensor ([B, size] values, [B] class indices). */
export type Batch = Readonly<Record<string, tf.Tensor>>;

/** The per-example terms of the objective on one batch, each [B]. */
export interface ElboTerms {
  /** ELBO = Σ observed log-likelihoods − Σ latent KLs (the log-likelihood when there is no latent). */
  readonly elbo: tf.Tensor1D;
  /** Σ observed log-likelihoods, the reconstruction term. */
  readonly reconstruction: tf.Tensor1D;
  /** KL(q ‖ p) per latent, by latent name. */
  readonly kl: Readonly<Record<string, tf.Tensor1D>>;
  /** Classification accuracy per observed Categorical, by name (only when asked for). */
  readonly accuracy: Readonly<Record<string, tf.Scalar>>;
}

export interface RunOptions {
  /** Also compute the accuracy of observed Categoricals (evaluation). */
  readonly accuracy?: boolean;
  /** Called with every quantity as it is computed, in graph order (NaN diagnosis). */
  readonly trace?: (label: string, nodeId: string, value: tf.Tensor) => void;
}

type Value = tf.Tensor | Distribution;

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
  readonly learnables = new Map<string, Learnable>();
  /** Constants and unconnected-port defaults, created once and kept. */
  private readonly constants = new Map<string, tf.Tensor>();
  private readonly nodeIndex = new Map<string, number>();
  readonly latents: readonly AnalyzedNode[];
  readonly observed: readonly AnalyzedNode[];
  readonly dataNode: AnalyzedNode;

  constructor(readonly analysis: Analysis, readonly training: TrainingSettings) {
    const seed = training.seed;
    const ordered = analysis.order.map((id) => analysis.nodes.get(id)!);
    ordered.forEach((a, i) => this.nodeIndex.set(a.node.id, i));
    this.latents = ordered.filter((a) => a.kind.category === 'distribution' && a.params.role === 'latent');
    this.observed = ordered.filter((a) => a.kind.category === 'distribution' && a.params.role === 'observed');
    const data = ordered.filter((a) => a.kind.category === 'data' && Object.values(a.consumers).some((l) => l.length > 0));
    if (data.length !== 1) throw new Error(`a model trains on exactly one data set; this graph uses ${data.length}`);
    this.dataNode = data[0]!;
    for (const a of ordered) {
      const id = a.node.id;
      const nodeSeed = deriveSeed(seed, 0x1417, this.nodeIndex.get(id)!);
      if (a.node.kind === 'network.mlp') {
        const width = mlpInputWidth(a.inputs.in ?? []);
        if (width === null) throw new Error(`the input width of network ${a.node.name} is unknown`);
        this.networks.set(id, new MlpModule(a.node.name, a.params, width, nodeSeed));
      } else if (a.node.kind === 'param.learnable') {
        const positive = a.params.constraint === 'positive';
        const raw = positive ? inverseSoftplus(a.params.init) : a.params.init;
        this.learnables.set(id, { raw: tf.variable(tf.fill([1, a.params.size], raw)), positive });
      } else if (a.node.kind === 'param.constant') {
        this.constants.set(`${id}.out`, tf.keep(tf.fill([1, a.params.size], a.params.value)));
      }
    }
  }

  /** Every trainable variable with its stable name, in a fixed order: networks in graph order, then free parameters. */
  get namedVariables(): Array<readonly [string, tf.Variable]> {
    return [
      ...[...this.networks.values()].flatMap((n) => n.namedVariables),
      ...[...this.learnables.entries()].map(([id, l]) => [`${this.analysis.nodes.get(id)!.node.name}/value`, l.raw] as const),
    ];
  }

  get variables(): tf.Variable[] {
    return this.namedVariables.map(([, v]) => v);
  }

  /** The terms of the ELBO on a batch, with latents sampled from seeds derived from `seed`. */
  run(batch: Batch, seed: number, options: RunOptions = {}): ElboTerms {
    const env = new Map<string, Value>();
    const trace = options.trace;
    const B = (Object.values(batch)[0] as tf.Tensor).shape[0]!;
    const recon: tf.Tensor[] = [];
    const kl: Record<string, tf.Tensor1D> = {};
    const accuracy: Record<string, tf.Scalar> = {};

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
      const a = this.analysis.nodes.get(id)!;
      const name = a.node.name;
      switch (a.kind.category) {
        case 'data':
          if (a === this.dataNode) for (const [col, t] of Object.entries(batch)) env.set(`${id}.${col}`, t);
          break;
        case 'parameter': {
          const l = this.learnables.get(id);
          if (l) put(a, 'out', l.positive ? tf.softplus(l.raw) : l.raw, `parameter ${name}`);
          else env.set(`${id}.out`, this.constants.get(`${id}.out`)!);
          break;
        }
        case 'network': {
          const net = this.networks.get(id)!;
          const parts = (a.inputs.in ?? []).map((inc) => {
            let t = tensorOf(inc);
            if (inc.type.domain === 'index') t = tf.oneHot(tf.cast(tf.reshape(t, [-1]), 'int32'), featureWidth(inc.type)!).toFloat();
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
            env.set(`${id}.q`, this.distributionOf(a, tensorOf));
          } else if (role === 'latent') {
            const prior = this.distributionOf(a, tensorOf);
            const q = get(a.inputs.posterior![0]!) as Distribution;
            const z = q.rsample(deriveSeed(seed, this.nodeIndex.get(id)!), B) as tf.Tensor2D;
            put(a, 'sample', z, `sample of latent ${name}`);
            const closed = klDivergence(q, prior);
            let k = closed ?? tf.sub(q.logProb(z), prior.logProb(z));
            if (k.shape[0] !== B) k = tf.broadcastTo(k, [B]);
            if (trace) trace(`KL of latent ${name}`, id, k);
            kl[name] = k as tf.Tensor1D;
          } else {
            const d = this.distributionOf(a, tensorOf);
            const value = tensorOf(a.inputs.value![0]!);
            const lp = d.logProb(value);
            if (trace) trace(`log-likelihood of observed ${name}`, id, lp);
            recon.push(lp);
            if (options.accuracy && a.node.kind === 'dist.categorical') {
              const predicted = tf.argMax(d.mean(), 1);
              accuracy[name] = tf.mean(tf.cast(tf.equal(predicted, tf.cast(tf.reshape(value, [-1]), 'int32')), 'float32')) as tf.Scalar;
            }
          }
          break;
        }
      }
    }
    const reconstruction = (recon.length === 1 ? recon[0]! : tf.addN(recon)) as tf.Tensor1D;
    const kls = Object.values(kl);
    const elbo = (kls.length === 0 ? reconstruction : tf.sub(reconstruction, kls.length === 1 ? kls[0]! : tf.addN(kls))) as tf.Tensor1D;
    return { elbo, reconstruction, kl, accuracy };
  }

  /** The distribution of a random-variable node from its connected ports and, elsewhere, its constants. */
  private distributionOf(a: AnalyzedNode, tensorOf: (inc: Incoming) => tf.Tensor): Distribution {
    const family = a.node.kind.slice('dist.'.length) as 'normal' | 'bernoulli' | 'categorical';
    const size = this.eventSize(a);
    const params: Record<string, tf.Tensor> = {};
    const ports = family === 'normal' ? ['loc', 'scale'] : ['logits'];
    for (const port of ports) {
      const inc = a.inputs[port]?.[0];
      if (inc) {
        let t = tensorOf(inc);
        if (port === 'scale' && a.params.scaleLink === 'softplus') t = tf.softplus(t);
        if (port === 'scale' && a.params.scaleLink === 'exp') t = tf.exp(t);
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
    return makeDistribution(family, params);
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
    for (const l of this.learnables.values()) l.raw.dispose();
    for (const c of this.constants.values()) c.dispose();
  }
}
