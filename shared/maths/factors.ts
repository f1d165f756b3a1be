import type { Analysis, AnalyzedNode } from '../graph/analyze';
import { distributionOf } from './families';
import type { ExpressionWriter } from './expressions';
import { density, symbol } from './latex';
import { transformOf } from '../graph/constraint-transform';
import { inverseLatex, zetaOf } from './transform';
import type { FactorMaths } from './types';

/** The random-variable nodes of a role, in graph order. */
export function nodesWithRole(analysis: Analysis, role: 'latent' | 'observed'): AnalyzedNode[] {
  return analysis.order.map((id) => analysis.nodes.get(id)!).filter((a) => a.kind.category === 'distribution' && a.params.role === role);
}

/** The prior of a latent or the likelihood of an observed variable: z ~ N(0, I), x | z ~ Bern(sigmoid(decoder(z))). */
export function modelFactor(a: AnalyzedNode, writer: ExpressionWriter): FactorMaths {
  const d = distributionOf(a, writer);
  const variable = symbol(a.node.name);
  const lhs = d.given.length ? `${variable} \\mid ${d.given.join(', ')}` : variable;
  return {
    nodeId: a.node.id,
    distributionNodeId: a.node.id,
    latex: `${lhs} \\sim ${d.latex}`,
    variable,
    role: a.params.role === 'observed' ? 'likelihood' : 'prior',
    family: d.family,
    given: d.given,
    parameters: d.parameters,
    density: density('p', [variable], d.given),
    distribution: d.latex,
  };
}

/**
 * The approximate posterior of a latent, q(z | x) = N(encoder_loc(x), encoder_scale(x)²); null when
 * none is wired (summed out). A latent with a constraint transform has q over ζ_z (its `variable`),
 * written q(ζ_z) = N(μ, σ²), z = exp(ζ_z).
 */
export function posteriorFactor(latent: AnalyzedNode, analysis: Analysis, writer: ExpressionWriter): FactorMaths | null {
  const inc = latent.inputs.posterior?.[0];
  if (!inc) return null;
  const q = analysis.nodes.get(inc.sourceNodeId)!;
  const d = distributionOf(q, writer);
  const z = symbol(latent.node.name);
  // ADVI: q is over the unconstrained ζ, and the latent is T⁻¹(ζ).
  const transform = transformOf(latent.params);
  const variable = transform === 'none' ? z : zetaOf(z);
  const dens = density('q', [variable], d.given);
  return {
    nodeId: latent.node.id,
    distributionNodeId: q.node.id,
    latex: transform === 'none' ? `${dens} = ${d.latex}` : `${dens} = ${d.latex}, \\quad ${z} = ${inverseLatex(transform, variable)}`,
    variable,
    role: 'posterior',
    family: d.family,
    given: d.given,
    parameters: d.parameters,
    density: dens,
    distribution: d.latex,
  };
}
