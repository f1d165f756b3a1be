import type { AnalyzedNode } from './analyze';
import type { ProblemList } from './problems';

/** One affine step of a flow, with the MADE computing its m and s. */
export interface FlowStep {
  readonly stepId: string;
  readonly madeId: string;
}

/** The kind of step a Flow node's chain is made of: affine steps (density direction) for MAF, IAF steps for a posterior. */
const STEP_KINDS = ['flow.affine', 'flow.iaf'] as const;
type StepKind = (typeof STEP_KINDS)[number];

function stepKindOf(flow: AnalyzedNode): StepKind {
  return flow.params.role === 'posterior' ? 'flow.iaf' : 'flow.affine';
}

/** The port of a Flow node that takes the last step's output: u_K of a density, z_K of a posterior. */
export function flowEndPort(flow: AnalyzedNode): 'u' | 'z' {
  return flow.params.role === 'posterior' ? 'z' : 'u';
}

/** The port of a Flow node whose source the first step must read: the data a density observes, the base q_0 of a posterior. */
function flowStartPort(flow: AnalyzedNode): 'value' | 'base' {
  return flow.params.role === 'posterior' ? 'base' : 'value';
}

/** How messages name a step. */
function stepNoun(kind: string): string {
  return kind === 'flow.iaf' ? 'IAF step' : 'flow step';
}

/**
 * The steps of a Flow node, in the order its values go through them: for a density (MAF) from
 * x = u_0 to u_K, following the 'in' of each affine step back from the node's 'u'; for a posterior
 * (IAF) from the base draw z_0 to z_K, following IAF steps back from its 'z'. Null when the chain is
 * not yet complete (a missing input is reported where it is missing); `flowChecks` reports a chain
 * wired wrongly.
 */
export function flowSteps(nodes: ReadonlyMap<string, AnalyzedNode>, flow: AnalyzedNode): FlowStep[] | null {
  const kind = stepKindOf(flow);
  const steps: FlowStep[] = [];
  let inc = flow.inputs[flowEndPort(flow)]?.[0];
  const seen = new Set<string>();
  while (inc) {
    const step = nodes.get(inc.sourceNodeId);
    if (!step || step.node.kind !== kind || seen.has(step.node.id)) break;
    seen.add(step.node.id);
    const shift = step.inputs.shift?.[0];
    if (!shift) return null;
    steps.unshift({ stepId: step.node.id, madeId: shift.sourceNodeId });
    inc = step.inputs.in?.[0];
    if (!inc) return null;
    if (nodes.get(inc.sourceNodeId)?.node.kind !== kind) break;
  }
  return steps.length ? steps : null;
}

/** The node ids a flow evaluates itself (its steps and their MADEs), which a pass over the graph skips. */
export function flowInternals(nodes: ReadonlyMap<string, AnalyzedNode>): Set<string> {
  const ids = new Set<string>();
  for (const a of nodes.values()) {
    if (a.node.kind !== 'dist.flow') continue;
    for (const s of flowSteps(nodes, a) ?? []) ids.add(s.stepId).add(s.madeId);
  }
  return ids;
}

const same = (a: { sourceNodeId: string; sourcePort: string } | undefined, b: { sourceNodeId: string; sourcePort: string } | undefined): boolean =>
  a !== undefined && b !== undefined && a.sourceNodeId === b.sourceNodeId && a.sourcePort === b.sourcePort;

/**
 * The wiring a flow's change of variables relies on, each broken rule an error naming the node:
 * a step's m and s are the two heads of one MADE that reads the step's own input (else the
 * Jacobian is not triangular and ∓Σ s is not its log-determinant); a MADE that serves a step serves
 * only it; a step's output goes only to the next step of its kind (and its MADE) or to one Flow
 * node; a Flow density's u is the last affine step's and its steps start from the data it
 * observes; a Flow posterior's z is the last IAF step's and its steps start from the draw of its
 * base q_0, the only place a distribution may enter a step or a MADE.
 */
