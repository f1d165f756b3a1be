import type { CsvInspection, DataFile } from '../../shared/protocol/data';
import { textCheckOptionsSchema, type TextCheckOptions, type TextInspection } from '../../shared/protocol/text-data';
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

/** What the back end said about a text node's file, for the request `key` it answered. */
export interface TextCheck {
  readonly key: string;
  readonly inspection?: TextInspection;
  readonly error?: string;
}

/** The request a text node's params make: what is sent to data.inspectText. */
export interface TextRequest {
  readonly path: string;
  readonly options: TextCheckOptions;
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
  /** The latest check of each text node's file, by node id. */
  readonly textChecks: Readonly<Record<string, TextCheck>>;
  /** The text files a text node's picker offers (null until listed). */
  readonly textFiles: readonly DataFile[] | null;
  setCsvCheck(nodeId: string, check: CsvCheck): void;
  setDataFiles(files: readonly DataFile[]): void;
  setTextCheck(nodeId: string, check: TextCheck): void;
  setTextFiles(files: readonly DataFile[]): void;
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

/**
 * The request a text node makes, or null when it names no file yet or a setting the check reads is
 * out of range (the analysis reports those; the check would only repeat them).
 */
export function textRequestOf(node: EditorNode, graphPath: string | null): TextRequest | null {
  if (node.kind !== 'data.text') return null;
  const { path } = node.params as { path?: unknown };
  if (typeof path !== 'string' || path.trim() === '') return null;
  const options = textCheckOptionsSchema.safeParse(node.params);
  if (!options.success) return null;
  return { path, options: options.data, ...(graphPath !== null && { graphPath }) };
}

/** Identifies a text request, as csvCheckKey does. */
export function textCheckKey(request: TextRequest): string {
  const o = request.options;
  return JSON.stringify([request.path, o.vocabularySize, o.minCount, o.unknownToken, o.lowercase, o.heldOutFraction, o.seed, request.graphPath ?? null]);
}

/** The data checks slice. */
export const createDataChecksSlice: SliceCreator<DataChecksSlice> = ({ get, set }) => ({
  csvChecks: {},
  dataFiles: null,
  setCsvCheck: (nodeId, check) => set({ csvChecks: { ...get().csvChecks, [nodeId]: check } }),
  setDataFiles: (files) => set({ dataFiles: files }),
  textChecks: {},
  textFiles: null,
  setTextCheck: (nodeId, check) => set({ textChecks: { ...get().textChecks, [nodeId]: check } }),
  setTextFiles: (files) => set({ textFiles: files }),
});
