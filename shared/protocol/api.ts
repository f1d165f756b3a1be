import { z } from 'zod';
import { csvInspectionSchema, dataFileSchema } from './data';
import { textCheckOptionsSchema, textInspectionSchema } from './text-data';
import { problemSchema } from './problem';
import { type BackendEvent, backendEventSchema } from './events';
import { labIdSchema, labRequestSchema } from './lab';
import { chartImageSchema, exportPartsSchema, runDetailSchema, runIdSchema, runSettingsSchema, runSummarySchema } from './runs';

/**
 * The back end's domain API, as the renderer sees it. Every call crosses a process boundary
 * (Electron IPC on the desktop, one WebSocket in web mode), so every request and response has a
 * zod schema here and is validated on arrival at either end.
 */

/** A graph document travels as the text of its file; the receiver parses it with parseGraphFile. */
const graphText = z.string().max(50 * 1024 * 1024);

export { problemSchema };

export const exampleSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  text: graphText,
});

/** A file in the project folder (web mode) or on disk (desktop), by its path. */
export const fileEntrySchema = z.object({ path: z.string(), name: z.string(), modified: z.number() });

/** Each method: its params and its result. */
export const API = {
  /** Which back end this is. */
  'app.info': {
    params: z.object({}).strict(),
    result: z.object({ mode: z.enum(['desktop', 'web']), appVersion: z.string(), projectDir: z.string().optional() }),
  },
  /** The example graphs of assets/examples, for the template gallery. */
  'examples.list': {
    params: z.object({}).strict(),
    result: z.array(exampleSchema),
  },
  /** Validates a graph file's text: a file error, or the graph's problems. */
  'graph.validate': {
    params: z.object({ text: graphText }).strict(),
    result: z.union([
      z.object({ ok: z.literal(false), fileError: z.object({ kind: z.string(), message: z.string() }) }),
      z.object({ ok: z.literal(true), problems: z.array(problemSchema) }),
    ]),
  },
  /** Graph files the user can open: the project folder (web) or recent files (desktop). */
  'files.list': {
    params: z.object({}).strict(),
    result: z.array(fileEntrySchema),
  },
  /** Reads a graph file's text. Desktop: `path` absent opens the system's open dialog. */
  'files.read': {
    params: z.object({ path: z.string().max(4096).optional() }).strict(),
    result: z.union([z.object({ path: z.string(), text: graphText }), z.object({ cancelled: z.literal(true) })]),
  },
  /** Writes a graph file atomically. Desktop: `path` absent opens the save dialog (save as). */
  'files.write': {
    params: z.object({ path: z.string().max(4096).optional(), text: graphText }).strict(),
    result: z.union([z.object({ path: z.string() }), z.object({ cancelled: z.literal(true) })]),
  },
  /** The recovery copy autosaved while editing, if a previous session left one. */
  'recovery.read': {
    params: z.object({}).strict(),
    result: z.object({ text: graphText.optional(), savedAt: z.number().optional() }),
  },
  'recovery.write': {
    params: z.object({ text: graphText }).strict(),
    result: z.object({ savedAt: z.number() }),
  },
  'recovery.clear': {
    params: z.object({}).strict(),
    result: z.object({}),
  },
  /**
   * The CSV files a graph may name, as it would name them (relative to the graph file's folder,
   * forward slashes): web mode, those in the project folder; desktop, those beside the graph's file
   * and one folder below. Links are not followed and hidden folders are skipped.
   */
  'data.listFiles': {
    params: z
      .object({
        graphPath: z.string().max(4096).optional(),
        /** Which files: a CSV node's (.csv, the default) or a text node's (.txt). */
        kind: z.enum(['csv', 'text']).optional(),
      })
      .strict(),
    result: z.array(dataFileSchema).max(1000),
  },
  /**
   * Reads a CSV file a CSV node names, as the run would (the same path rules and the same parser):
   * its header, first rows, row count and problems with their lines. A file that is missing or
   * unreadable is a problem of the result; a path web mode may not read is refused ('path-refused').
   */
  'data.inspectCsv': {
    params: z
      .object({
        path: z.string().min(1).max(4096),
        /** The graph file's path as the editor has it: its folder is where a relative path leads. */
        graphPath: z.string().max(4096).optional(),
        columns: z.array(z.string().max(1000)).max(10_000).default([]),
        labelColumn: z.string().max(1000).optional(),
      })
      .strict(),
    result: csvInspectionSchema,
  },
  /**
   * Reads a text file a text node names, as the run would (the same path rules and the loader's own
   * steps): its lines, the split, the vocabulary reached against the size asked, the most frequent
   * words, the first lines, and its problems. A missing or unreadable file is a problem of the
   * result; a path web mode may not read is refused ('path-refused').
   */
  'data.inspectText': {
    params: z
      .object({
        path: z.string().min(1).max(4096),
        graphPath: z.string().max(4096).optional(),
        options: textCheckOptionsSchema.strict(),
      })
      .strict(),
    result: textInspectionSchema,
  },
  /**
   * Validates the graph and starts training it in a worker thread. An invalid graph, or data that
   * cannot be loaded (a missing or malformed CSV file), is refused (ApiError 'invalid-graph',
   * message listing the problems) and no run is created.
   */
  'runs.start': {
    params: z
      .object({
        graphText,
        graphName: z.string().max(256).optional(),
        /** The graph file's path as the editor has it (desktop: absolute; web: in the project folder): its folder is where the graph's relative data paths lead. */
        graphPath: z.string().max(4096).optional(),
        settings: runSettingsSchema,
      })
      .strict(),
    result: runSummarySchema,
  },
  /** Pauses a running run at its next report (a checkpoint is written; resume is exact). */
  'runs.pause': { params: z.object({ runId: runIdSchema }).strict(), result: runSummarySchema },
  /** Resumes a paused run, or continues a stopped or failed run from its last checkpoint in a new worker. */
  'runs.resume': { params: z.object({ runId: runIdSchema }).strict(), result: runSummarySchema },
  /** Stops a run; it keeps a checkpoint and can be resumed later. */
  'runs.stop': { params: z.object({ runId: runIdSchema }).strict(), result: runSummarySchema },
  /** The run history, oldest first. */
  'runs.list': { params: z.object({}).strict(), result: z.array(runSummarySchema) },
  /** One run with its graph, metrics and latest inspection. */
  'runs.get': { params: z.object({ runId: runIdSchema }).strict(), result: runDetailSchema },
  /** Deletes a run that is not running, with its files. */
  'runs.delete': { params: z.object({ runId: runIdSchema }).strict(), result: z.object({}) },
  /**
   * Exports a run. Desktop: into a folder (`folder` absent opens the folder dialog). Web: returns
   * the files as one download, a .zip when there are several files.
   */
  'runs.export': {
    params: z
      .object({ runId: runIdSchema, parts: exportPartsSchema, charts: z.array(chartImageSchema).max(16).default([]), folder: z.string().max(4096).optional() })
      .strict(),
    result: z.union([
      z.object({ folder: z.string(), files: z.array(z.string()) }),
      z.object({ download: z.object({ name: z.string(), mimeType: z.string(), base64: z.string() }), files: z.array(z.string()) }),
      z.object({ cancelled: z.literal(true) }),
    ]),
  },
  /** Adds an exported project bundle (.zip, base64) to the run history; returns the run and its graph text. */
  'runs.import': {
    params: z.object({ name: z.string().max(256), base64: z.string().max(400 * 1024 * 1024) }).strict(),
    result: z.object({ run: runSummarySchema, graphText }),
  },
  /**
   * Starts the estimator lab in a worker thread: R gradient estimates per estimator the graph's
   * latents allow, at the graph's initial weights or at a run's checkpoint (`runId`; the run's own
   * graph is then studied). Progress and the report arrive as lab events. Refused like `runs.start`
   * for a graph or data that cannot train, for a run without a checkpoint, and while a lab runs.
   */
  'lab.start': { params: labRequestSchema.strict(), result: z.object({ labId: labIdSchema }) },
  /** Cancels a running lab at once (a lab that has ended is left as it is). */
  'lab.cancel': { params: z.object({ labId: labIdSchema }).strict(), result: z.object({}) },
} as const;

export type Method = keyof typeof API;
export type Params<M extends Method> = z.input<(typeof API)[M]['params']>;
export type Result<M extends Method> = z.infer<(typeof API)[M]['result']>;

/** What every transport gives the renderer: one typed call. */
export interface ApiClient {
  call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>>;
  /** Subscribes to the events the back end pushes (runs, the estimator lab); returns the function that unsubscribes. */
  onEvent(listener: (event: BackendEvent) => void): () => void;
}

/** A request over the WebSocket (web mode). */
export const wsRequestSchema = z.object({ id: z.number().int().nonnegative(), method: z.string(), params: z.unknown() }).strict();
/** A response over the WebSocket: the result, or an error message. */
export const wsResponseSchema = z.union([
  z.object({ id: z.number().int(), result: z.unknown() }).strict(),
  z.object({ id: z.number().int(), error: z.object({ message: z.string(), code: z.string() }) }).strict(),
]);

/** A message the back end pushes over the WebSocket without being asked: a run or lab event. */
export const wsEventSchema = z.object({ event: backendEventSchema }).strict();

/** Checks a method name received from the other side. */
export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(API, name);
}
