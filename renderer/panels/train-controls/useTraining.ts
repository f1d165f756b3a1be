import { useCallback, useMemo } from 'react';
import type { ApiClient } from '../../../shared/protocol/api';
import { serializeGraphFile } from '../../../shared/graph/index';
import type { BackendChoice, RunSettings, RunSummary } from '../../../shared/protocol/runs';
import { baseName } from '../files/recentFiles';
import { editorStore } from '../../store/use-editor';
import { runsStore } from '../../store/use-runs';
import type { RunNotice } from '../dock/run-notices';

/** The run commands of the window. */
export interface TrainingActions {
  /** Trains the document as it is now (unsaved changes included). */
  train(backend: BackendChoice): Promise<void>;
  pause(runId: string): Promise<void>;
  resume(runId: string): Promise<void>;
  stop(runId: string): Promise<void>;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Starting and controlling runs. A new run's summary is applied as soon as the back end answers;
 * later changes arrive as pushed events. A refusal is shown, never thrown.
 */
export function useTraining(api: ApiClient, notify: (notice: RunNotice) => void): TrainingActions {
  // The answer may arrive after pushed events that are newer: it only introduces a run not yet seen.
  const apply = useCallback((run: RunSummary) => {
    if (!runsStore.getState().runs[run.id]) runsStore.getState().apply({ type: 'run.updated', run });
  }, []);

  const train = useCallback(
    async (backend: BackendChoice) => {
      const state = editorStore.getState();
      const file = state.toGraphFile();
      const { duration, seed } = file.training;
      const settings: RunSettings = { ...('steps' in duration ? { steps: duration.steps } : { epochs: duration.epochs }), seed, backend };
      try {
        const run = await api.call('runs.start', {
          graphText: serializeGraphFile(file),
          graphName: state.filePath ? baseName(state.filePath) : 'Untitled',
          ...(state.filePath ? { graphPath: state.filePath } : {}),
          settings,
        });
        apply(run);
      } catch (e) {
        notify({ tone: 'alert', text: `Cannot train: ${message(e)}` });
      }
    },
    [api, apply, notify],
  );

  const control = useCallback(
    (method: 'runs.pause' | 'runs.resume' | 'runs.stop', verb: string) => async (runId: string) => {
      try {
        apply(await api.call(method, { runId }));
      } catch (e) {
        notify({ tone: 'alert', text: `Cannot ${verb} the run: ${message(e)}` });
      }
    },
    [api, apply, notify],
  );

  return useMemo(() => ({ train, pause: control('runs.pause', 'pause'), resume: control('runs.resume', 'resume'), stop: control('runs.stop', 'stop') }), [train, control]);
}
