import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from './api/handlers';
import { startServer, type RunningServer } from './server/server';

/** The repository root (this file is electron/cli-serve.ts). */
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ServeOptions {
  /** 0 or absent: a free port. */
  readonly port?: number;
  /** The project folder the browser may reach (default: the current folder). */
  readonly dir?: string;
  /** Open the page in the default browser. */
  readonly open?: boolean;
}

/** A started web mode: the server and the page URL with its token. */
export interface WebMode {
  /** Its close() also stops the training runs (each writes a checkpoint first). */
  readonly server: RunningServer;
  readonly pageUrl: string;
}

/**
 * Starts web mode without waiting for a signal (the CLI command waits; tests and scripts close it).
 * Throws with a one-line message for a bad folder or port.
 */
export async function startWebMode(opts: ServeOptions): Promise<WebMode> {
  const projectDir = resolve(opts.dir ?? process.cwd());
  if (!existsSync(projectDir) || !statSync(projectDir).isDirectory()) throw new Error(`${projectDir} is not a folder`);
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535 (got ${port})`);

  const staticDir = join(REPO_ROOT, 'dist', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    // The server then serves a page saying the same, so the browser is not left blank.
    console.error('latent-studio: the web page is not built (dist/renderer/index.html is missing); build it with `npm run build:renderer`');
  }
  const backend = createBackend({ mode: 'web', projectDir, examplesDir: join(REPO_ROOT, 'assets', 'examples') });
  let server: RunningServer;
  try {
    server = await startServer({ port, staticDir, handlers: backend.handlers, events: backend.events });
  } catch (e) {
    await backend.dispose();
    throw e;
  }
  let closing: Promise<void> | undefined;
  // Runs first (new starts are refused meanwhile), so open pages still see them end as stopped;
  // a run whose worker does not stop in time is marked stopped at the next start instead.
  const close = (): Promise<void> => (closing ??= backend.dispose().finally(() => server.close()));
  return { server: { url: server.url, port: server.port, token: server.token, close }, pageUrl: `${server.url}?token=${server.token}` };
}

/** Opens a URL in the default browser; failing to (no desktop, no browser) is not an error. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The URL is printed; the user can open it by hand.
  }
}

/**
 * `latent-studio serve [--port P] [--dir D]`: serves the app and the project folder on
 * 127.0.0.1, prints one line with the URL and its token, and runs until SIGINT or SIGTERM, then
 * closes every connection, stops the training runs (each writes its checkpoint, so it can be
 * resumed next time) and resolves.
 */
export async function runServeCommand(opts: ServeOptions): Promise<void> {
  const { server, pageUrl } = await startWebMode(opts);
  console.log(`Latent Studio (web mode): ${pageUrl}`);
  if (opts.open) openBrowser(pageUrl);
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
}
