import type { Category, Graph, KlForm, Problem } from '../../../shared/graph/index';
import { getKind } from '../../../shared/graph/index';
import { factorNodes, type FactorMaths, type MarkedMathsResult, type MarkedTerm, type ModelMaths } from '../../../shared/maths/index';

/** A node as the panel names it: a chip in its category's colour that selects it. */
export interface NodeRef {
  readonly nodeId: string;
  readonly name: string;
  readonly category: Category | 'unknown';
}

/** One entry of a section: a formula (or an estimator's lines) and where it comes from. */
export interface MathsEntry {
  readonly key: string;
  /** LaTeX, one formula a line; the first is the entry's statement, the others what its symbols stand for. */
  readonly lines: readonly string[];
  /** The node the entry is written from (its chip selects it); null for a formula of several nodes, whose marks select theirs. */
  readonly source: NodeRef | null;
  /** What the entry is of its node, beside the chip ("prior", "likelihood", "posterior"). */
  readonly caption: string | null;
  /** Selecting any of these nodes highlights the whole entry. */
  readonly nodes: readonly string[];
  /** The marks of the first line: `data-term="i"` is `terms[i]`. */
  readonly terms: readonly MarkedTerm[];
  /** The terms of a marked line as chips, one per node and role, for the keyboard (the marks are for the pointer). */
  readonly chips: readonly TermChip[];
  /** Lines that qualify the statement (the objective's "where" lines): set apart, smaller. */
  readonly notes: boolean;
}

/** A term of a marked formula as a button: its node, what it is ("KL, closed form"), and what highlights it. */
export interface TermChip {
  readonly node: NodeRef;
  readonly label: string;
  readonly nodes: readonly string[];
}

/** A part of the panel under its heading; parts with nothing to show are left out. */
export interface MathsSection {
  readonly id: 'model' | 'posterior' | 'objective' | 'estimators';
  readonly title: string;
  /** A few words after the title (the objective's kind and samples). */
  readonly detail: string | null;
  readonly entries: readonly MathsEntry[];
}

/** What the panel shows: a hint for an empty graph, the problem that stops the maths, or the maths. */
export type MathsView =
  | { readonly kind: 'empty' }
  | { readonly kind: 'invalid'; readonly problem: Problem; readonly node: NodeRef | null }
  | { readonly kind: 'maths'; readonly sections: readonly MathsSection[] };

const ROLE_CAPTION: Record<FactorMaths['role'], string> = { prior: 'prior', likelihood: 'likelihood', posterior: 'posterior' };

const KL_FORM: Record<KlForm, string> = { 'closed-form': 'KL, closed form', 'monte-carlo': 'KL, Monte Carlo', 'exact-sum': 'KL, exact sum' };

/** The panel's content for a graph and the result of `markedMathsOfAnalysis` on it. */
export function mathsView(graph: Graph, result: MarkedMathsResult): MathsView {
  if (graph.nodes.length === 0) return { kind: 'empty' };
  const nodeRef = refsOf(graph);
  if (!result.ok) return { kind: 'invalid', problem: result.problem, node: result.problem.nodeId === undefined ? null : nodeRef(result.problem.nodeId) };
  const { maths, marked } = result;
  const plain = (key: string, lines: readonly string[], notes = false): MathsEntry => ({ key, lines, source: null, caption: null, nodes: [], terms: [], chips: [], notes });
  const factor = (f: FactorMaths): MathsEntry => ({
    ...plain(`${f.role}:${f.nodeId}`, [f.latex]),
    source: nodeRef(f.role === 'posterior' ? f.distributionNodeId : f.nodeId),
    caption: f.role === 'posterior' ? `posterior of ${nodeRef(f.nodeId).name}` : ROLE_CAPTION[f.role],
    nodes: factorNodes(f),
  });

  const sections: MathsSection[] = [];
  sections.push({
    id: 'model',
    title: 'Generative model',
    detail: null,
    entries: [{ ...plain('joint', [marked.joint.latex]), terms: marked.joint.terms }, ...maths.model.map(factor)],
  });
  if (maths.posterior.length > 0) {
    const joint = marked.posteriorJoint ? [{ ...plain('posterior-joint', [marked.posteriorJoint.latex]), terms: marked.posteriorJoint.terms }] : [];
    sections.push({ id: 'posterior', title: 'Approximate posterior', detail: null, entries: [...joint, ...maths.posterior.map(factor)] });
  }
  const objective = marked.objective;
  sections.push({
    id: 'objective',
    title: 'Objective',
    detail: objectiveDetail(maths),
    entries: [
      { ...plain('objective', [objective.latex]), terms: objective.terms, chips: chipsOf(objective.terms, maths, nodeRef) },
      ...(maths.objective.where.length ? [plain('where', maths.objective.where, true)] : []),
    ],
  });
  if (maths.estimators.length > 0) {
    const qNode = new Map(maths.posterior.map((f) => [f.nodeId, f.distributionNodeId]));
    sections.push({
      id: 'estimators',
      title: 'Gradient estimators',
      detail: null,
      entries: maths.estimators.map((e) => ({
        ...plain(`estimator:${e.nodeId}`, e.lines),
        source: nodeRef(e.nodeId),
        caption: 'estimator',
        nodes: qNode.has(e.nodeId) ? [e.nodeId, qNode.get(e.nodeId)!] : [e.nodeId],
      })),
    });
  }
  return { kind: 'maths', sections };
}

/** Names and categories of the graph's nodes, by id (an id the graph lacks names itself). */
function refsOf(graph: Graph): (id: string) => NodeRef {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return (id) => {
    const n = byId.get(id);
    return { nodeId: id, name: n?.name ?? id, category: (n && getKind(n.kind)?.category) ?? 'unknown' };
  };
}

/** "ELBO, 1 sample", "IWAE, S = 10", "log-likelihood": the objective as the Training settings name it. */
function objectiveDetail(m: ModelMaths): string {
  const o = m.objective;
  if (o.kind === 'log-likelihood') return 'log-likelihood (no latent variable)';
  const S = o.settings.samples;
  return `${o.kind === 'iwae' ? 'IWAE' : 'ELBO'}, ${S} sample${S === 1 ? '' : 's'} per example`;
}

/** One chip per node and role of a marked formula's terms, in order of appearance. */
function chipsOf(terms: readonly MarkedTerm[], m: ModelMaths, nodeRef: (id: string) => NodeRef): TermChip[] {
  const seen = new Set<string>();
  const out: TermChip[] = [];
  for (const t of terms) {
    const key = `${t.role}:${t.nodeId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const kl = t.role === 'kl' ? m.objective.kl.find((k) => k.nodeId === t.nodeId) : undefined;
    const label = t.role === 'kl' ? (kl ? KL_FORM[kl.form] : 'KL') : ROLE_CAPTION[t.role];
    out.push({ node: nodeRef(t.nodeId), label, nodes: t.nodes });
  }
  return out;
}

/** Whether an entry, a mark or a chip is highlighted by the nodes selected on the canvas. */
export function isHighlighted(nodes: readonly string[], selected: ReadonlySet<string>): boolean {
  return nodes.some((id) => selected.has(id));
}
