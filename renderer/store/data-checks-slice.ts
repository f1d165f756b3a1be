import type { CsvInspection, DataFile } from '../../shared/protocol/data';
import type { SliceCreator } from './editor-state';
import type { EditorNode } from './types';

/** What the back end said about a CSV node's file, for the request `key` it answered. */
export interface CsvCheck {
  /** csvCheckKey of the node when the request was made: the check applies only while it still matches. */
  readonly key: string;
  readonly inspection?: CsvInspection;
  /** The back end refused to read the file (web mode: outside the project folder). */
  readonly error?: string;
}

/** The request a CSV node's params make: what is sent to data.inspectCsv. */
export interface CsvRequest {
  readonly path: string;
  readonly columns: string[];
  readonly labelColumn?: string;
  readonly graphPath?: string;
}

/**
 * Data checks: what reading the files a graph names found (kept outside the document and its undo
 * history: they describe files on disk, not the model). Results come from useDataChecks; the store
 * merges their problems into `problems` (see outside-problems.ts).
 */
export interface DataChecksSlice {
  /** The latest check of each CSV node's file, by node id. */
  readonly csvChecks: Readonly<Record<string, CsvCheck>>;
  /** The CSV files the path picker offers (null until listed). */
  readonly dataFiles: readonly DataFile[] | null;
  setCsvCheck(nodeId: string, check: CsvCheck): void;
  setDataFiles(files: readonly DataFile[]): void;
}

/** The request a node makes, or null when it names no file yet (the analysis reports that). */
export function csvRequestOf(node: EditorNode, graphPath: string | null): CsvRequest | null {
  if (node.kind !== 'data.csv') return null;
  const { path, columns, labelColumn } = node.params as { path?: unknown; columns?: unknown; labelColumn?: unknown };
  if (typeof path !== 'string' || path.trim() === '') return null;
  return {
    path,
    columns: Array.isArray(columns) ? columns.filter((c): c is string => typeof c === 'string' && c !== '') : [],
    ...(typeof labelColumn === 'string' && labelColumn !== '' && { labelColumn }),
    ...(graphPath !== null && { graphPath }),
  };
}

/** Identifies a request: a check answers the node only while the node would make the same one. */
export function csvCheckKey(request: CsvRequest): string {
  return JSON.stringify([request.path, request.columns, request.labelColumn ?? null, request.graphPath ?? null]);
}

/** The data checks slice. */
export const createDataChecksSlice: SliceCreator<DataChecksSlice> = ({ get, set }) => ({
  csvChecks: {},
  dataFiles: null,
  setCsvCheck: (nodeId, check) => set({ csvChecks: { ...get().csvChecks, [nodeId]: check } }),
  setDataFiles: (files) => set({ dataFiles: files }),
});
