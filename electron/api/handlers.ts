import { dirname, isAbsolute, join } from 'node:path';
import { APP_VERSION } from '../../shared/version';
import { LabManager } from '../engine/lab/lab-manager';
import { RunManager } from '../engine/runs/run-manager';
import { createDataHandlers } from './data-handlers';
import { createDesktopFileHandlers } from './desktop-files';
import { listExamples } from './examples';
import type { FileDialogs, Handlers, BackendEventSource } from './handler-types';
import { resolveProjectPath } from './project-path';
import { RecentFiles } from './recent-files';
import { RecoveryStore } from './recovery-store';
import { createLabHandlers } from './lab-handlers';
import { createRunHandlers } from './run-handlers';
import { STATE_FOLDER } from './state-dir';
import { validateGraphText } from './validate-text';
import { createWebFileHandlers } from './web-files';

export { dispatch } from './dispatch';
export { ApiError, type ApiErrorCode } from './errors';
export type { FileDialogs, HandlerParams, Handlers, BackendEventSource } from './handler-types';

/** The run history's folder inside a project folder. */
export function runsFolder(projectDir: string): string {
  return join(projectDir, STATE_FOLDER, 'runs');
}

/** Where the handlers work and what they may use. */
export interface HandlerOptions {
  /** Desktop: absolute paths, dialogs, recent files. Web: graph files inside projectDir only. */
  readonly mode: 'desktop' | 'web';
  /** Web: the folder served. Both: holds `.latent-studio/` (recent files, recovery copy, run history). */
  readonly projectDir: string;
  /** The example graphs (assets/examples). */
  readonly examplesDir: string;
  /** The desktop's native dialogs; without them, desktop calls need explicit paths. */
  readonly dialogs?: FileDialogs;
  /** The run manager; when absent, one is built on `<projectDir>/.latent-studio/runs`. */
  readonly runs?: RunManager;
  /** The training worker's entry for a run manager built here (the packaged app passes its bundled worker). */
  readonly workerUrl?: URL;
}

/** The back end of one window or server: the API's handlers, the run and lab events, and its shutdown. */
export interface Backend {
  readonly handlers: Handlers;
  /** Run and lab events for the transport to push (WebSocket messages, or IPC sends to the window). */
  readonly events: BackendEventSource;
  /** Ends a running lab, stops every live run (each writes its checkpoint) and waits for pending writes. */
  dispose(): Promise<void>;
}

/**
 * The back end of the renderer's API (shared/protocol/api.ts), the same for both transports:
 * Electron IPC and the web mode's WebSocket each call `dispatch(handlers, method, params)` and
 * relay `events` to their page.
 *
 * Relative data paths of a trained graph resolve against the project folder in web mode; on the
 * desktop, against the folder of the most recent file of the graph's name (the file open in the
 * window, nearly always), else the app's state folder.
 */
export function createBackend(options: HandlerOptions): Backend {
  const { mode, projectDir, examplesDir } = options;
  const recovery = new RecoveryStore(projectDir);
  const recent = mode === 'desktop' ? new RecentFiles(projectDir) : undefined;
  const files = recent ? createDesktopFileHandlers(recent, options.dialogs) : createWebFileHandlers(projectDir);
  const manager =
    options.runs ??
    new RunManager({
      runsDir: runsFolder(projectDir),
      defaultBaseDir: projectDir,
      // A browser tab may make the server read only what is in the project folder.
      ...(mode === 'web' && { dataRoot: projectDir }),
      ...(options.workerUrl !== undefined && { workerUrl: options.workerUrl }),
    });
  const labs = new LabManager({
    runs: manager,
    defaultBaseDir: projectDir,
    ...(mode === 'web' && { dataRoot: projectDir }),
    ...(options.workerUrl !== undefined && { workerUrl: options.workerUrl }),
  });
  // A graph's relative data paths lead from its own folder: on the desktop the folder of the file
  // the editor has open; in web mode the same inside the project folder (a path that would leave
  // it is not followed: the run then resolves against the project folder, and stays confined).
  const baseDirFor = async (graphPath: string | undefined): Promise<string | undefined> => {
    if (graphPath === undefined) return undefined;
    if (mode === 'desktop') return isAbsolute(graphPath) ? dirname(graphPath) : undefined;
    const resolved = await resolveProjectPath(projectDir, graphPath).catch(() => undefined);
    return resolved === undefined ? undefined : dirname(resolved.abs);
  };
  // Read and checked now, so the first page's start screen gets them at once.
  void listExamples(examplesDir).catch(() => undefined);
  const handlers: Handlers = {
    async 'app.info'() {
      // The project folder means something only in web mode (it is what the tab can reach).
      return mode === 'web' ? { mode, appVersion: APP_VERSION, projectDir } : { mode, appVersion: APP_VERSION };
    },
    'examples.list': () => listExamples(examplesDir),
    async 'graph.validate'({ text }) {
      return validateGraphText(text);
    },
    ...files,
    'recovery.read': () => recovery.read(),
    'recovery.write': ({ text }) => recovery.write(text),
    async 'recovery.clear'() {
      await recovery.clear();
      return {};
    },
    ...createDataHandlers({ mode, projectDir, baseDirFor }),
    ...createRunHandlers({ mode, manager, baseDirFor, ...(options.dialogs !== undefined && { dialogs: options.dialogs }) }),
    ...createLabHandlers({ labs, baseDirFor }),
  };
  const events: BackendEventSource = {
    subscribe(listener) {
      const fromRuns = manager.subscribe(listener);
      const fromLabs = labs.subscribe(listener);
      return () => {
        fromRuns();
        fromLabs();
      };
    },
  };
  return {
    handlers,
    events,
    dispose: () => {
      labs.dispose();
      return manager.dispose();
    },
  };
}

/** The handlers alone (see createBackend; the caller then does not dispose the runs). */
export function createHandlers(options: HandlerOptions): Handlers {
  return createBackend(options).handlers;
}
