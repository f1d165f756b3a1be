import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    pool: 'forks',
    // Two test files run at once on two cores, so each keeps to one wasm thread (threads would
    // only contend). Results do not depend on it: wasm-threads.test.ts shows one and two threads
    // train bit-identically, and starts its own two-thread processes.
    env: { LATENT_STUDIO_WASM_THREADS: '1' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
