import { isAbsolute } from 'node:path';
import { DataPathRefused, resolveDataPath } from '../engine/data/confine';
import { inspectCsvFile } from '../engine/data/csv-inspect';
import { inspectTextFile } from '../engine/data/text-inspect';
import { DATA_FILE_EXTENSIONS, findDataFiles } from './data-files';
import { ApiError } from './errors';
import type { Handlers } from './handler-types';

/** What the data methods need to know of the back end. */
export interface DataHandlerOptions {
  readonly mode: 'desktop' | 'web';
  /** Web: the folder a tab may read. Desktop: where relative paths of an unsaved graph lead (as for a run). */
  readonly projectDir: string;
  /** The folder a graph's relative paths lead from, given its file's path (undefined: the project folder). */
  readonly baseDirFor: (graphPath: string | undefined) => Promise<string | undefined>;
}

export type DataHandlers = Pick<Handlers, 'data.listFiles' | 'data.inspectCsv' | 'data.inspectText'>;

/**
 * The data methods: what the editor shows of a CSV or text node's file before any run. Paths resolve
 * exactly as a run resolves them (the graph's folder, then confine.ts in web mode), so what the
 * editor checks is the file the run would read.
 */
export function createDataHandlers({ mode, projectDir, baseDirFor }: DataHandlerOptions): DataHandlers {
  return {
    async 'data.listFiles'({ graphPath, kind }) {
      const base = await baseDirFor(graphPath);
      const extension = DATA_FILE_EXTENSIONS[kind ?? 'csv'];
      // Web: the whole project folder (two levels down). Desktop: beside the graph's file, and only
      // once it has one (an unsaved graph's folder would be the app's own state folder).
      if (mode === 'web') return findDataFiles(projectDir, 2, base ?? projectDir, extension);
      return graphPath !== undefined && isAbsolute(graphPath) && base !== undefined ? findDataFiles(base, 1, base, extension) : [];
    },

    async 'data.inspectCsv'({ path, graphPath, columns, labelColumn }) {
      const base = (await baseDirFor(graphPath)) ?? projectDir;
      let abs: string;
      try {
        abs = resolveDataPath(path, base, mode === 'web' ? projectDir : undefined, 'the CSV file');
      } catch (e) {
        if (e instanceof DataPathRefused) throw new ApiError('path-refused', e.message);
        throw e;
      }
      return inspectCsvFile(abs, path, { columns, ...(labelColumn !== undefined && { labelColumn }) });
    },

    async 'data.inspectText'({ path, graphPath, options }) {
      const base = (await baseDirFor(graphPath)) ?? projectDir;
      let abs: string;
      try {
        abs = resolveDataPath(path, base, mode === 'web' ? projectDir : undefined, 'the text file');
      } catch (e) {
        if (e instanceof DataPathRefused) throw new ApiError('path-refused', e.message);
        throw e;
      }
      return inspectTextFile(abs, path, options);
    },
  };
}
