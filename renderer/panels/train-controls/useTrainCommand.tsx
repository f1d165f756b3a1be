import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { BackendChoice, RunSummary } from '../../../shared/protocol/runs';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import type { TrainingActions } from './useTraining';

/** The Train command and the question it may ask first. */
export interface TrainCommand {
  /** Trains the document; while the dock's run is training, asks first whether to stop it or run both. */
  train(): void;
  /** The open question, if any (render it once, anywhere). */
  readonly dialog: ReactNode;
}

/**
 * Train from the button, the shortcut or the menu. When a run is already training, a second one
 * would share the machine with it, so the user chooses: stop that run and train, train both at once
 * (each slower), or neither.
 */
export function useTrainCommand(training: TrainingActions, backend: BackendChoice, live: RunSummary | null): TrainCommand {
  const [asking, setAsking] = useState<RunSummary | null>(null);
  // Read when the command runs (the keyboard and menu handlers are made once).
  const current = useRef({ backend, live });
  current.current = { backend, live };

  const train = useCallback(() => {
    const { live: running, backend: chosen } = current.current;
    if (running && (running.status === 'running' || running.status === 'starting')) setAsking(running);
    else void training.train(chosen);
  }, [training]);

  let dialog: ReactNode = null;
  if (asking) {
    const close = () => setAsking(null);
    dialog = (
      <ConfirmDialog
        title={`${asking.name} is training`}
        onCancel={close}
        choices={[
          {
            label: `Stop ${asking.name} and train`,
            primary: true,
            onChoose: () => {
              close();
              void training.stop(asking.id).then(() => training.train(current.current.backend));
            },
          },
          {
            label: 'Train both',
            onChoose: () => {
              close();
              void training.train(current.current.backend);
            },
          },
          { label: 'Cancel', onChoose: close },
        ]}
      >
        <p>
          Stop it (it keeps a checkpoint and can be resumed from the Runs tab) and train the graph as it is now, or train both at once: each run
          then trains on a core of its own, at most one run per core.
        </p>
      </ConfirmDialog>
    );
  }
  return { train, dialog };
}
