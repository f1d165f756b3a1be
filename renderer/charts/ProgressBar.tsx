import type { RunSummary } from '../../shared/protocol/runs';
import { formatDuration, formatPercent, formatStep, formatStepsPerSec } from './format';
import { etaSeconds, progressFraction, STATUS_LABELS, statusHasEta } from './progress';

/** What the progress bar reads of a run: any {@link RunSummary} will do. */
export type ProgressRun = Pick<RunSummary, 'name' | 'status' | 'step' | 'totalSteps' | 'stepsPerSec'>;

/** Props of {@link ProgressBar}. */
export interface ProgressBarProps {
  readonly run: ProgressRun;
}

/**
 * A run's progress on one line (it wraps when narrow): status, a percentage bar
 * (`role="progressbar"`, aria-valuenow/min/max in steps and a label naming the run), step / total
 * with the percentage, speed (while running) and the time left ("1 min 20 s"; "—" when unknown or
 * not running; left out once done).
 * A run whose total is unknown gets an indeterminate bar.
 */
export function ProgressBar({ run }: ProgressBarProps) {
  const { name, status, step, totalSteps, stepsPerSec } = run;
  const fraction = progressFraction(step, totalSteps);
  const pct = fraction === undefined ? undefined : formatPercent(fraction);
  const eta = statusHasEta(status) ? etaSeconds(step, totalSteps, stepsPerSec) : undefined;
  const speed = formatStepsPerSec(stepsPerSec);
  const stepText = totalSteps === undefined ? formatStep(step) : `${formatStep(step)} / ${formatStep(totalSteps)}`;
  const statusText = STATUS_LABELS[status];
  return (
    <div className={`run-progress run-progress--${status}`}>
      <span className={`run-status run-status--${status} run-progress__status`}>{statusText}</span>
      <div
        className="run-progress__track"
        role="progressbar"
        aria-label={`${name} progress`}
        aria-valuemin={0}
        aria-valuemax={totalSteps}
        aria-valuenow={totalSteps === undefined ? undefined : Math.min(step, totalSteps)}
        aria-valuetext={`step ${stepText}${pct !== undefined ? ` (${pct})` : ''}, ${statusText}`}
      >
        <div
          className={`run-progress__fill${fraction === undefined ? ' run-progress__fill--indeterminate' : ''}`}
          style={fraction === undefined ? undefined : { width: `${fraction * 100}%` }}
        />
      </div>
      <span className="run-progress__steps">
        step <span className="run-progress__num">{stepText}</span>
        {pct !== undefined && <span className="run-progress__pct"> · {pct}</span>}
      </span>
      {status === 'running' && (
        <span className="run-progress__speed" title="Training speed">
          {speed}
        </span>
      )}
      {status !== 'done' && (
        <span className="run-progress__eta" title="Estimated time left">
          ETA <span className="run-progress__num">{formatDuration(eta)}</span>
        </span>
      )}
    </div>
  );
}
