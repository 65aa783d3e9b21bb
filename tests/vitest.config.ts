import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Three projects: unit (pure shared rules), integration (real SQLite files, real zip files, the CLI),
 * e2e (the preview in Debian's Chromium). Performance lives in `npm run bench`, never here.
 */
export default defineConfig({
  root,
  // The same alias as tsconfig.json's "paths" and renderer/vite.config.ts.
  resolve: { alias: { '@shared': fileURLToPath(new URL('../shared', import.meta.url)) } },
  test: {
    // The tests stand in the district: a clock written as local time ('2026-11-24T10:00:00') is Beijing time,
    // the stores' default zone, whatever the machine's zone. That the app itself never reads the process's zone
    // is tested by running the same scenario under TZ=UTC and TZ=Asia/Shanghai (tests/integration/time-zone*.test.ts).
    env: { TZ: 'Asia/Shanghai' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // Browser timing on a busy 2-core machine can miss a frame once; a real bug fails the retry too.
          retry: 1,
        },
      },
    ],
  },
});
