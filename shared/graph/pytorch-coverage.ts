/**
 * Which graphs the PyTorch export (electron/engine/export/pytorch/) can write. A graph it cannot
 * write yet is refused with the first node (or setting) that stands in the way and why, never
 * exported half right. It lives beside the analysis so that the Export dialog can say why before
 * anything is asked of the back end.
 */
import type { Analysis, AnalyzedNode } from './analyze';
import { transformOf } from './constraint-transform';
import type { TrainingSettings } from './document';
import { latentEstimator } from './objective-checks';

/** Why a graph cannot be exported: the node in the way (absent for a training setting) and the reason. */
export interface ExportRefusal {
  readonly nodeId?: string;
  readonly message: string;
}

/** The families the export writes as observed variables, with torch.distributions' class for each. */
export const OBSERVED_FAMILIES: Readonly<Record<string, string>> = {
  normal: 'Normal',
  bernoulli: 'Bernoulli',
  categorical: 'Categorical',
  poisson: 'Poisson',
  laplace: 'Laplace',
};

/** Families of latents (and their posteriors) the export writes: reparameterised Normals. */
const LATENT_FAMILIES = new Set(['normal']);

function isUsed(a: AnalyzedNode): boolean {
  return Object.values(a.consumers).some((l) => l.length > 0) || a.kind.category === 'distribution';
}

function refuseNode(a: AnalyzedNode): string | null {
  const name = a.node.name;
  switch (a.kind.category) {
    case 'data':
      // The exported data loader reads every label: withheld labels (semi-supervised) are not written.
      if (a.node.kind === 'data.mnist' && a.params.labelled !== undefined) return `MNIST ${name}: the PyTorch export does not write withheld labels (${a.params.labelled} labelled examples) yet`;
      return null;
    case 'parameter':
      return null;
    case 'network':
      return a.node.kind === 'network.mlp' ? null : `${a.kind.displayName} ${name}: the PyTorch export does not write ${a.kind.displayName} networks yet (MLPs only)`;
    case 'distribution': {
      const family = a.kind.family!.family as string;
      const role = a.params.role as string;
      if (role === 'observed') {
        if (!(family in OBSERVED_FAMILIES)) return `${a.kind.displayName} ${name}: the PyTorch export does not write observed ${a.kind.displayName} variables yet`;
        if (family === 'categorical' && (a.params.groups ?? 1) !== 1) return `Categorical ${name}: groups of classes are not written by the PyTorch export yet`;
        return null;
      }
      if (!LATENT_FAMILIES.has(family)) return `${a.kind.displayName} ${name}: the PyTorch export writes Normal latents and posteriors only, for now`;
      if (role === 'posterior') return null;
      const estimator = latentEstimator(a);
      if (estimator !== 'reparameterisation') return `latent ${name} uses the ${estimator} estimator; the PyTorch export writes reparameterised latents only, for now`;
      if (transformOf(a.params) !== 'none') return `latent ${name} has a constraint transform (ADVI), which the PyTorch export does not write yet`;
      if (a.params.plate === 'global') return `latent ${name} is global (one value for the data set), which the PyTorch export does not write yet`;
      if (!(a.inputs.posterior?.length)) return `latent ${name} has no approximate posterior`;
      return null;
    }
    default:
      return `${name}: the PyTorch export does not know nodes of kind ${a.node.kind}`;
  }
}

/** The first reason the graph cannot be exported to PyTorch, or null when it can. */
export function pytorchRefusal(analysis: Analysis, training: TrainingSettings): ExportRefusal | null {
  for (const id of analysis.order) {
    const a = analysis.nodes.get(id)!;
    if (!isUsed(a)) continue;
    const message = refuseNode(a);
    if (message) return { nodeId: id, message };
  }
  if (training.objective.kind !== 'elbo' && training.objective.kind !== 'iwae') {
    return { message: `the ${(training.objective as { kind: string }).kind} objective is not written by the PyTorch export yet` };
  }
  return null;
}
