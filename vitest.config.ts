import { defineConfig } from 'vitest/config';

// Tests pin TZ=UTC (as pino-pretty does) so nothing depends on the machine's zone.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
