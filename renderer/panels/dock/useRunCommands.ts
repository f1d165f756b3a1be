import { useCallback, useMemo } from 'react';
import type { ApiClient } from '../../../shared/protocol/api';
import { runsStore } from '../../store/use-runs';
import { ask } from '../dialogs/dialog-queue';
import { bytesToBase64 } from '../../charts/base64';
import type { RunNotice } from './run-notices';

/** What the run commands need from the rest of the app. */
export interface RunCommandsOptions {
  readonly api: ApiClient;
  /** Opens a graph file's text in the editor (asking about unsaved changes first). */
  readonly openText: (text: string, what: string) => void;
  readonly notify: (notice: RunNotice) => void;
}

/** The run history's commands (their dialogs are asked for with `ask`). */
export interface RunCommands {
  openGraph(runId: string): void;
  importBundle(file: File): void;
  /** Opens the Export dialog for a run. */
  exportRun(runId: string): void;
  /** Asks, then deletes a run. */
  deleteRun(runId: string): void;
  /** Deletes runs without asking: for runs that did not start, which hold nothing to lose. */
  removeRuns(runIds: readonly string[]): void;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Reopening a run's graph, importing a bundle, exporting and deleting runs. */
export function useRunCommands({ api, openText, notify }: RunCommandsOptions): RunCommands {
  const openGraph = useCallback(
    (runId: string) => {
      const entry = runsStore.getState().runs[runId];
      if (!entry) return;
      const open = (text: string) => openText(text, `the graph of ${entry.summary.name}`);
      if (entry.graphText) return open(entry.graphText);
      api.call('runs.get', { runId }).then(
        (d) => (runsStore.getState().setDetail(d), open(d.graphText)),
        (e: unknown) => notify({ tone: 'alert', text: `Cannot open the graph of ${entry.summary.name}: ${message(e)}` }),
      );
    },
    [api, openText, notify],
  );

  const importBundle = useCallback(
    (file: File) => {
      file
        .arrayBuffer()
        .then((buffer) => api.call('runs.import', { name: file.name, base64: bytesToBase64(new Uint8Array(buffer)) }))
        .then(
          ({ run }) => {
            runsStore.getState().apply({ type: 'run.updated', run });
            runsStore.getState().setActive(run.id);
            notify({ tone: 'info', text: `Imported ${file.name} as ${run.name}.` });
          },
          (e: unknown) => notify({ tone: 'alert', text: `Cannot import ${file.name}: ${message(e)}` }),
        );
    },
    [api, notify],
  );

  const removeRuns = useCallback(
    (runIds: readonly string[]) => {
      void Promise.allSettled(
        runIds.map((runId) => api.call('runs.delete', { runId }).then(() => runsStore.getState().apply({ type: 'run.deleted', runId }))),
      ).then((results) => {
        const failed = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
        const removed = results.length - failed.length;
        if (removed > 0) notify({ tone: 'info', text: `Removed ${removed === 1 ? 'the run' : `${removed} runs`} that did not start.` });
        if (failed.length > 0) notify({ tone: 'alert', text: `Cannot remove ${failed.length} run${failed.length === 1 ? '' : 's'}: ${message(failed[0]!.reason)}` });
      });
    },
    [api, notify],
  );

  const deleteRun = useCallback(
    (runId: string) => {
      const run = runsStore.getState().runs[runId]?.summary;
      if (!run) return;
      void ask({
        kind: 'question',
        title: `Delete ${run.name}?`,
        body: 'Its metrics, checkpoint and exported networks are removed from the run history. This cannot be undone.',
        choices: [
          { id: 'delete', label: 'Delete', danger: true },
          { id: 'cancel', label: 'Cancel', primary: true },
        ],
      }).then((choice) => {
        if (choice !== 'delete') return;
        api.call('runs.delete', { runId }).then(
          () => runsStore.getState().apply({ type: 'run.deleted', runId }),
          (e: unknown) => notify({ tone: 'alert', text: `Cannot delete ${run.name}: ${message(e)}` }),
        );
      });
    },
    [api, notify],
  );

  return useMemo(
    () => ({ openGraph, importBundle, exportRun: (runId: string) => void ask({ kind: 'export', runId }), deleteRun, removeRuns }),
    [openGraph, importBundle, deleteRun, removeRuns],
  );
}
