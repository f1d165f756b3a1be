import type { RunSummary } from '../../../../shared/protocol/runs';
import { isLive } from '../../../store/runs-store';
import { formatNats as nats, formatStep as formatSteps } from '../../../charts/format';

const formatNats = (x: number | undefined): string => (x === undefined ? '—' : nats(x));

/** When a run started: the time today, else the date and time. */
function formatStarted(ms: number, now = Date.now()): string {
  const d = new Date(ms);
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return d.toDateString() === new Date(now).toDateString() ? time : `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })} ${time}`;
}

/** Props of {@link RunsTab}. */
export interface RunsTabProps {
  /** Every run, oldest first, with its colour on the charts. */
  readonly runs: readonly { readonly summary: RunSummary; readonly color: string }[];
  readonly activeRunId: string | null;
  readonly compared: readonly string[];
  readonly onShow: (runId: string) => void;
  readonly onToggleCompare: (runId: string) => void;
  readonly onResume: (runId: string) => void;
  readonly onStop: (runId: string) => void;
  readonly onOpenGraph: (runId: string) => void;
  readonly onExport: (runId: string) => void;
  readonly onDelete: (runId: string) => void;
  /** Removes, without asking, runs that failed before their first step (they hold nothing). */
  readonly onRemoveNotStarted: (runIds: readonly string[]) => void;
  readonly onImport: (file: File) => void;
}

/** A run that failed before its first step: it has no metrics and no checkpoint, only its reason. */
export function didNotStart(r: RunSummary): boolean {
  return r.status === 'failed' && r.step === 0 && r.checkpointStep === null;
}

/** A classifier's held-out accuracy beside its held-out ELBO: " · 96.6%" (the first output's). */
function accuracyText(r: RunSummary): string {
  const first = Object.values(r.valAccuracy ?? {})[0];
  return first === undefined ? '' : ` · ${(100 * first).toFixed(1)}%`;
}

const STATUS: Record<RunSummary['status'], string> = { starting: 'starting', running: 'running', paused: 'paused', stopped: 'stopped', done: 'done', failed: 'failed' };

/**
 * The run history: every run with its graph, settings and results. Tick runs to overlay them on
 * the charts of the run shown; resume a stopped run, reopen its graph, export or delete it, or
 * import a bundle exported earlier.
 */
export function RunsTab({ runs, activeRunId, compared, onShow, onToggleCompare, onResume, onStop, onOpenGraph, onExport, onDelete, onRemoveNotStarted, onImport }: RunsTabProps) {
  const notStarted = runs.filter((r) => didNotStart(r.summary)).map((r) => r.summary.id);
  return (
    <div className="runs">
      <div className="runs__bar">
        <p className="runs__lead">{runs.length === 0 ? 'No runs yet: press Train to start one.' : 'Tick runs to overlay them on the charts of the run shown.'}</p>
        {notStarted.length > 0 ? (
          <button type="button" className="button button--small" onClick={() => onRemoveNotStarted(notStarted)} title="These runs failed before their first step: they hold no metrics and no checkpoint">
            Remove {notStarted.length === 1 ? 'the run' : `${notStarted.length} runs`} that did not start
          </button>
        ) : null}
        <label className="button button--small runs__import">
          Import bundle…
          <input
            type="file"
            accept=".zip,application/zip"
            className="visually-hidden"
            aria-label="Import a run bundle (.zip)"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) onImport(file);
            }}
          />
        </label>
      </div>
      {runs.length > 0 ? (
        <div className="runs__scroll">
        <table className="runs__table" aria-label="Run history">
          <thead>
            <tr>
              <th scope="col">Compare</th>
              <th scope="col">Run</th>
              <th scope="col">Graph</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">Steps</th>
              <th scope="col" className="num">ELBO</th>
              <th scope="col" className="num">Held-out</th>
              <th scope="col">Settings</th>
              <th scope="col">Started</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...runs].reverse().map(({ summary: r, color }) => {
              const active = r.id === activeRunId;
              const settings = [r.settings.steps !== undefined ? `${formatSteps(r.settings.steps)} steps` : r.settings.epochs !== undefined ? `${r.settings.epochs} epochs` : null, r.settings.seed !== undefined ? `seed ${r.settings.seed}` : null, r.backend ?? r.settings.backend]
                .filter(Boolean)
                .join(' · ');
              return (
                <tr key={r.id} className={active ? 'runs__row runs__row--active' : 'runs__row'} aria-current={active ? 'true' : undefined} data-run-id={r.id}>
                  <td>
                    <label className="runs__compare">
                      <input type="checkbox" checked={active || compared.includes(r.id)} disabled={active} onChange={() => onToggleCompare(r.id)} aria-label={`Compare ${r.name}`} />
                      <span className="runs__swatch" style={{ background: color }} aria-hidden="true" />
                    </label>
                  </td>
                  <th scope="row">
                    <button type="button" className="runs__name" onClick={() => onShow(r.id)} title={`Show ${r.name} in the dock`}>
                      {r.name}
                    </button>
                  </th>
                  <td className="runs__graph" title={r.graphName}>
                    {r.graphName}
                  </td>
                  <td>
                    {didNotStart(r) ? (
                      <span className="run-status run-status--failed" title={r.error?.message}>
                        did not start
                      </span>
                    ) : (
                      <span className={`run-status run-status--${r.status}`}>{STATUS[r.status]}</span>
                    )}
                  </td>
                  <td className="num">
                    {formatSteps(r.step)}
                    {r.totalSteps !== undefined ? ` / ${formatSteps(r.totalSteps)}` : ''}
                  </td>
                  <td className="num">{formatNats(r.elbo)}</td>
                  <td className="num">
                    {formatNats(r.valElbo)}
                    {accuracyText(r)}
                  </td>
                  <td className="runs__settings">{settings}</td>
                  <td>{formatStarted(r.createdAt)}</td>
                  <td className="runs__actions-cell">
                    <div className="runs__actions">
                      {isLive(r) ? (
                        <button type="button" className="button button--small" onClick={() => onStop(r.id)} aria-label={`Stop ${r.name}`} title="Stop the run, keeping a checkpoint to resume from">
                          Stop
                        </button>
                      ) : null}
                      {!isLive(r) && r.checkpointStep !== null && r.status !== 'done' ? (
                        <button type="button" className="button button--small" onClick={() => onResume(r.id)} aria-label={`Resume ${r.name}`}>
                          Resume
                        </button>
                      ) : null}
                      <button type="button" className="button button--small" onClick={() => onOpenGraph(r.id)} aria-label={`Open the graph of ${r.name}`} title="Open the graph this run trained in the editor">
                        Graph
                      </button>
                      <button type="button" className="button button--small" onClick={() => onExport(r.id)} aria-label={`Export ${r.name}`}>
                        Export…
                      </button>
                      <button type="button" className="button button--small button--danger" disabled={isLive(r)} onClick={() => onDelete(r.id)} aria-label={`Delete ${r.name}`} title={isLive(r) ? 'Stop the run before deleting it' : `Delete ${r.name} and its files`}>
                        Delete
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        </div>
      ) : null}
    </div>
  );
}
