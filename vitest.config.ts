import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/electron/**/*.test.ts'],
    environment: 'node',
    // Geneva time, with DST: a date that went through UTC would shift and fail a test.
    env: { TZ: 'Europe/Zurich' },
  },
});
