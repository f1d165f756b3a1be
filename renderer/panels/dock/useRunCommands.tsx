import { useCallback, useState, type ReactNode } from 'react';
import type { ApiClient, Result } from '../../../shared/protocol/api';
import { runsStore, useRuns } from '../../store/use-runs';
import { ConfirmDialog } from '../dialogs/ConfirmDialog';
import { ExportDialog } from '../export/ExportDialog';
import { bytesToBase64 } from '../../charts/base64';
import { collectChartImages } from '../../charts/chart-png';
import type { RunNotice } from './run-notices';

/** What the run commands need from the rest of the app. */
export interface RunCommandsOptions {
  readonly api: ApiClient;
  /** Desktop exports into a folder; web mode downloads. */
  readonly mode: Result<'app.info'>['mode'] | null;
  /** Opens a graph file's text in the editor (asking about unsaved changes first). */
  readonly openText: (text: string, what: string) => void;
  readonly notify: (notice: RunNotice) => void;
}

/** The run history's commands and their dialogs. */
export interface RunCommands {
  openGraph(runId: string): void;
  importBundle(file: File): void;
  /** Opens the Export dialog for a run. */
  exportRun(runId: string): void;
  /** Asks, then deletes a run. */
  deleteRun(runId: string): void;
  /** Deletes runs without asking: for runs that did not start, which hold nothing to lose. */
  removeRuns(runIds: readonly string[]): void;
  /** The open dialog, if any (render it once, anywhere). */
  readonly dialog: ReactNode;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Reopening a run's graph, importing a bundle, exporting and deleting runs, with their dialogs. */
export function useRunCommands({ api, mode, openText, notify }: RunCommandsOptions): RunCommands {
  const [exportId, setExportId] = useState<string | null>(null);
  const [deleteId, setDeleteId] = useState<string | null>(null);
  const exporting = useRuns((s) => (exportId ? (s.runs[exportId]?.summary ?? null) : null));
  const deleting = useRuns((s) => (deleteId ? (s.runs[deleteId]?.summary ?? null) : null));

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

  let dialog: ReactNode = null;
  if (exporting) {
    dialog = <ExportDialog run={exporting} mode={mode} api={api} collectCharts={collectChartImages} notify={notify} onClose={() => setExportId(null)} />;
  } else if (deleting) {
    const remove = () => {
      setDeleteId(null);
      api.call('runs.delete', { runId: deleting.id }).then(
        () => runsStore.getState().apply({ type: 'run.deleted', runId: deleting.id }),
        (e: unknown) => notify({ tone: 'alert', text: `Cannot delete ${deleting.name}: ${message(e)}` }),
      );
    };
    dialog = (
      <ConfirmDialog
        title={`Delete ${deleting.name}?`}
        onCancel={() => setDeleteId(null)}
        choices={[
          { label: 'Delete', danger: true, onChoose: remove },
          { label: 'Cancel', primary: true, onChoose: () => setDeleteId(null) },
        ]}
      >
        <p>Its metrics, checkpoint and exported networks are removed from the run history. This cannot be undone.</p>
      </ConfirmDialog>
    );
  }

  return { openGraph, importBundle, exportRun: setExportId, deleteRun: setDeleteId, removeRuns, dialog };
}
