import { isAbsolute, normalize } from 'node:path';
import type { Result } from '../../shared/protocol/api';
import { collectExportFiles, exportBaseName, exportDownload, writeExportFolder } from '../engine/export/bundle';
import type { RunManager } from '../engine/runs/run-manager';
import { ApiError, fsError } from './errors';
import type { FileDialogs, HandlerParams } from './handler-types';
import { asApiErrors } from './run-errors';

/**
 * runs.export. The files are collected first, so a run lacking what was asked for (no networks
 * yet) says so before any dialog opens. Desktop: into `<folder>/<graph>-<run>/` (the folder
 * dialog when no folder is given; a cancel is `{cancelled: true}`). Web: one download, base64 —
 * a web page never names folders on the server.
 */
export async function exportRun(
  manager: RunManager,
  mode: 'desktop' | 'web',
  dialogs: FileDialogs | undefined,
  { runId, parts, charts, folder }: HandlerParams<'runs.export'>,
): Promise<Result<'runs.export'>> {
  return asApiErrors(async () => {
    const detail = await manager.get(runId);
    const data = parts.pytorch ? await manager.dataPlaceOf(runId) : undefined;
    const files = await collectExportFiles({ ...detail, runDir: manager.runDir(runId), ...(data && { data }) }, parts, charts);
    const baseName = exportBaseName(detail.summary);
    const paths = files.map((f) => f.path);
    if (mode === 'web') {
      if (folder !== undefined) throw new ApiError('unavailable', 'web mode exports as a download: a folder can be given only in the desktop app');
      const download = exportDownload(files, baseName);
      return { download: { name: download.name, mimeType: download.mimeType, base64: Buffer.from(download.data).toString('base64') }, files: paths };
    }
    let parent = folder;
    if (parent === undefined) {
      if (!dialogs?.chooseFolder) throw new ApiError('unavailable', 'no folder dialog is available: give the folder to export into');
      const picked = await dialogs.chooseFolder();
      if (picked === null) return { cancelled: true as const };
      parent = picked;
    }
    if (parent.includes('\0') || !isAbsolute(parent)) throw new ApiError('path-refused', `refused folder ${JSON.stringify(parent)}: the desktop exports into an absolute path`);
    let written: string;
    try {
      written = await writeExportFolder(normalize(parent), baseName, files);
    } catch (e) {
      if (e instanceof Error && e.name === 'ExportError') throw e;
      throw fsError(e, parent, 'export into');
    }
    return { folder: written, files: paths };
  }, `cannot export run ${runId}`);
}
