import type { RunSummary } from '../../../shared/protocol/runs';
import { keptText } from './run-notices';

/** Props of {@link RunErrorBanner}. */
export interface RunErrorBannerProps {
  readonly run: RunSummary;
  /** Selects and centres a node of the editor's graph, by id. */
  readonly onShowNode: (nodeId: string) => void;
  readonly onResume: (runId: string) => void;
}

const TITLES: Record<NonNullable<RunSummary['error']>['kind'], string> = {
  'invalid-graph': 'the graph cannot be trained',
  'non-finite': 'training diverged',
  'out-of-memory': 'out of memory',
  crashed: 'the training worker crashed',
  failed: 'training failed',
};

/**
 * Why the run failed, in the model's terms (the engine's message says where and what helps), with
 * what is kept and what to do next: show the node where a NaN appeared, resume from the last checkpoint.
 */
export function RunErrorBanner({ run, onShowNode, onResume }: RunErrorBannerProps) {
  const error = run.error;
  if (run.status !== 'failed' || !error) return null;
  const at = error.step !== undefined ? ` at step ${error.step.toLocaleString('en-US')}` : '';
  return (
    <div className="run-error" role="alert">
      <div className="run-error__text">
        <strong>
          {run.name} failed{at}: {TITLES[error.kind]}.
        </strong>{' '}
        <span data-testid="run-error-message">{error.message}</span>
        {keptText(run) ? <span className="run-error__kept">{keptText(run).trim()}</span> : null}
      </div>
      <div className="run-error__actions">
        {error.nodeId ? (
          <button type="button" className="button" onClick={() => onShowNode(error.nodeId!)}>
            Show {error.node ?? 'node'}
          </button>
        ) : null}
        {run.checkpointStep !== null && error.kind !== 'invalid-graph' ? (
          <button type="button" className="button" onClick={() => onResume(run.id)}>
            Resume from step {run.checkpointStep.toLocaleString('en-US')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
