import { useMemo, useState } from 'react';
import type { ApiClient } from '../../../shared/protocol/api';
import type { ChartImage, ExportParts, RunSummary } from '../../../shared/protocol/runs';
import { Dialog } from '../dialogs/Dialog';
import type { RunNotice } from '../dock/run-notices';
import { base64ToBytes } from '../../charts/base64';
import { downloadBlob } from '../../charts/chart-png';
import { pytorchUnavailable } from './pytorch-availability';

/** Props of {@link ExportDialog}. */
export interface ExportDialogProps {
  readonly run: RunSummary;
  /** The graph the run trained, when loaded: the PyTorch choice says at once if it cannot be written. */
  readonly graphText?: string | undefined;
  /** Desktop writes into a folder; web mode downloads. */
  readonly mode: 'desktop' | 'web' | null;
  readonly api: ApiClient;
  /** The run's charts rendered to PNG (see collectRunCharts). */
  readonly collectCharts: (runId: string) => Promise<ChartImage[]>;
  readonly notify: (notice: RunNotice) => void;
  readonly onClose: () => void;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Exports a run: each network as a TensorFlow.js LayersModel, the project bundle (graph,
 * settings, weights, metrics; it reopens in the app through Import), the model as a PyTorch
 * project (pytorch/), the metrics as CSV and the charts as PNG. Desktop: into a chosen folder. Web: one download, a .zip when several files.
 */
export function ExportDialog({ run, graphText, mode, api, collectCharts, notify, onClose }: ExportDialogProps) {
  const hasNetworks = run.networks.length > 0;
  const [parts, setParts] = useState<ExportParts>({ networks: hasNetworks, bundle: true, metricsCsv: true, pytorch: false });
  const hasCheckpoint = run.checkpointStep !== null;
  const pytorchRefused = useMemo(() => pytorchUnavailable(graphText), [graphText]);
  const [charts, setCharts] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nothing = !parts.networks && !parts.bundle && !parts.metricsCsv && !parts.pytorch && !charts;

  const submit = async (): Promise<void> => {
    if (nothing || busy) return;
    setBusy(true);
    setError(null);
    try {
      const images = charts ? await collectCharts(run.id) : [];
      const r = await api.call('runs.export', { runId: run.id, parts, charts: images });
      if ('cancelled' in r) return setBusy(false);
      if ('download' in r) {
        downloadBlob(new Blob([base64ToBytes(r.download.base64) as Uint8Array<ArrayBuffer>], { type: r.download.mimeType }), r.download.name);
        notify({ tone: 'info', text: `Exported ${r.files.length} file${r.files.length === 1 ? '' : 's'} of ${run.name} as ${r.download.name}.` });
      } else {
        notify({ tone: 'info', text: `Exported ${r.files.length} file${r.files.length === 1 ? '' : 's'} of ${run.name} to ${r.folder}.` });
      }
      onClose();
    } catch (e) {
      setError(message(e));
      setBusy(false);
    }
  };

  const box = (key: keyof ExportParts, label: string, hint: string, disabled = false) => (
    <label className={`check${disabled ? ' check--disabled' : ''}`}>
      <input type="checkbox" checked={parts[key] ?? false} disabled={disabled || busy} onChange={(e) => setParts({ ...parts, [key]: e.currentTarget.checked })} />
      <span>
        <span className="check__label">{label}</span>
        <span className="check__hint">{hint}</span>
      </span>
    </label>
  );

  return (
    <Dialog
      title={`Export ${run.name}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={nothing || busy} data-autofocus>
            {busy ? 'Exporting…' : mode === 'desktop' ? 'Export to folder…' : 'Download'}
          </button>
        </>
      }
    >
      <fieldset className="export__parts">
        <legend className="visually-hidden">What to export</legend>
        {box(
          'networks',
          'Networks as TensorFlow.js LayersModels',
          hasNetworks
            ? `${run.networks.join(', ')} at step ${(run.networksStep ?? run.step).toLocaleString('en-US')}: model.json + weights.bin each, for tf.loadLayersModel`
            : 'Written when the run pauses, stops or finishes; this run has none yet',
          !hasNetworks,
        )}
        {box('bundle', 'Project bundle', 'The graph, settings, weights and metrics; reopens in the app with Import bundle')}
        {box(
          'pytorch',
          'PyTorch project',
          pytorchRefused !== null
            ? `Not available for this graph: ${pytorchRefused}`
            : hasCheckpoint
              ? `model.py and train.py (one process, or DistributedDataParallel on N), the data, and the weights at step ${run.checkpointStep!.toLocaleString('en-US')} to continue from`
              : 'Continues from a checkpoint; this run has none yet',
          !hasCheckpoint || pytorchRefused !== null,
        )}
        {box('metricsCsv', 'Metrics as CSV', 'One row per report: ELBO, reconstruction, KL per latent, learning rate, held-out ELBO')}
        <label className="check">
          <input type="checkbox" checked={charts} disabled={busy} onChange={(e) => setCharts(e.currentTarget.checked)} />
          <span>
            <span className="check__label">Charts as PNG</span>
            <span className="check__hint">The dock's charts (or images) as shown now; the run's curves when the dock shows something else</span>
          </span>
        </label>
      </fieldset>
      <p className="export__where">{mode === 'desktop' ? 'You choose the folder next; the files go into a folder named after the run.' : 'Your browser downloads one file (a .zip when there are several).'}</p>
      {error ? (
        <p className="export__error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
