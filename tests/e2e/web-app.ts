/**
 * Starts the web mode for a browser test, as `latent-studio serve` does (the built renderer from
 * dist/renderer and the real API handlers on 127.0.0.1), with a temporary project folder, and a
 * headless Chromium (playwright-core) pointed at it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startWebMode } from '../../electron/cli-serve';
import type { RunningServer } from '../../electron/server/server';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The built renderer; `npm run build:renderer` makes it. */
export const STATIC_DIR = join(root, 'dist', 'renderer');

/** Where screenshots go (ignored by git). */
export const ARTIFACTS = join(root, 'test-artifacts', 'e2e');

/** Builds the renderer with Vite when dist/renderer has no index.html (a fresh clone). */
export async function ensureRendererBuilt(): Promise<void> {
  if (existsSync(join(STATIC_DIR, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}

/** Debian's Chromium, or CHROMIUM_PATH. */
export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(p)) throw new Error(`no Chromium at ${p} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return p;
}

/** A running web app and a browser page on it. */
export interface WebApp {
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** The page URL with its token. */
  readonly url: string;
  /** The temporary project folder the API reads and writes. */
  readonly projectDir: string;
  /** Errors the page logged or threw (a test can assert there are none). */
  readonly pageErrors: string[];
  /** Opens a fresh page on the app (same server and project folder). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/** Starts server and browser; `viewport` defaults to 1440×900. */
export async function startWebApp(options: { viewport?: { width: number; height: number }; projectDir?: string } = {}): Promise<WebApp> {
  if (!existsSync(join(STATIC_DIR, 'index.html'))) throw new Error(`${STATIC_DIR} has no index.html: run \`npm run build:renderer\` first`);
  const projectDir = options.projectDir ?? mkdtempSync(join(tmpdir(), 'latent-studio-e2e-'));
  // The same start as `latent-studio serve --dir projectDir --port 0`.
  const { server, pageUrl: url } = await startWebMode({ dir: projectDir, port: 0 });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const pageErrors: string[] = [];
  let page = await context.newPage();
  const watch = (p: Page) => {
    p.on('pageerror', (e) => pageErrors.push(String(e)));
    p.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    // Unsaved-changes warnings would block closing a page between tests.
    p.on('dialog', (d) => void d.accept());
  };
  watch(page);
  await page.goto(url);
  const app: WebApp = {
    server,
    browser,
    context,
    get page() {
      return page;
    },
    url,
    projectDir,
    pageErrors,
    async reload() {
      await page.close({ runBeforeUnload: false });
      page = await context.newPage();
      watch(page);
      await page.goto(url);
    },
    async close() {
      await browser.close();
      await server.close();
      if (!options.projectDir) rmSync(projectDir, { recursive: true, force: true });
    },
  };
  return app;
}

/**
 * What every browser test file starts with: the renderer built, the screenshot folder made, the
 * app started and showing its start screen.
 */
export async function startOnStartScreen(shotsDir: string): Promise<WebApp> {
  await ensureRendererBuilt();
  mkdirSync(shotsDir, { recursive: true });
  const app = await startWebApp();
  await app.page.getByRole('heading', { name: 'Start a model' }).waitFor();
  // The start screen shows before the editor's code has loaded (StartPreview): wait for the editor too.
  await app.page.locator('.react-flow').waitFor();
  return app;
}
