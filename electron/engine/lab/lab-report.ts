import type { LabReportData } from '../../../shared/protocol/lab';
import type { LabReport } from './lab';

/**
 * The report as plain data (shared/protocol/lab.ts): what `latent-studio estimators --json` prints
 * and what the Lab tab receives. The mean gradients are left out (one number per parameter).
 */
export function labReportData(r: LabReport, graph: string, backend: string, runId?: string): LabReportData {
  return {
    type: 'estimators', graph, backend, step: r.step, ...(runId !== undefined && { runId }),
    samples: r.samples, particles: r.particles, batchSize: r.batchSize, seed: r.seed,
    parameters: { nodes: [...r.parameters.nodes], names: [...r.parameters.names], size: r.parameters.size },
    reference: { ...r.reference },
    estimators: r.results.map((x) => ({
      latent: x.variant.latent, estimator: x.variant.estimator, label: x.label,
      ...(x.variant.baseline ? { baseline: x.variant.baseline } : {}),
      ...(x.variant.temperature !== undefined ? { temperature: x.variant.temperature } : {}),
      variance: x.variance, cosine: x.cosine, meanNorm: x.meanNorm, msPerEstimate: x.msPerEstimate,
    })),
    skipped: r.skipped.map((s) => ({ ...s })),
  };
}
