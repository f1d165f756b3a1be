import type { RunSummary } from '../../../shared/protocol/runs';

/** Props of {@link TrainControls}. */
export interface TrainControlsProps {
  /** Why training cannot start now (shown as the tooltip), or null when it can. */
  readonly blocked: string | null;
  /** How long a run will train, e.g. "300 steps". */
  readonly durationLabel: string;
  /** The dock's run, when it is alive (starting, running or paused). */
  readonly live: RunSummary | null;
  /** Train's shortcut as the platform writes it, e.g. "Ctrl+Enter". */
  readonly shortcut?: string;
  readonly onTrain: () => void;
  readonly onPause: (runId: string) => void;
  readonly onResume: (runId: string) => void;
  readonly onStop: (runId: string) => void;
}

const PLAY = 'M7 5 L19 12 L7 19 Z';
const PAUSE = 'M7 5 H10.5 V19 H7 Z M13.5 5 H17 V19 H13.5 Z';
const STOP = 'M6.5 6.5 H17.5 V17.5 H6.5 Z';

function Glyph({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="train__glyph">
      <path d={d} />
    </svg>
  );
}

/**
 * The top bar's run controls: Train (the whole document, as it is now), and for the run the dock
 * shows while it is alive, Pause or Resume and Stop.
 */
export function TrainControls({ blocked, durationLabel, live, shortcut, onTrain, onPause, onResume, onStop }: TrainControlsProps) {
  const paused = live?.status === 'paused';
  return (
    <div className="train" role="group" aria-label="Training">
      {live ? (
        <>
          <button
            type="button"
            className="button train__button"
            disabled={live.status === 'starting'}
            title={paused ? `Resume ${live.name}` : `Pause ${live.name} (it can be resumed exactly)`}
            onClick={() => (paused ? onResume(live.id) : onPause(live.id))}
          >
            <Glyph d={paused ? PLAY : PAUSE} />
            {paused ? 'Resume' : 'Pause'}
          </button>
          <button type="button" className="button train__button" title={`Stop ${live.name}; it keeps a checkpoint and can be resumed later`} onClick={() => onStop(live.id)}>
            <Glyph d={STOP} />
            Stop
          </button>
        </>
      ) : null}
      <button
        type="button"
        className="button button--primary train__button"
        disabled={blocked !== null}
        title={blocked ?? `Train the model for ${durationLabel}${shortcut ? ` (${shortcut})` : ''}`}
        aria-keyshortcuts={shortcut}
        onClick={onTrain}
      >
        <Glyph d={PLAY} />
        Train
        <span className="train__duration">{durationLabel}</span>
      </button>
    </div>
  );
}
