/**
 * Writes `model.py`: the graph as a PyTorch module, readable as a researcher would write it by hand.
 * Each network is an `MLP` attribute named after its node, free parameters are `nn.Parameter`s,
 * constants are buffers, and `Model.forward` scores a batch in the graph's order: each latent drawn
 * by reparameterisation from noise the trainer hands in (so any number of processes draw the same
 * numbers), each observed variable's log-likelihood, each latent's KL per dimension. The objective
 * (ELBO with β, warm-up and free bits, or IWAE) follows as a function of those terms.
 */
import type { Analysis, AnalyzedNode, Incoming, TrainingSettings } from '../../../../shared/graph/index';
import { klFormOf, latentEstimator, linkOf, OBSERVED_FAMILIES } from '../../../../shared/graph/index';
import { NameTable } from './python-names';
import { pythonFloat, pythonString, wrapComment } from './python-text';

/** How an app variable maps onto the PyTorch state dict (used for weights both ways). */
export interface ParameterMap {
  /** An MLP: its hidden layers' and heads' `nn.Linear`s. */
  readonly networks: ReadonlyArray<{ readonly app: string; readonly attr: string; readonly hidden: number; readonly heads: ReadonlyArray<{ readonly name: string; readonly size: number }> }>;
  /** A free parameter: `<attr>` of shape [size] (the app's `<app>/value`, [1, size]). */
  readonly learnables: ReadonlyArray<{ readonly app: string; readonly attr: string; readonly size: number }>;
  /** Constant buffers (part of the state dict, not trained): `<attr>`, [size] filled with `value`. */
  readonly buffers: ReadonlyArray<{ readonly attr: string; readonly size: number; readonly value: number }>;
}

export interface ModelSource {
  readonly text: string;
  readonly parameters: ParameterMap;
  /** The data columns the model reads, by column name. */
  readonly columns: readonly string[];
  /** Observed Categorical variables scored by accuracy (their names in the metrics). */
  readonly classifiers: readonly string[];
}

const HIDDEN_MODULE: Record<string, string> = { relu: 'nn.ReLU', tanh: 'nn.Tanh', sigmoid: 'nn.Sigmoid', elu: 'nn.ELU', softplus: 'nn.Softplus', linear: 'nn.Identity' };
const HEAD_FUNCTION: Record<string, string> = { relu: 'F.relu', tanh: 'torch.tanh', sigmoid: 'torch.sigmoid', elu: 'F.elu', softplus: 'F.softplus', linear: 'identity' };

/** A random variable's event size, as shape inference found it. */
function eventSize(a: AnalyzedNode): number {
  if (a.params.size) return a.params.size;
  const out = Object.values(a.outputs)[0];
  if (out?.size) return out.size;
  for (const list of Object.values(a.inputs)) for (const inc of list) if (inc.type.domain !== 'index' && inc.type.size) return inc.type.size;
  const v = a.inputs.value?.[0];
  if (v?.type.categories) return v.type.categories;
  throw new Error(`internal: the size of ${a.node.name} is unknown`);
}

interface Writer {
  readonly init: string[];
  readonly forward: string[];
  readonly names: NameTable;
  /** Python expression of each computed value, by `nodeId.port`. */
  readonly values: Map<string, string>;
  readonly buffers: Array<ParameterMap['buffers'][number]>;
  /** Whether forward refers to the number of rows. */
  usesRows: boolean;
}

function expressionOf(w: Writer, inc: Incoming): string {
  const e = w.values.get(`${inc.sourceNodeId}.${inc.sourcePort}`);
  if (e === undefined) throw new Error(`internal: ${inc.sourceLabel} is used before it is computed`);
  return e;
}

/** A network's input as a float matrix with a row per example: class indices one-hot, shared values repeated. */
function networkInput(w: Writer, inc: Incoming): string {
  let e = expressionOf(w, inc);
  if (inc.type.domain === 'index') {
    const k = inc.type.categories!;
    e = (inc.type.size ?? 1) > 1 ? `F.one_hot(${e}, ${k}).flatten(1).float()` : `F.one_hot(${e}, ${k}).float()`;
  }
  if (!inc.type.perExample) {
    e = `${e}.expand(rows, -1)`;
    w.usesRows = true;
  }
  return e;
}

