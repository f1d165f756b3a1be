import type { AnalyzedNode } from '../graph/analyze';
import { flowSteps } from '../graph/flow-chain';
import type { ExpressionWriter } from './expressions';
import type { DistributionMaths } from './families';
import { symbol } from './latex';

/** The steps of a Flow density node with their nodes, in the order x meets them. */
function stepsOf(a: AnalyzedNode, writer: ExpressionWriter): Array<{ step: AnalyzedNode; made: AnalyzedNode }> {
  const nodes = writer.analysis.nodes;
  return (flowSteps(nodes, a) ?? []).map((s) => ({ step: nodes.get(s.stepId)!, made: nodes.get(s.madeId)! }));
}

/** The value after step k of a flow: u^{(k)}, subscripted with the variable when the graph has several flows. */
function uSymbol(a: AnalyzedNode, writer: ExpressionWriter, k: number): string {
  const flows = [...writer.analysis.nodes.values()].filter((n) => n.node.kind === 'dist.flow').length;
  return flows > 1 ? `u_{${symbol(a.node.name)}}^{(${k})}` : `u^{(${k})}`;
}

/**
 * A Flow density as a distribution: MAF(N(0, I); its steps). It is unconditional (its parameters
 * are the MADEs' weights); each step is listed as a parameter computed by the step and its MADE.
 */
export function flowDistribution(a: AnalyzedNode, writer: ExpressionWriter): DistributionMaths {
  const steps = stepsOf(a, writer);
  return {
    family: 'flow',
    latex: `\\mathrm{MAF}(\\mathcal{N}(0, I);\\, ${steps.map((s) => symbol(s.step.node.name)).join(', ')})`,
    parameters: steps.map((s, k) => ({ port: `step ${k + 1}`, latex: symbol(s.step.node.name), link: 'none', source: 'connected', nodeIds: [s.step.node.id, s.made.node.id] })),
    given: [],
  };
}

/**
 * What the log-likelihood of a Flow density is, by the change of variables (VI-NOTES: log p(x) =
 * log p_u(u) − Σ_d s_d per step, minus not plus), then each step, u^{(k)} = (u^{(k−1)} − m) ⊙ exp(−s)
 * with (m, s) from its MADE at u^{(k−1)}, and the MADEs' orders.
 */
export function flowWhere(a: AnalyzedNode, writer: ExpressionWriter): string[] {
  const steps = stepsOf(a, writer);
  const K = steps.length;
  const x = symbol(a.node.name);
  const D = a.inputs.value?.[0]?.type.size ?? 'D';
  const u = (k: number): string => (k === 0 ? x : uSymbol(a, writer, k));
  const lines = [`\\log p(${x}) = \\log \\mathcal{N}(${u(K)}; 0, I) - \\sum_{k=1}^{${K}} \\sum_{d=1}^{${D}} s^{(k)}_{d}`];
  steps.forEach((s, i) => {
    const k = i + 1;
    lines.push(`${u(k)} = (${u(k - 1)} - m^{(${k})}) \\odot \\exp(-s^{(${k})}), \\quad (m^{(${k})}, s^{(${k})}) = ${symbol(s.made.node.name)}(${u(k - 1)})`);
  });
  const orders = steps.map((s) => s.made.params.order as string).join(', ');
  lines.push(`m^{(k)}_{d}, s^{(k)}_{d} \\text{ depend only on the dimensions before } d \\text{ in the MADE's order (${orders})}`);
  return lines;
}
