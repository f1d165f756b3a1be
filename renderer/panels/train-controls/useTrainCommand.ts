import { useCallback, useMemo, useRef } from 'react';
import type { BackendChoice, RunSummary } from '../../../shared/protocol/runs';
import { ask } from '../dialogs/dialog-queue';
import type { TrainingActions } from './useTraining';

/** The Train command and the question it may ask first. */
export interface TrainCommand {
  /** Trains the document; while the dock's run is training, asks first whether to stop it or run both. */
  train(): void;
}

/**
 * Train from the button, the shortcut or the menu. When a run is already training, a second one
 * would share the machine with it, so the user chooses: stop that run and train, train both at once
 * (each slower), or neither.
 */
export function useTrainCommand(training: TrainingActions, backend: BackendChoice, live: RunSummary | null): TrainCommand {
  // Read when the command runs (the keyboard and menu handlers are made once).
  const current = useRef({ backend, live });
  current.current = { backend, live };

  const train = useCallback(() => {
    const { live: running, backend: chosen } = current.current;
    if (!running || (running.status !== 'running' && running.status !== 'starting')) return void training.train(chosen);
    void ask({
      kind: 'question',
      title: `${running.name} is training`,
      body:
        'Stop it (it keeps a checkpoint and can be resumed from the Runs tab) and train the graph as it is now, or train both at once: each run then trains on a core of its own, at most one run per core.',
      choices: [
        { id: 'stop', label: `Stop ${running.name} and train`, primary: true },
        { id: 'both', label: 'Train both' },
        { id: 'cancel', label: 'Cancel' },
      ],
    }).then((choice) => {
      if (choice === 'stop') void training.stop(running.id).then(() => training.train(current.current.backend));
      else if (choice === 'both') void training.train(current.current.backend);
    });
  }, [training]);

  return useMemo(() => ({ train }), [train]);
}