function writeNetwork(w: Writer, a: AnalyzedNode, map: ParameterMap['networks'][number][]): void {
  const attr = w.names.claim(a.node.name);
  const inputs = a.inputs.in ?? [];
  const width = inputs.reduce((s, inc) => s + (inc.type.domain === 'index' ? (inc.type.size ?? 1) * inc.type.categories! : inc.type.size!), 0);
  const heads = (a.params.heads as Array<{ name: string; size: number; activation: string }>)
    .map((h) => `${pythonString(h.name)}: (${h.size}, ${HEAD_FUNCTION[h.activation]})`).join(', ');
  w.init.push(`self.${attr} = MLP(${width}, [${(a.params.hidden as number[]).join(', ')}], ${HIDDEN_MODULE[a.params.activation]}, {${heads}})`);
  const parts = inputs.map((inc) => networkInput(w, inc));
  const x = parts.length === 1 ? parts[0]! : `torch.cat([${parts.join(', ')}], -1)`;
  w.forward.push(`${attr} = self.${attr}(${x})`);
  for (const h of a.params.heads as Array<{ name: string }>) w.values.set(`${a.node.id}.${h.name}`, `${attr}[${pythonString(h.name)}]`);
  map.push({ app: a.node.name, attr, hidden: (a.params.hidden as number[]).length, heads: (a.params.heads as Array<{ name: string; size: number }>).map((h) => ({ name: h.name, size: h.size })) });
}

