import type { RunManager } from '../engine/runs/run-manager';
import { readBundle } from '../engine/export/bundle-read';
import { ApiError } from './errors';
import type { FileDialogs, RunHandlers } from './handler-types';
import { asApiErrors } from './run-errors';
import { exportRun } from './run-export';

/** What the run methods need besides the manager. */
export interface RunHandlerOptions {
  readonly mode: 'desktop' | 'web';
  readonly manager: RunManager;
  /**
   * The folder relative data paths of a graph resolve against, from its file's path as the editor
   * has it (undefined: the manager's default, the project folder).
   */
  readonly baseDirFor?: (graphPath: string | undefined) => Promise<string | undefined>;
  readonly dialogs?: FileDialogs;
}

/** Standard base64, as the renderer's FileReader / btoa make it (line breaks allowed). */
const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/;

/** The runs.* methods over a RunManager; the engine's refusals become ApiErrors with their messages. */
export function createRunHandlers(options: RunHandlerOptions): RunHandlers {
  const { manager, mode, dialogs } = options;
  return {
    'runs.start': ({ graphText, graphName, graphPath, settings }) =>
      asApiErrors(async () => {
        const baseDir = await options.baseDirFor?.(graphPath);
        return manager.start({ graphText, settings, ...(graphName !== undefined && { graphName }), ...(baseDir !== undefined && { baseDir }) });
      }, 'cannot start the run'),
    'runs.pause': ({ runId }) => asApiErrors(() => manager.pause(runId)),
    'runs.resume': ({ runId }) => asApiErrors(() => manager.resume(runId)),
    'runs.stop': ({ runId }) => asApiErrors(() => manager.stop(runId)),
    'runs.list': () => manager.list(),
    'runs.get': ({ runId }) => asApiErrors(() => manager.get(runId)),
    'runs.delete': ({ runId }) =>
      asApiErrors(async () => {
        await manager.delete(runId);
        return {};
      }),
    'runs.export': (params) => exportRun(manager, mode, dialogs, params),
    'runs.import': ({ name, base64 }) =>
      asApiErrors(async () => {
        if (!BASE64.test(base64)) throw new ApiError('invalid-params', `cannot import ${name}: the file must be sent as base64`);
        const bundle = readBundle(new Uint8Array(Buffer.from(base64, 'base64')));
        const run = await manager.importBundle(bundle);
        return { run, graphText: bundle.graphText };
      }, `cannot import ${JSON.stringify(name)}`),
  };
}
