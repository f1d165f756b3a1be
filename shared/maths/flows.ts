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

/** The value after IAF step k of a posterior flow: z^{(k)}, subscripted with the latent when the graph has several flows. */
function zSymbol(latent: string, writer: ExpressionWriter, k: number | string): string {
  const flows = [...writer.analysis.nodes.values()].filter((n) => n.node.kind === 'dist.flow').length;
  return flows > 1 ? `${latent}_{${k}}` : `z^{(${k})}`;
}

/**
 * A Flow posterior as a distribution: IAF(N(μ(x), σ(x)²); its steps). Its parameters are the base's
 * (so the reparameterisation writes z^{(0)} = μ + σ ⊙ ε with them) and one per step, computed by the
 * step and its MADE; it is conditioned on what the base reads.
 */
export function iafDistribution(a: AnalyzedNode, writer: ExpressionWriter, base: DistributionMaths | null): DistributionMaths {
  const steps = stepsOf(a, writer);
  return {
    family: 'flow',
    latex: `\\mathrm{IAF}(${base?.latex ?? 'q_0'};\\, ${steps.map((s) => symbol(s.step.node.name)).join(', ')})`,
    parameters: [
      ...(base?.parameters ?? []),
      ...steps.map((s, k) => ({ port: `step ${k + 1}`, latex: symbol(s.step.node.name), link: 'none' as const, source: 'connected' as const, nodeIds: [s.step.node.id, s.made.node.id] })),
    ],
    given: base?.given ?? [],
  };
}

/** The reparameterised draw of a latent through an IAF posterior: z^{(0)} = μ + σ ⊙ ε, then the steps, z = z^{(K)}. */
export function iafDraw(z: string, latent: string, flow: AnalyzedNode, writer: ExpressionWriter, base: Record<string, string>): string {
  const K = stepsOf(flow, writer).length;
  return `${z} = ${zSymbol(latent, writer, K)}, \\quad ${zSymbol(latent, writer, 0)} = ${base.loc} + ${base.scale} \\odot \\epsilon, \\quad \\epsilon \\sim \\mathcal{N}(0, I)`;
}

/**
 * What log q(z | x) of an IAF posterior is, by the change of variables (VI-NOTES: log q(z_K | x) =
 * log q_0(z_0 | x) − Σ_k Σ_d log σ_d^{(k)}, minus not plus), then each step, z^{(k)} = z^{(k−1)} ⊙
 * exp(s^{(k)}) + m^{(k)} with (m^{(k)}, s^{(k)}) from its MADE at z^{(k−1)}, all dimensions in one
 * pass, and the MADEs' orders.
 */
export function iafWhere(latent: AnalyzedNode, flow: AnalyzedNode, writer: ExpressionWriter, posterior: Pick<DistributionMaths, 'given' | 'parameters'>): string[] {
  const given = posterior.given;
  const scale = posterior.parameters.find((p) => p.port === 'scale')?.latex ?? '\\sigma';
  const steps = stepsOf(flow, writer);
  const K = steps.length;
  const zName = symbol(latent.node.name);
  const z = (k: number | string): string => zSymbol(zName, writer, k);
  const D = flow.outputs.q?.size ?? 'D';
  const cond = given.length ? ` \\mid ${given.join(', ')}` : '';
  const lines = [
    `\\log q(${zName}${cond}) = \\log \\mathcal{N}(\\epsilon; 0, I) - \\sum_{d=1}^{${D}} \\log ${scale}_{d} - \\sum_{k=1}^{${K}} \\sum_{d=1}^{${D}} s^{(k)}_{d}, \\quad ${zName} = ${z(K)}`,
  ];
  steps.forEach((s, i) => {
    const k = i + 1;
    lines.push(`${z(k)} = ${z(k - 1)} \\odot \\exp(s^{(${k})}) + m^{(${k})}, \\quad (m^{(${k})}, s^{(${k})}) = ${symbol(s.made.node.name)}(${z(k - 1)})`);
  });
  const orders = steps.map((s) => s.made.params.order as string).join(', ');
  lines.push(`m^{(k)}_{d}, s^{(k)}_{d} \\text{ depend only on the dimensions of } ${z('k-1')} \\text{ before } d \\text{ in the MADE's order (${orders})}`);
  return lines;
}
