import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layering rules of the architecture, enforced: a forbidden import fails this test.
 * Imports are read with TypeScript's own pre-processor (static, dynamic and re-exports).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  const abs = join(root, dir);
  let out: string[] = [];
  for (const name of readdirSync(abs)) {
    const p = join(abs, name);
    if (statSync(p).isDirectory()) out = out.concat(sources(relative(root, p)));
    else if (/\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(relative(root, p));
  }
  return out;
}

function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

/** Where a relative import lands, as a repo path. */
function target(file: string, spec: string): string {
  return spec.startsWith('.') ? relative(root, join(root, file, '..', spec)) : spec;
}

const NODE_BUILTINS = /^(node:|fs$|path$|os$|child_process$|worker_threads$|http$|https$|net$|crypto$|url$|stream$|util$)/;

interface Rule {
  readonly folder: string;
  readonly forbid: (spec: string, resolved: string) => string | null;
}

const RULES: Rule[] = [
  {
    folder: 'shared',
    forbid: (spec, r) =>
      spec.startsWith('.') ? (r.startsWith('shared') ? null : 'shared/ imports only shared/') : spec === 'zod' ? null : `shared/ is pure TypeScript: no '${spec}'`,
  },
  {
    folder: 'electron/engine',
    forbid: (spec, r) => {
      if (spec.startsWith('.')) return r.startsWith('electron/engine') || r.startsWith('shared') ? null : 'the engine imports only itself and shared/';
      if (spec === 'electron' || spec.startsWith('react') || spec.startsWith('@xyflow')) return `the engine never imports '${spec}'`;
      return null;
    },
  },
  {
    folder: 'renderer',
    forbid: (spec, r) => {
      if (spec.startsWith('.')) return r.startsWith('renderer') || r.startsWith('shared') ? null : 'the renderer imports only itself and shared/';
      if (spec === 'electron' || spec.startsWith('@tensorflow/') || NODE_BUILTINS.test(spec)) return `the renderer never imports '${spec}'`;
      return null;
    },
  },
  {
    folder: 'electron/main',
    forbid: (spec, r) => (spec.startsWith('.') && r.startsWith('electron/engine') && !r.startsWith('electron/engine/worker') ? 'main knows only the engine worker\'s entry point' : spec.startsWith('@tensorflow/') ? 'main never imports tfjs' : null),
  },
  {
    folder: 'electron/preload',
    forbid: (spec, r) => (spec.startsWith('.') && !r.startsWith('shared') && !r.startsWith('electron/preload') ? 'preload imports only shared/' : spec.startsWith('@tensorflow/') ? 'preload never imports tfjs' : null),
  },
];

function violations(): string[] {
  const found: string[] = [];
  for (const rule of RULES) {
    let files: string[] = [];
    try {
      files = sources(rule.folder);
    } catch {
      continue; // folder not written yet
    }
    for (const file of files) {
      for (const spec of importsOf(file)) {
        const why = rule.forbid(spec, target(file, spec));
        if (why) found.push(`${file}: imports '${spec}' — ${why}`);
      }
    }
  }
  return found;
}

describe('layering', () => {
  it('has no forbidden import anywhere', () => {
    expect(violations()).toEqual([]);
  });

  it('catches a forbidden import (the rules are live)', () => {
    const shared = RULES.find((r) => r.folder === 'shared')!;
    expect(shared.forbid('@tensorflow/tfjs', '@tensorflow/tfjs')).not.toBeNull();
    expect(shared.forbid('../../electron/engine/backend', 'electron/engine/backend')).not.toBeNull();
    const renderer = RULES.find((r) => r.folder === 'renderer')!;
    expect(renderer.forbid('node:fs', 'node:fs')).not.toBeNull();
    expect(renderer.forbid('electron', 'electron')).not.toBeNull();
    const engine = RULES.find((r) => r.folder === 'electron/engine')!;
    expect(engine.forbid('electron', 'electron')).not.toBeNull();
    expect(engine.forbid('@tensorflow/tfjs', '@tensorflow/tfjs')).toBeNull();
    expect(importsOf('electron/engine/train/trainer.ts')).toContain('@tensorflow/tfjs');
  });
});
