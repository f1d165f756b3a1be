import { useStore } from 'zustand';
import type { ApiClient, Result } from '../../../shared/protocol/api';
import type { ChartImage } from '../../../shared/protocol/runs';
import { useRuns } from '../../store/use-runs';
import type { RunNotice } from '../dock/run-notices';
import { ExportDialog } from '../export/ExportDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { dialogQueue, type PendingDialog } from './dialog-queue';
import { FileNameDialog } from './FileNameDialog';
import { OpenDialog } from './OpenDialog';

/** Props of {@link DialogHost}: what the dialogs need from the back end. */
export interface DialogHostProps {
  readonly api: ApiClient;
  readonly mode: Result<'app.info'>['mode'] | null;
  readonly collectCharts: (runId: string) => Promise<ChartImage[]>;
  readonly notify: (notice: RunNotice) => void;
}

/** Shows the first dialog asked for with {@link ask}; rendered once, by the window. */
export function DialogHost(props: DialogHostProps) {
  const pending = useStore(dialogQueue, (s) => s.queue[0]);
  return pending ? <PendingDialogView key={pending.id} pending={pending} {...props} /> : null;
}

function PendingDialogView({ pending, api, mode, collectCharts, notify }: DialogHostProps & { readonly pending: PendingDialog }) {
  const { request, answer } = pending;
  const exporting = useRuns((s) => (request.kind === 'export' ? (s.runs[request.runId]?.summary ?? null) : null));
  const exportingGraph = useRuns((s) => (request.kind === 'export' ? s.runs[request.runId]?.graphText : undefined));
  const dismiss = () => answer(null);
  switch (request.kind) {
    case 'question':
      return (
        <ConfirmDialog title={request.title} onCancel={dismiss} choices={request.choices.map((c) => ({ ...c, onChoose: () => answer(c.id) }))}>
          <p>{request.body}</p>
        </ConfirmDialog>
      );
    case 'open':
      return <OpenDialog list={() => api.call('files.list', {})} recent={request.recent} onCancel={dismiss} onOpen={answer} />;
    case 'fileName':
      return <FileNameDialog initial={request.initial} existing={request.existing} onCancel={dismiss} onSave={answer} />;
    case 'export':
      // A run deleted while its dialog waited has nothing left to export.
      if (!exporting) {
        queueMicrotask(dismiss);
        return null;
      }
      return <ExportDialog run={exporting} graphText={exportingGraph} mode={mode} api={api} collectCharts={collectCharts} notify={notify} onClose={dismiss} />;
  }
}
