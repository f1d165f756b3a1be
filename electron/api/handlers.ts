import { APP_VERSION } from '../../shared/version';
import { createDesktopFileHandlers } from './desktop-files';
import { listExamples } from './examples';
import type { FileDialogs, Handlers } from './handler-types';
import { RecentFiles } from './recent-files';
import { RecoveryStore } from './recovery-store';
import { validateGraphText } from './validate-text';
import { createWebFileHandlers } from './web-files';

export { dispatch } from './dispatch';
export { ApiError, type ApiErrorCode } from './errors';
export type { FileDialogs, HandlerParams, Handlers } from './handler-types';

/** Where the handlers work and what they may use. */
export interface HandlerOptions {
  /** Desktop: absolute paths, dialogs, recent files. Web: graph files inside projectDir only. */
  readonly mode: 'desktop' | 'web';
  /** Web: the folder served. Both: holds `.latent-studio/` (recent files, recovery copy). */
  readonly projectDir: string;
  /** The example graphs (assets/examples). */
  readonly examplesDir: string;
  /** The desktop's native dialogs; without them, desktop calls need explicit paths. */
  readonly dialogs?: FileDialogs;
}

/**
 * The back end of the renderer's API (shared/protocol/api.ts), the same for both transports:
 * Electron IPC and the web mode's WebSocket each call `dispatch(handlers, method, params)`.
 */
export function createHandlers(options: HandlerOptions): Handlers {
  const { mode, projectDir, examplesDir } = options;
  const recovery = new RecoveryStore(projectDir);
  const files = mode === 'web' ? createWebFileHandlers(projectDir) : createDesktopFileHandlers(new RecentFiles(projectDir), options.dialogs);
  return {
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
  };
}
