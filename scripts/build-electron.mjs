// Bundles the Electron main process and the preload into dist/electron/ with esbuild:
//   electron/main/main.ts       → dist/electron/main.cjs
//   electron/preload/preload.ts → dist/electron/preload.cjs
// CommonJS because a sandboxed preload cannot load ES modules, and one file each because a
// sandboxed preload cannot require anything but 'electron'. The inputs are recorded in
// dist/electron/inputs.json so `npm start` can tell whether the bundle is stale.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(root, 'dist', 'electron');
export const INPUTS_FILE = join(OUT_DIR, 'inputs.json');

/** Electron 45 runs Chromium 140 and Node 22; node20 keeps the main bundle valid on older Electrons too. */
const BUNDLES = [
  { entry: 'electron/main/main.ts', out: 'main.cjs', target: ['node20'] },
  // Minified: the preload inlines zod (pulled in by shared/protocol/api.ts) and is parsed on every page load.
  { entry: 'electron/preload/preload.ts', out: 'preload.cjs', target: ['chrome140'], minify: true },
];

/**
 * Builds both bundles (into `outDir`, dist/electron by default; tests build elsewhere) and resolves
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
      external: ['electron'],
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
