import type { AnalyzedNode } from './analyze';
import type { ProblemList } from './problems';

/** One affine step of a flow, in the density direction (x towards u), with the MADE computing its m and s. */
export interface FlowStep {
  readonly stepId: string;
  readonly madeId: string;
}

/**
 * The steps of a Flow density node, in the order x meets them (u_0 = x, …, u_K), following the
 * 'in' of each step back from the node's 'u'. Null when the chain is not yet complete (a missing
 * input is reported where it is missing); `flowChecks` reports a chain wired wrongly.
 */
export function flowSteps(nodes: ReadonlyMap<string, AnalyzedNode>, flow: AnalyzedNode): FlowStep[] | null {
  const steps: FlowStep[] = [];
  let inc = flow.inputs.u?.[0];
  const seen = new Set<string>();
  while (inc) {
    const step = nodes.get(inc.sourceNodeId);
    if (!step || step.node.kind !== 'flow.affine' || seen.has(step.node.id)) break;
    seen.add(step.node.id);
    const shift = step.inputs.shift?.[0];
    if (!shift) return null;
    steps.unshift({ stepId: step.node.id, madeId: shift.sourceNodeId });
    inc = step.inputs.in?.[0];
    if (!inc) return null;
    if (nodes.get(inc.sourceNodeId)?.node.kind !== 'flow.affine') break;
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
 * Jacobian is not triangular and −Σ s is not its log-determinant); a MADE that serves a step serves
 * only it; a step's u goes only to the next step (and its MADE) or to one Flow density; a Flow
 * density's u is the last step's, and its steps start from the data it observes.
 */
export function flowChecks(nodes: ReadonlyMap<string, AnalyzedNode>, problems: ProblemList): void {
  for (const step of nodes.values()) {
    if (step.node.kind !== 'flow.affine') continue;
    const at = { nodeId: step.node.id };
    const x = step.inputs.in?.[0];
    const shift = step.inputs.shift?.[0];
    const logScale = step.inputs.logScale?.[0];
    if (shift && logScale) {
      const made = nodes.get(shift.sourceNodeId);
      if (made?.node.kind !== 'network.made' || shift.sourcePort !== 'shift' || logScale.sourceNodeId !== shift.sourceNodeId || logScale.sourcePort !== 'logScale') {
        problems.error('flow-wiring', `flow step ${step.node.name} takes its shift and log-scale from the 'shift' and 'logScale' heads of one MADE; it has ${shift.sourceLabel} and ${logScale.sourceLabel}`, { ...at, port: 'shift', edgeId: shift.edgeId });
      } else {
        if (x && !same(made.inputs.in?.[0], x)) {
          problems.error('flow-wiring', `MADE ${made.node.name} must read what flow step ${step.node.name} transforms (${x.sourceLabel}), so that m_d and s_d depend only on the dimensions before d of that value`, { nodeId: made.node.id, port: 'in' });
        }
        const others = Object.values(made.consumers).flat().filter((e) => e.target.node !== step.node.id);
        if (others.length > 0) {
          problems.error('flow-wiring', `MADE ${made.node.name} computes flow step ${step.node.name}'s shift and log-scale and cannot feed anything else (give the other use its own network)`, { nodeId: made.node.id });
        }
      }
    }
    const users = (step.consumers.out ?? []).map((e) => nodes.get(e.target.node)!);
    const nextSteps = users.filter((u) => u.node.kind === 'flow.affine');
    const flows = users.filter((u) => u.node.kind === 'dist.flow');
    const made = users.filter((u) => u.node.kind === 'network.made');
    const other = users.find((u) => u.node.kind !== 'flow.affine' && u.node.kind !== 'dist.flow' && u.node.kind !== 'network.made');
    if (other) {
      problems.error('flow-wiring', `the output u of flow step ${step.node.name} goes to ${other.node.name}; it can go only into the next flow step and its MADE, or into a Flow density's 'u'`, { ...at, port: 'out' });
    } else if (nextSteps.length + flows.length > 1 || (flows.length === 1 && made.length > 0)) {
      problems.error('flow-wiring', `the output u of flow step ${step.node.name} goes on in several flows; a step belongs to one flow (next step or Flow density, not both)`, { ...at, port: 'out' });
    } else if (users.length > 0 && nextSteps.length + flows.length === 0) {
      problems.error('flow-wiring', `the output u of flow step ${step.node.name} feeds a MADE but no next flow step`, { ...at, port: 'out' });
    }
  }
  for (const flow of nodes.values()) {
    if (flow.node.kind !== 'dist.flow') continue;
    const u = flow.inputs.u?.[0];
    if (!u) continue;
    if (nodes.get(u.sourceNodeId)?.node.kind !== 'flow.affine') {
      problems.error('flow-wiring', `the 'u' of Flow density ${flow.node.name} must be the output of an affine flow step; it is ${u.sourceLabel}`, { nodeId: flow.node.id, port: 'u', edgeId: u.edgeId });
      continue;
    }
    const steps = flowSteps(nodes, flow);
    const value = flow.inputs.value?.[0];
    if (!steps || !value) continue;
    const first = nodes.get(steps[0]!.stepId)!;
    if (!same(first.inputs.in?.[0], value)) {
      problems.error('flow-wiring', `the flow steps of ${flow.node.name} start from ${first.inputs.in?.[0]?.sourceLabel ?? 'nothing'}, not from the data it observes (${value.sourceLabel}): connect that data to the first step's 'in' and its MADE`, { nodeId: first.node.id, port: 'in' });
    }
  }
}
