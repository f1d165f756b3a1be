import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { preloadEditor } from './scripts/vite-preload-editor';

/**
 * Builds the renderer (the editor UI) into dist/renderer.
 *
 * `base: './'` makes every asset URL relative, so the same build loads from the web server and from
 * `file://` inside Electron. The output has no inline script and no eval: the pages are served with
 * `script-src 'self'`.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), preloadEditor()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The modulepreload polyfill is injected as code, never inline; Chromium and Electron need none.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 3000,
    // Fonts stay files, never data: URLs (Vite inlines assets under 4 kB, as KaTeX's Size3 font):
    // the CSP loads fonts from 'self' only.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/.test(file) ? false : undefined),
  },
  server: { host: '127.0.0.1' },
});
