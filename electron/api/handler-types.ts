import type { z } from 'zod';
import type { API, Method, Result } from '../../shared/protocol/api';
import type { BackendEvent } from '../../shared/protocol/events';

/** A method's params after validation (what a handler receives). */
export type HandlerParams<M extends Method> = z.output<(typeof API)[M]['params']>;

/** One async function per API method; `dispatch` validates what goes in and what comes out. */
export type Handlers = { [M in Method]: (params: HandlerParams<M>) => Promise<Result<M>> };

/** The native file dialogs of the desktop (web mode has none: the renderer asks for a name). */
export interface FileDialogs {
  /** The path the user chose to open, or null if cancelled. */
  open(): Promise<string | null>;
  /** The path the user chose to save to, or null if cancelled; `suggested` is a file name. */
  save(suggested?: string): Promise<string | null>;
  /** The folder the user chose (for exports), or null if cancelled. Optional: without it, an export needs a folder. */
  chooseFolder?(): Promise<string | null>;
}

/** The three file methods, implemented once per mode. */
export type FileHandlers = Pick<Handlers, 'files.list' | 'files.read' | 'files.write'>;

/** The run methods. */
export type RunHandlers = Pick<
  Handlers,
  'runs.start' | 'runs.pause' | 'runs.resume' | 'runs.stop' | 'runs.list' | 'runs.get' | 'runs.delete' | 'runs.export' | 'runs.import'
>;

/** Where the transports hear about runs and labs: each subscriber gets every event until it unsubscribes. */
export interface BackendEventSource {
  subscribe(listener: (event: BackendEvent) => void): () => void;
}
