// `npm start`: the desktop app when Electron's binary is installed, else web mode in a Chromium
// app window (or, without Chromium, the URL to open). Builds what is missing or stale first.
// Ctrl-C stops everything it started.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron, INPUTS_FILE, OUT_DIR } from './build-electron.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RENDERER_INDEX = join(root, 'dist', 'renderer', 'index.html');
const CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** Children to stop on Ctrl-C, and temp folders to remove on exit. */
const children = new Set();
const tempDirs = [];

/** Electron's binary, from the package's path.txt (require('electron') would try to download it). */
function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  const pathTxt = join(dir, 'path.txt');
  if (!existsSync(pathTxt)) return { path: null, why: 'node_modules/electron/path.txt is missing' };
  const path = join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(path) ? { path, why: '' } : { path: null, why: `${path} is missing` };
}

/** Whether the Electron bundles are missing or older than one of the sources they were built from. */
function electronBundleStale() {
  if (!existsSync(INPUTS_FILE) || ['main.cjs', 'preload.cjs', 'training-worker.cjs'].some((f) => !existsSync(join(OUT_DIR, f)))) return true;
  const { builtAt, inputs } = JSON.parse(readFileSync(INPUTS_FILE, 'utf8'));
  return inputs.some((input) => !existsSync(join(root, input)) || statSync(join(root, input)).mtimeMs > builtAt);
}

/** The newest modification time of the files under some folders. */
function newestMtime(dirs) {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) if (existsSync(join(root, d))) walk(join(root, d));
  return newest;
}

/** Whether dist/renderer is missing or older than the renderer's sources. */
function rendererStale() {
  if (!existsSync(RENDERER_INDEX)) return true;
  return newestMtime(['renderer', 'shared']) > statSync(RENDERER_INDEX).mtimeMs;
}

/** Runs a command to completion with its output shown; exits this script if it fails. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = track(spawn(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }));
    child.on('exit', (code, signal) => {
      if (code === 0) return resolve();
      if (!signal) console.error(`npm start: \`${command} ${args.join(' ')}\` failed (exit code ${code})`);
      shutdown(code ?? 1);
    });
  });
}

function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

let stopping = false;
/** Stops every child, removes temp folders, exits. */
function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const finish = () => {
    for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
    process.exit(code);
  };
  if (children.size === 0) return finish();
  // Give the server time to close its connections, then leave regardless.
  const timer = setTimeout(finish, 3000);
  timer.unref();
  for (const child of children) child.on('exit', () => children.size === 0 && finish());
}
process.on('SIGINT', () => shutdown(130));
process.on('SIGTERM', () => shutdown(143));

async function startDesktop(binary) {
  if (electronBundleStale()) await buildElectron();
  if (rendererStale()) await run('npm', ['run', 'build:renderer']);
  // `electron .` takes package.json's "main"; without it, the bundle path (app name and userData then differ).
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const app = pkg.main === 'dist/electron/main.cjs' ? '.' : join('dist', 'electron', 'main.cjs');
  if (app !== '.') console.log('npm start: package.json has no "main": "dist/electron/main.cjs"; starting the bundle directly.');
  const child = track(spawn(binary, [app], { cwd: root, stdio: 'inherit' }));
  child.on('exit', (code) => shutdown(code ?? 0));
}

function findChromium() {
  return CHROMIUMS.find((p) => existsSync(p)) ?? null;
}

/** Starts `latent-studio serve`, passing its output through, and resolves with the URL it prints. */
function startServer() {
  return new Promise((resolve) => {
    const child = track(spawn(process.execPath, [join(root, 'bin', 'latent-studio.mjs'), 'serve'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }));
    let buffer = '';
    let found = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      if (found) return;
      buffer += chunk;
      const url = /https?:\/\/[^\s]+/.exec(buffer)?.[0];
      if (url && buffer.includes('\n', buffer.indexOf(url))) {
        found = true;
        resolve(url);
      }
    });
    child.on('exit', (code) => {
      if (!stopping) console.error(`npm start: the web-mode server stopped (exit code ${code})`);
      shutdown(code || 1);
    });
  });
}

async function startWeb(why) {
  console.log(`Electron's binary is not installed here (${why}); starting web mode instead.`);
  if (rendererStale()) await run('npm', ['run', 'build:renderer']);
  const url = await startServer();
  const chromium = findChromium();
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!chromium || !hasDisplay) {
    console.log(`Open ${url} in a browser (${chromium ? 'no display to open a window on' : 'no Chromium found'}); Ctrl-C stops the server.`);
    return;
  }
  // A fresh profile: no extensions, no sync, no other tabs sharing the page's storage.
  const profile = mkdtempSync(join(tmpdir(), 'latent-studio-chromium-'));
  tempDirs.push(profile);
  const args = [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--no-default-browser-check', '--disable-background-networking'];
  // Chromium refuses to start as root (containers) unless its sandbox is off; the page is our own.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const startedAt = Date.now();
  const browser = track(spawn(chromium, args, { stdio: 'ignore' }));
  browser.on('error', () => console.log(`Could not start ${chromium}; open ${url} in a browser. Ctrl-C stops the server.`));
  browser.on('exit', (code) => {
    if (stopping) return;
    // Closing the app window ends the session, like closing the desktop app; a Chromium that
    // died at once (no display, a crash) leaves the server running for another browser.
    if (code !== 0 && Date.now() - startedAt < 5000) console.log(`${chromium} exited (code ${code}); open ${url} in a browser. Ctrl-C stops the server.`);
    else shutdown(0);
  });
}

const electron = electronBinary();
await (electron.path ? startDesktop(electron.path) : startWeb(electron.why));
