import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests that build a million-row report or pack and install the package take minutes; they form the
 * project "heavy", the rest the project "unit". `npm test` (vitest run) runs both; `npx vitest run
 * --project unit` leaves the heavy ones out.
 */
const HEAVY = ['test/reports/report-size-1m.test.ts', 'test/package/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...HEAVY] } },
      { extends: true, test: { name: 'heavy', include: HEAVY, hookTimeout: 600_000 } },
    ],
  },
});
