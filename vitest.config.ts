import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files run two at a time at least. Vitest's default, one worker fewer than the cores, is a single
 * worker on a 2-core CI machine, and most of a CLI test's time is one child process on one core while
 * the worker waits for it: with two workers another file uses the other core meanwhile.
 */
const WORKERS = Math.max(2, availableParallelism() - 1);

/**
 * Tests that build a million-row report or pack and install the package take minutes; they form the
 * project "heavy". Tests that bound how long the CLI takes to answer a signal or a failing model (within
 * 2 s of SIGINT, within a timeout's budget) form the project "timed": they run after the others, one
 * file at a time, so that no other test file competes with them for the cores. The rest is the project
 * "unit". `npm test` (vitest run) runs all three; `npx vitest run --project unit --project timed` leaves
 * the heavy ones out.
 */
const HEAVY = ['test/reports/report-size-1m.test.ts', 'test/package/**/*.test.ts'];
const TIMED = ['test/cli/interrupt.test.ts', 'test/faults/**/*.test.ts'];

export default defineConfig({
  test: {
    maxWorkers: WORKERS,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...HEAVY, ...TIMED] } },
      { extends: true, test: { name: 'heavy', include: HEAVY, hookTimeout: 600_000 } },
      { extends: true, test: { name: 'timed', include: TIMED, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
