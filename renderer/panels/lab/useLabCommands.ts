import { useCallback, useMemo } from 'react';
import type { ApiClient } from '../../../shared/protocol/api';
import { serializeGraphFile } from '../../../shared/graph/index';
import { editorStore } from '../../store/use-editor';
import { runsStore } from '../../store/use-runs';
import { baseName } from '../files/recentFiles';
import { backendPreference } from '../train-controls/backend-preference';
import { labStore } from './lab-store';

/** The lab's commands. */
export interface LabCommands {
  /** Starts the lab on what the settings say: the document as it is now, or a run's checkpoint. */
  start(): Promise<void>;
  /** Cancels the lab this window follows. */
  cancel(): Promise<void>;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Starting and cancelling the estimator lab (on the backend runs train on); a refusal is shown in the Lab tab, never thrown. */
export function useLabCommands(api: ApiClient): LabCommands {
  const start = useCallback(async () => {
    const lab = labStore.getState();
    const { source, samples, referenceDraws } = lab.settings;
    const editor = editorStore.getState();
    const file = editor.toGraphFile();
    // An unsaved template goes by its title.
    const graphName = editor.filePath ? baseName(editor.filePath) : file.meta.title?.trim() || 'Untitled';
    const run = source.kind === 'run' ? runsStore.getState().runs[source.runId]?.summary : undefined;
    const subject = run ? `the weights of ${run.name} at step ${(run.checkpointStep ?? 0).toLocaleString('en')}` : `the initial weights of ${graphName}`;
    lab.starting(subject, Date.now());
    try {
      const { labId } = await api.call('lab.start', {
        graphText: serializeGraphFile(file),
        graphName,
        ...(editor.filePath ? { graphPath: editor.filePath } : {}),
        ...(run ? { runId: run.id } : {}),
        samples,
        referenceDraws,
        backend: backendPreference.get(),
      });
      labStore.getState().started(labId);
    } catch (e) {
      labStore.getState().refused({ message: message(e) });
    }
  }, [api]);

  const cancel = useCallback(async () => {
    const { labId } = labStore.getState();
    if (labId === null) return;
    try {
      await api.call('lab.cancel', { labId });
    } catch (e) {
      labStore.getState().refused({ message: `Could not cancel the lab: ${message(e)}` });
    }
  }, [api]);

  return useMemo(() => ({ start, cancel }), [start, cancel]);
}
