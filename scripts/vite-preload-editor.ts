import type { Plugin } from 'vite';

/**
 * Lists the editor's code (the chunk of renderer/root.tsx and every chunk it imports) in the built
 * page as `<link rel="modulepreload">`, so the browser fetches and compiles it alongside the page's
 * first script. Without this the editor is a dynamic import discovered only once that script has
 * run (renderer/main.tsx imports it late on purpose, after asking for the start screen's
 * templates), which put a second, serial round of requests before the start screen.
 */
export function preloadEditor(entry = 'renderer/root.tsx'): Plugin {
  return {
    name: 'latent-studio:preload-editor',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const root = chunks.find((c) => c.facadeModuleId?.replaceAll('\\', '/').endsWith(`/${entry}`));
        if (!root) throw new Error(`preload-editor: no chunk for ${entry} in the bundle`);
        const files: string[] = [];
        const visit = (fileName: string): void => {
          if (files.includes(fileName)) return;
          files.push(fileName);
          const chunk = bundle[fileName];
          if (chunk?.type === 'chunk') chunk.imports.forEach(visit);
        };
        visit(root.fileName);
        // The page's own script and what Vite already preloads for it are linked once.
        return files.filter((f) => !html.includes(`./${f}"`)).map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${f}` }, injectTo: 'head' }));
      },
    },
  };
}
