import { describe, expect, it } from 'vitest';
import { preloadEditor } from '../../../scripts/vite-preload-editor';

/**
 * The built page must preload the editor's chunk and everything it imports (transitively), once
 * each, leaving out what the page links already; and must fail the build when the editor's chunk
 * is missing (a renamed entry would otherwise silently drop the preload).
 */
type Handler = (html: string, ctx: { bundle?: Record<string, unknown> }) => { tag: string; attrs: Record<string, unknown> }[];

const handler = (entry?: string): Handler => {
  const hook = preloadEditor(entry).transformIndexHtml as { handler: Handler };
  return hook.handler;
};

const chunk = (fileName: string, imports: string[], facadeModuleId: string | null = null) => ({ type: 'chunk', fileName, imports, facadeModuleId });

const bundle = {
  'assets/index.js': chunk('assets/index.js', ['assets/react.js'], '/repo/renderer/index.html'),
  'assets/react.js': chunk('assets/react.js', []),
  'assets/root.js': chunk('assets/root.js', ['assets/react.js', 'assets/client.js', 'assets/editor.js'], '/repo/renderer/root.tsx'),
  'assets/client.js': chunk('assets/client.js', ['assets/zod.js']),
  'assets/editor.js': chunk('assets/editor.js', ['assets/client.js']),
  'assets/zod.js': chunk('assets/zod.js', []),
  'assets/elk.js': chunk('assets/elk.js', [], '/repo/node_modules/elkjs/elk.bundled.js'),
  'assets/index.css': { type: 'asset', fileName: 'assets/index.css' },
};

const page = '<script type="module" crossorigin src="./assets/index.js"></script>\n<link rel="modulepreload" crossorigin href="./assets/react.js">';

describe('preloadEditor', () => {
  it('links the editor chunk and its imports, each once, not what the page has, not lazy chunks', () => {
    const tags = handler()(page, { bundle });
    expect(tags.map((t) => t.attrs.href)).toEqual(['./assets/root.js', './assets/client.js', './assets/zod.js', './assets/editor.js']);
    for (const t of tags) expect(t).toMatchObject({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true } });
  });

  it('adds nothing outside a build (no bundle: the dev server)', () => {
    expect(handler()(page, {})).toEqual([]);
  });

  it('fails the build when the editor entry has no chunk', () => {
    expect(() => handler('renderer/missing.tsx')(page, { bundle })).toThrow(/no chunk for renderer\/missing\.tsx/);
  });
});
