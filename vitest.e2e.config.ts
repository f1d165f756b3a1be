import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built renderer in Debian's Chromium against the real web-mode server. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