export function flowChecks(nodes: ReadonlyMap<string, AnalyzedNode>, problems: ProblemList): void {
  const internal = flowInternals(nodes);
  for (const step of nodes.values()) {
    const kind = step.node.kind;
    if (!(STEP_KINDS as readonly string[]).includes(kind)) continue;
    const noun = stepNoun(kind);
    const at = { nodeId: step.node.id };
    const x = step.inputs.in?.[0];
    const shift = step.inputs.shift?.[0];
    const logScale = step.inputs.logScale?.[0];
    if (shift && logScale) {
      const made = nodes.get(shift.sourceNodeId);
      if (made?.node.kind !== 'network.made' || shift.sourcePort !== 'shift' || logScale.sourceNodeId !== shift.sourceNodeId || logScale.sourcePort !== 'logScale') {
        problems.error('flow-wiring', `${noun} ${step.node.name} takes its shift and log-scale from the 'shift' and 'logScale' heads of one MADE; it has ${shift.sourceLabel} and ${logScale.sourceLabel}`, { ...at, port: 'shift', edgeId: shift.edgeId });
      } else {
        if (x && !same(made.inputs.in?.[0], x)) {
          problems.error('flow-wiring', `MADE ${made.node.name} must read what ${noun} ${step.node.name} transforms (${x.sourceLabel}), so that m_d and s_d depend only on the dimensions before d of that value`, { nodeId: made.node.id, port: 'in' });
        }
        const others = Object.values(made.consumers).flat().filter((e) => e.target.node !== step.node.id);
        if (others.length > 0) {
          problems.error('flow-wiring', `MADE ${made.node.name} computes ${noun} ${step.node.name}'s shift and log-scale and cannot feed anything else (give the other use its own network)`, { nodeId: made.node.id });
        }
      }
    }
    const users = (step.consumers.out ?? []).map((e) => nodes.get(e.target.node)!);
    const nextSteps = users.filter((u) => u.node.kind === kind);
    const flows = users.filter((u) => u.node.kind === 'dist.flow');
    const made = users.filter((u) => u.node.kind === 'network.made');
    const other = users.find((u) => u.node.kind !== kind && u.node.kind !== 'dist.flow' && u.node.kind !== 'network.made');
    const end = kind === 'flow.iaf' ? "a Flow posterior's 'z'" : "a Flow density's 'u'";
    if (other) {
      problems.error('flow-wiring', `the output ${kind === 'flow.iaf' ? '' : 'u '}of ${noun} ${step.node.name} goes to ${other.node.name}; it can go only into the next ${noun} and its MADE, or into ${end}`, { ...at, port: 'out' });
    } else if (nextSteps.length + flows.length > 1 || (flows.length === 1 && made.length > 0)) {
      problems.error('flow-wiring', `the output ${kind === 'flow.iaf' ? '' : 'u '}of ${noun} ${step.node.name} goes on in several flows; a step belongs to one flow (next step or Flow ${kind === 'flow.iaf' ? 'posterior' : 'density'}, not both)`, { ...at, port: 'out' });
    } else if (users.length > 0 && nextSteps.length + flows.length === 0) {
      problems.error('flow-wiring', `the output ${kind === 'flow.iaf' ? '' : 'u '}of ${noun} ${step.node.name} feeds a MADE but no next ${noun}`, { ...at, port: 'out' });
    } else if (kind === 'flow.iaf' && x && shift && logScale && !internal.has(step.node.id)) {
      // Complete, but in no Flow posterior's chain (it ends nowhere, or in a Flow density): nothing computes it.
      problems.error('flow-wiring', `IAF step ${step.node.name} leads to no Flow posterior: end its chain of IAF steps in the 'z' of a Flow whose role is approximate posterior`, { ...at, port: 'out' });
    }
  }
  // A distribution enters a MADE only as the base draw of an IAF chain (its first step reads it too).
  for (const made of nodes.values()) {
    if (made.node.kind !== 'network.made') continue;
    const inc = made.inputs.in?.[0];
    if (inc?.type.flow !== 'distribution') continue;
    const served = Object.values(made.consumers).flat().map((e) => nodes.get(e.target.node)!);
    if (!served.some((s) => s.node.kind === 'flow.iaf' && same(s.inputs.in?.[0], inc))) {
      problems.error('flow-wiring', `MADE ${made.node.name} reads ${inc.sourceLabel}, a distribution: only the MADE of the first IAF step may, reading its draw z_0; otherwise feed it a value`, { nodeId: made.node.id, port: 'in', edgeId: inc.edgeId });
    }
  }
  for (const flow of nodes.values()) {
    if (flow.node.kind !== 'dist.flow') continue;
    const endPort = flowEndPort(flow);
    const kind = stepKindOf(flow);
    const posterior = flow.params.role === 'posterior';
    const what = posterior ? `Flow posterior ${flow.node.name}` : `Flow density ${flow.node.name}`;
    const u = flow.inputs[endPort]?.[0];
    if (!u) continue;
    if (nodes.get(u.sourceNodeId)?.node.kind !== kind) {
      const needs = posterior ? 'an IAF step (z_k = z_{k−1} ⊙ exp(s) + m)' : 'an affine flow step';
      problems.error('flow-wiring', `the '${endPort}' of ${what} must be the output of ${needs}; it is ${u.sourceLabel}`, { nodeId: flow.node.id, port: endPort, edgeId: u.edgeId });
      continue;
    }
    const steps = flowSteps(nodes, flow);
    const start = flow.inputs[flowStartPort(flow)]?.[0];
    if (!steps || !start) continue;
    const first = nodes.get(steps[0]!.stepId)!;
    if (!same(first.inputs.in?.[0], start)) {
      const from = first.inputs.in?.[0]?.sourceLabel ?? 'nothing';
      problems.error('flow-wiring', posterior
        ? `the IAF steps of ${flow.node.name} start from ${from}, not from its base (${start.sourceLabel}): connect the base's 'q' to the first step's 'in' and its MADE, which read its draw z_0`
        : `the flow steps of ${flow.node.name} start from ${from}, not from the data it observes (${start.sourceLabel}): connect that data to the first step's 'in' and its MADE`, { nodeId: first.node.id, port: 'in' });
    }
  }
}

/**
 * The consumers of a posterior's 'q' that are part of an IAF chain (the first step and its MADE read
 * the base's draw); `modelChecks` counts only the others as its users.
 */
export function readsBaseDraw(target: AnalyzedNode): boolean {
  return target.node.kind === 'flow.iaf' || target.node.kind === 'network.made';
}
