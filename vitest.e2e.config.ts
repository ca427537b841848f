import { defineConfig } from 'vitest/config';

// End-to-end tests: the built renderer (dist/renderer, `npx vite build`) in Debian's Chromium.
// One file at a time: each file starts its own browser.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'Europe/Zurich' },
  },
});
