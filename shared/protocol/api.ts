import { z } from 'zod';

/**
 * The back end's domain API, as the renderer sees it. Every call crosses a process boundary
 * (Electron IPC on the desktop, one WebSocket in web mode), so every request and response has a
 * zod schema here and is validated on arrival at either end.
 */

/** A graph document travels as the text of its file; the receiver parses it with parseGraphFile. */
const graphText = z.string().max(50 * 1024 * 1024);

/** A problem as produced by shared/graph's validator. */
export const problemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  nodeId: z.string().optional(),
  port: z.string().optional(),
  edgeId: z.string().optional(),
  param: z.string().optional(),
});

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
} as const;

export type Method = keyof typeof API;
export type Params<M extends Method> = z.input<(typeof API)[M]['params']>;
export type Result<M extends Method> = z.infer<(typeof API)[M]['result']>;

/** What every transport gives the renderer: one typed call. */
export interface ApiClient {
  call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>>;
}

/** A request over the WebSocket (web mode). */
export const wsRequestSchema = z.object({ id: z.number().int().nonnegative(), method: z.string(), params: z.unknown() }).strict();
/** A response over the WebSocket: the result, or an error message. */
export const wsResponseSchema = z.union([
  z.object({ id: z.number().int(), result: z.unknown() }).strict(),
  z.object({ id: z.number().int(), error: z.object({ message: z.string(), code: z.string() }) }).strict(),
]);

/** Checks a method name received from the other side. */
export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(API, name);
}
