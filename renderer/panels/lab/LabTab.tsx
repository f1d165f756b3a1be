import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { LabReportData } from '../../../shared/protocol/lab';
import { useRuns } from '../../store/use-runs';
import { NumberInput } from '../inspector/NumberInput';
import { LabTable } from './LabTable';
import { formatVariance } from './lab-format';
import { isLabBusy, useLab, type LabSource } from './lab-store';
import type { LabCommands } from './useLabCommands';
import { VarianceChart } from './VarianceChart';

/** Props of {@link LabTab}. */
export interface LabTabProps {
  readonly commands: LabCommands;
}

const SAMPLES_SPEC = { type: 'number', integer: true, min: 2, max: 10_000 } as const;
const REFERENCE_SPEC = { type: 'number', integer: true, min: 16, max: 100_000 } as const;

/** A message as a sentence: capitalised, ending with a full stop. */
function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** What the numbers are about, in one sentence per line. */
function ReportContext({ report }: { report: LabReportData }) {
  const params = report.parameters;
  const when = report.step === 0 ? 'at initialisation' : `at step ${report.step.toLocaleString('en')}`;
  return (
    <div className="lab__context">
      <p>
        {report.graph} {when}: gradient of the ELBO ({report.particles} sample{report.particles === 1 ? '' : 's'} per example) with respect to the inference network,{' '}
        {params.nodes.join(', ')} ({params.size.toLocaleString('en')} parameters), on one minibatch of {report.batchSize} training examples; R = {report.samples} estimates per
        estimator with the same random numbers, seed {report.seed}, {report.backend} backend.
      </p>
      <p>
        Reference gradient: {report.reference.description} (norm {formatVariance(report.reference.norm)}).
      </p>
    </div>
  );
}

/**
 * The estimator lab in the dock: choose the weights (the graph's initial ones or a run's
 * checkpoint) and R, run it in the back end's worker (cancellable), and read the variance of each
 * estimator (bars on a log scale), its cosine with a reference gradient and its time per estimate.
 */
export function LabTab({ commands }: LabTabProps) {
  const lab = useLab(useShallow((s) => ({ status: s.status, settings: s.settings, progress: s.progress, report: s.report, failure: s.failure, subject: s.subject, setSettings: s.setSettings })));
  const checkpointed = useRuns(useShallow((s) => s.order.map((id) => s.runs[id]!.summary).filter((r) => r.checkpointStep !== null)));
  const [invalid, setInvalid] = useState(false);
  const sourceId = useId();
  const samplesId = useId();
  const referenceId = useId();
  const busy = isLabBusy(lab.status);
  const source = lab.settings.source;
  // A run chosen earlier and since deleted falls back to the initial weights.
  const sourceValue = source.kind === 'run' && checkpointed.some((r) => r.id === source.runId) ? source.runId : '';
  const chooseSource = (value: string) => lab.setSettings({ source: value === '' ? { kind: 'initial' } : ({ kind: 'run', runId: value } satisfies LabSource) });

  return (
    <div className="lab">
      <div className="lab__bar">
        <label className="lab__field" htmlFor={sourceId}>
          Weights
          <select id={sourceId} className="input lab__select" value={sourceValue} disabled={busy} onChange={(e) => chooseSource(e.target.value)}>
            <option value="">Initial (the graph as it is now)</option>
            {checkpointed.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}, step {r.checkpointStep!.toLocaleString('en')} ({r.graphName})
              </option>
            ))}
          </select>
        </label>
        <label className="lab__field" htmlFor={samplesId}>
          Estimates per estimator (R)
          <NumberInput id={samplesId} spec={SAMPLES_SPEC} value={lab.settings.samples} onCommit={(v) => v !== undefined && lab.setSettings({ samples: v })} onError={(e) => setInvalid(e !== null)} />
        </label>
        <label className="lab__field" htmlFor={referenceId} title="Draws per example behind a large-sample reference gradient (an exact one needs none)">
          Reference draws
          <NumberInput id={referenceId} spec={REFERENCE_SPEC} value={lab.settings.referenceDraws} onCommit={(v) => v !== undefined && lab.setSettings({ referenceDraws: v })} onError={(e) => setInvalid(e !== null)} />
        </label>
        {busy ? (
          <button type="button" className="button" onClick={() => void commands.cancel()}>
            Cancel
          </button>
        ) : (
          <button type="button" className="button button--primary" disabled={invalid} onClick={() => void commands.start()}>
            Run lab
          </button>
        )}
      </div>
      <div className={`lab__status${busy || lab.status === 'cancelled' ? '' : ' lab__status--empty'}`} role="status" aria-live="polite">
        {busy ? (
          <>
            <span className="lab__spinner" aria-hidden="true" />
            Studying {lab.subject}
            {lab.progress ? (lab.progress.done === 0 ? ': the reference gradient…' : `: ${lab.progress.done} of ${lab.progress.total}, ${lab.progress.label}…`) : ': starting…'}
            {lab.progress && lab.progress.total > 0 ? <progress className="lab__progress" max={lab.progress.total} value={lab.progress.done} /> : null}
          </>
        ) : lab.status === 'cancelled' ? (
          'Cancelled.'
        ) : null}
      </div>
      {lab.status === 'failed' && lab.failure ? (
        <div className="lab__failure" role="alert">
          <p>{sentence(lab.failure.message)}</p>
        </div>
      ) : null}
      {lab.report ? (
        <section className="lab__report" aria-label="Estimator lab report" aria-busy={busy}>
          <ReportContext report={lab.report} />
          <div className="lab__results">
            <LabTable estimators={lab.report.estimators} />
            <VarianceChart estimators={lab.report.estimators} />
          </div>
          {lab.report.skipped.length > 0 ? (
            <details className="lab__skipped">
              <summary>Not run ({lab.report.skipped.length})</summary>
              <ul>
                {lab.report.skipped.map((s) => (
                  <li key={s.label}>
                    <strong>{s.label}</strong>: {s.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : lab.status === 'idle' ? (
        <p className="lab__lead">
          Compare the gradient estimators this graph&rsquo;s latents allow: R estimates of the ELBO&rsquo;s gradient with respect to the inference network, all on one
          minibatch with the same random numbers, so that the differences are the estimators&rsquo;. Variance (log scale), cosine with a reference gradient and time per
          estimate, for the initial weights or a run&rsquo;s checkpoint.
        </p>
      ) : null}
    </div>
  );
}