function writeParameter(w: Writer, a: AnalyzedNode, map: ParameterMap['learnables'][number][]): void {
  const attr = w.names.claim(a.node.name);
  const size = a.params.size as number;
  if (a.node.kind === 'param.learnable') {
    const positive = a.params.constraint === 'positive';
    const init = a.params.init as number;
    // A positive parameter is stored raw and passed through softplus, as in the app.
    const raw = positive ? Math.log(Math.expm1(init)) : init;
    w.init.push(`self.${attr} = nn.Parameter(torch.full((${size},), ${pythonFloat(raw)}))${positive ? `  # softplus of it is ${pythonFloat(init)}` : ''}`);
    w.values.set(`${a.node.id}.out`, positive ? `F.softplus(self.${attr})` : `self.${attr}`);
    map.push({ app: a.node.name, attr, size });
  } else {
    addBuffer(w, attr, size, a.params.value as number);
    w.values.set(`${a.node.id}.out`, `self.${attr}`);
  }
}

function addBuffer(w: Writer, attr: string, size: number, value: number): void {
  w.init.push(`self.register_buffer(${pythonString(attr)}, torch.full((${size},), ${pythonFloat(value)}))`);
  w.buffers.push({ attr, size, value });
}

/** The constructor call of a node's distribution from its wired ports and, elsewhere, constant buffers. */
function distribution(w: Writer, a: AnalyzedNode, attr: string): string {
  const spec = a.kind.family!;
  const family = spec.family as string;
  const args: string[] = [];
  for (const { name: port } of spec.paramPorts) {
    const inc = a.inputs[port]?.[0];
    let e: string;
    if (inc) {
      e = expressionOf(w, inc);
      const link = linkOf(spec, a.params, port);
      if (link === 'softplus') e = `F.softplus(${e})`;
      else if (link === 'exp') e = `torch.exp(${e})`;
    } else {
      const buffer = w.names.claim(`${attr}_${port}`);
      addBuffer(w, buffer, eventSize(a), a.params[port] as number);
      e = `self.${buffer}`;
    }
    args.push(family === 'bernoulli' || family === 'categorical' ? `${port}=${e}` : e);
  }
  return `${OBSERVED_FAMILIES[family]}(${args.join(', ')})`;
}

interface Terms {
  readonly logLikelihood: Array<{ name: string; expr: string }>;
  readonly kl: Array<{ name: string; expr: string }>;
  readonly accuracy: Array<{ name: string; expr: string }>;
}

function writeDistribution(w: Writer, a: AnalyzedNode, analysis: Analysis, training: TrainingSettings, terms: Terms): void {
  const role = a.params.role as string;
  const name = a.node.name;
  if (role === 'posterior') {
    const q = w.names.claim(name);
    w.forward.push(`${q} = ${distribution(w, a, q)}`);
    w.values.set(`${a.node.id}.q`, q);
    return;
  }
  if (role === 'latent') {
    const z = w.names.claim(name);
    const p = w.names.claim(`p_${name}`);
    const qInc = a.inputs.posterior![0]!;
    const q = expressionOf(w, qInc);
    w.forward.push(`${p} = ${distribution(w, a, z)}`);
    w.forward.push(`${z} = ${q}.loc + ${q}.scale * noise.normal((rows, ${eventSize(a)}))  # reparameterised`);
    w.usesRows = true;
    w.values.set(`${a.node.id}.sample`, z);
    const marginalised = false;
    const closed = training.objective.kind === 'elbo'
      && klFormOf({ estimator: latentEstimator(a), prior: a.kind.family!.family, posterior: qInc.type.family ?? null, marginalised, transformed: false }) === 'closed-form';
    terms.kl.push({ name, expr: closed ? `kl_divergence(${q}, ${p})` : `${q}.log_prob(${z}) - ${p}.log_prob(${z})` });
    return;
  }
  const p = w.names.claim(`p_${name}`);
  const valueInc = a.inputs.value![0]!;
  const x = expressionOf(w, valueInc);
  w.forward.push(`${p} = ${distribution(w, a, p)}`);
  const family = a.kind.family!.family as string;
  if (family === 'categorical' && valueInc.type.domain === 'count') {
    // A bag of words: each token a draw from the Categorical, order ignored.
    terms.logLikelihood.push({ name, expr: `(${x} * ${p}.logits).sum(-1)` });
  } else if (family === 'categorical') {
    terms.logLikelihood.push({ name, expr: `${p}.log_prob(${x})` });
    terms.accuracy.push({ name, expr: `(${p}.logits.argmax(-1) == ${x}).float()` });
  } else {
    terms.logLikelihood.push({ name, expr: `${p}.log_prob(${x}).sum(-1)` });
  }
  void analysis;
}

function dictLiteral(entries: ReadonlyArray<{ name: string; expr: string }>, indent: string): string {
  if (entries.length === 0) return '{}';
  return `{\n${entries.map((e) => `${indent}    ${pythonString(e.name)}: ${e.expr},`).join('\n')}\n${indent}}`;
}

/** The objective's part of model.py, as the graph's training settings define it. */
function objectiveSource(training: TrainingSettings, hasLatents: boolean): string {
  const o = training.objective;
  if (!hasLatents) {
    return `SAMPLES = 1


def objective(terms, step):
    """The log-likelihood of the observed variables (no latent variables: maximum likelihood)."""
    log_likelihood = sum(terms["log_likelihood"].values())
    return -log_likelihood.mean(), {}
`;
  }
  if (o.kind === 'iwae') {
    return `SAMPLES = ${o.samples}


def objective(terms, step):
    """The importance-weighted bound (IWAE) with SAMPLES samples per example.

    Rows are (sample, example): log w = Σ log p(x | z) − Σ (log q(z | x) − log p(z)), and the bound
    is log (1/S) Σ_s w_s, computed with logsumexp. Returns the loss to minimise and what to report.
    """
    log_w = sum(terms["log_likelihood"].values()) - sum(kl.sum(-1) for kl in terms["kl"].values())
    log_w = log_w.reshape(SAMPLES, -1)
    bound = torch.logsumexp(log_w, 0) - math.log(SAMPLES)
    report = {"iwae": bound.mean()}
    return -bound.mean(), report
`;
  }
  const perDimension = o.freeBitsPer === 'dimension';
  const penalty = o.freeBits === 0
    ? ['        penalty = penalty + kl.sum(-1).mean()']
    : perDimension
      ? ['        # Free bits per dimension: each dimension of the batch-mean KL counts at least FREE_BITS.', '        penalty = penalty + kl.mean(0).clamp(min=FREE_BITS).sum()']
      : ['        # Free bits per example: each example\'s KL counts at least FREE_BITS.', '        penalty = penalty + kl.sum(-1).clamp(min=FREE_BITS).mean()'];
  const constants = [`SAMPLES = ${o.samples}`, `BETA = ${pythonFloat(o.beta)}`, `WARMUP_STEPS = ${o.warmupSteps}`, ...(o.freeBits > 0 ? [`FREE_BITS = ${pythonFloat(o.freeBits)}`] : [])];
  return `${constants.join('\n')}


def beta_at(step):
    """The KL's weight: rises linearly from 0 over WARMUP_STEPS, then stays at BETA."""
    return BETA if WARMUP_STEPS == 0 else BETA * min(1.0, step / WARMUP_STEPS)


def objective(terms, step):
    """The ELBO averaged over the rows (SAMPLES draws per example), with β${o.freeBits > 0 ? ' and free bits' : ''}.

    β${o.freeBits > 0 ? ' and free bits change' : ' changes'} what is differentiated, never what is reported: the report holds
    the plain bound. Returns the loss to minimise and further quantities to report.
    """
    reconstruction = sum(terms["log_likelihood"].values())
    penalty = 0.0
    for kl in terms["kl"].values():  # [rows, dimensions]
${penalty.join('\n')}
    loss = -(reconstruction.mean() - beta_at(step) * penalty)
    return loss, {}
`;
}

/** model.py for an analysed graph that `pytorchRefusal` accepts. */
export function writeModelPy(analysis: Analysis, training: TrainingSettings, meta: { title: string; description?: string; source: string; appVersion: string }): ModelSource {
  const w: Writer = { init: [], forward: [], names: new NameTable(), values: new Map(), buffers: [], usesRows: false };
  const networks: ParameterMap['networks'][number][] = [];
  const learnables: ParameterMap['learnables'][number][] = [];
  const terms: Terms = { logLikelihood: [], kl: [], accuracy: [] };
  const columns: string[] = [];
  const families = new Set<string>();
  for (const id of analysis.order) {
    const a = analysis.nodes.get(id)!;
    const used = Object.values(a.consumers).some((l) => l.length > 0);
    switch (a.kind.category) {
      case 'data':
        if (!used) break;
        for (const [port, list] of Object.entries(a.consumers)) {
          if (list.length === 0) continue;
          const v = w.names.claim(port);
          w.forward.push(`${v} = batch[${pythonString(port)}]`);
          w.values.set(`${id}.${port}`, v);
          columns.push(port);
        }
        break;
      case 'parameter':
        if (used) writeParameter(w, a, learnables);
        break;
      case 'network':
        writeNetwork(w, a, networks);
        break;
      case 'distribution':
        families.add(OBSERVED_FAMILIES[a.kind.family!.family as string]!);
        writeDistribution(w, a, analysis, training, terms);
        break;
    }
  }
  const closedForm = terms.kl.some((k) => k.expr.startsWith('kl_divergence'));
  const imports = [...families].sort();
  const doc = [
    `${meta.title}: the model of a Latent Studio graph, in PyTorch.`,
    ...(meta.description ? ['', ...wrapComment(meta.description, 96)] : []),
    '',
    `Exported by Latent Studio ${meta.appVersion} from ${meta.source}. Run train.py to train it; README.md says how.`,
  ];
  const forwardDoc = terms.kl.length > 0
    ? 'Scores a batch (its rows repeated once per sample): each observed variable\'s log-likelihood\n        per row, each latent\'s KL(q ‖ p) per row and dimension, and the accuracy of each classifier.'
    : 'Scores a batch: each observed variable\'s log-likelihood per row, and the accuracy of each\n        classifier.';
  const needsMath = training.objective.kind === 'iwae' && terms.kl.length > 0;
  const text = `"""${doc.join('\n')}
"""
${needsMath ? 'import math\n\n' : ''}import torch
import torch.nn.functional as F
from torch import nn
from torch.distributions import ${[...imports, ...(closedForm ? ['kl_divergence'] : [])].join(', ')}


def identity(x):
    return x


class MLP(nn.Module):
    """Hidden layers with one activation, then a linear head per output, each with its own activation."""

    def __init__(self, in_features, hidden, activation, heads):
        super().__init__()
        layers = []
        for units in hidden:
            layers += [nn.Linear(in_features, units), activation()]
            in_features = units
        self.hidden = nn.Sequential(*layers)
        self.heads = nn.ModuleDict({name: nn.Linear(in_features, size) for name, (size, _) in heads.items()})
        self.head_activations = {name: activation for name, (_, activation) in heads.items()}

    def forward(self, x):
        h = self.hidden(x)
        return {name: activation(self.heads[name](h)) for name, activation in self.head_activations.items()}


class Model(nn.Module):
    """The graph's networks and free parameters, and one pass that scores a batch."""

    def __init__(self):
        super().__init__()
${w.init.map((l) => `        ${l}`).join('\n')}

    def forward(self, batch, noise):
        """${forwardDoc}"""
${w.usesRows ? '        rows = len(next(iter(batch.values())))\n' : ''}${w.forward.map((l) => `        ${l}`).join('\n')}
        return {
            "log_likelihood": ${dictLiteral(terms.logLikelihood, '            ')},
            "kl": ${dictLiteral(terms.kl, '            ')},
            "accuracy": ${dictLiteral(terms.accuracy, '            ')},
        }


${objectiveSource(training, terms.kl.length > 0)}`;
  return { text, parameters: { networks, learnables, buffers: w.buffers }, columns, classifiers: terms.accuracy.map((t) => t.name) };
}
