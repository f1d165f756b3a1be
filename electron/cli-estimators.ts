import { resolve } from 'node:path';
import type { GraphFile } from '../shared/graph/index';
import type { BackendChoice } from './engine/backend';
import { startCliBackend } from './cli-backend';
import { LabError, runEstimatorLab, type LabReport } from './engine/lab/lab';
import { GraphInvalidError } from './engine/train/errors';
import { prepareLabSubject } from './engine/lab/lab-subject';
import { labReportData } from './engine/lab/lab-report';
import { printProblems } from './cli-output';

export interface EstimatorsCommandOptions {
  samples: number;
  seed: number;
  run?: string;
  temperatures?: number[];
  referenceDraws: number;
  batch?: number;
  backend: BackendChoice;
  json?: boolean;
}

/** A variance or a cosine in a table cell: 3 significant digits, exponent when small or large. */
function num(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e4 || a < 1e-2 ? x.toExponential(digits - 1) : x.toPrecision(digits);
}

/** The report as the table the command prints. */
export function formatLabTable(r: LabReport, graphName: string, backend: string): string {
  const lines: string[] = [];
  const when = r.step === 0 ? 'at initialisation (step 0)' : `at step ${r.step}`;
  lines.push(`${graphName} ${when}, ${backend} backend`);
  lines.push(`Gradient of the ELBO (${r.particles} sample${r.particles === 1 ? '' : 's'} per example) with respect to the inference network: ${r.parameters.nodes.join(', ')} (${r.parameters.size.toLocaleString('en')} parameters: ${r.parameters.names.join(', ')})`);
  lines.push(`One fixed minibatch of ${r.batchSize} training examples; R = ${r.samples} estimates per estimator, seed ${r.seed}.`);
  lines.push(`Reference gradient: ${r.reference.description} (norm ${num(r.reference.norm)}).`);
  lines.push('');
  const head = ['latent', 'estimator', 'baseline / τ', 'variance', '‖mean‖', 'cos to ref', 'ms / estimate'];
  const rows = r.results.map((x) => [
    x.variant.latent,
    x.variant.estimator,
    x.variant.baseline ?? (x.variant.temperature !== undefined ? `τ = ${x.variant.temperature}` : ''),
    num(x.variance),
    num(x.meanNorm),
    x.cosine.toFixed(3),
    x.msPerEstimate.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  lines.push(fmt(head));
  for (const row of rows) lines.push(fmt(row));
  lines.push('');
  lines.push('variance: the trace of the covariance of the R estimates over the number of parameters (mean per-parameter variance); ‖mean‖: the norm of their mean.');
  if (r.skipped.length) {
    lines.push('Not run:');
    for (const s of r.skipped) lines.push(`  ${s.label}: ${s.reason}`);
  }
  return lines.join('\n');
}

/** Runs `latent-studio estimators`; returns the exit code (0 fine, 1 invalid graph, no latent, or a failure). */
export async function runEstimatorsCommand(doc: GraphFile, path: string, baseDir: string, opts: EstimatorsCommandOptions): Promise<number> {
  const backend = await startCliBackend(opts.backend);
  if (backend === null) return 1;
  try {
    const subject = prepareLabSubject(doc, baseDir, opts.run === undefined ? undefined : resolve(opts.run));
    const progress = !opts.json && process.stderr.isTTY === true;
    const report = runEstimatorLab(subject, {
      samples: opts.samples, seed: opts.seed, referenceDraws: opts.referenceDraws,
      ...(opts.temperatures ? { temperatures: opts.temperatures } : {}),
      ...(opts.batch ? { batchSize: opts.batch } : {}),
      ...(progress ? { onEstimator: (label: string, done: number, total: number) => process.stderr.write(`\r${done}/${total} ${label}`.padEnd(60)) } : {}),
    });
    if (progress) process.stderr.write('\r'.padEnd(61) + '\r');
    subject.model.dispose();
    if (opts.json) process.stdout.write(`${JSON.stringify(labReportData(report, path, backend))}\n`);
    else console.log(formatLabTable(report, path, backend));
    return 0;
  } catch (e) {
    if (e instanceof GraphInvalidError) {
      printProblems(e.problems, doc);
      return 1;
    }
    console.error(`latent-studio: ${e instanceof LabError ? `${path}: ` : ''}${(e as Error).message}`);
    return 1;
  }
}
