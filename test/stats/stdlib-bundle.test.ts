import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STDLIB_BUNDLE, STDLIB_PACKAGES } from '../../harness/stats/index.js';

const require = createRequire(import.meta.url);
type Dist3 = (x: number, a: number, b: number) => number;

/**
 * The build joins the stdlib packages into one file (harness/cli/bundle.ts) that the built modules load
 * first: it must export every function under its name, and each must be the package's own (same values).
 */
describe('the stdlib bundle the build writes', () => {
  for (const dir of ['dist/harness/stats', 'dist/harness/cli/chunks']) {
    it(`${dir}/${STDLIB_BUNDLE} exports every function, with the package's values`, () => {
      const bundled = require(join(process.cwd(), dir, STDLIB_BUNDLE)) as Record<string, Dist3>;
      expect(Object.keys(bundled).sort()).toEqual(Object.keys(STDLIB_PACKAGES).sort());
      const args: Record<keyof typeof STDLIB_PACKAGES, [number, number, number][]> = {
        normalCdf: [[-1.96, 0, 1], [0.3, 2, 0.5]],
        normalQuantile: [[0.975, 0, 1], [1e-12, 0, 1]],
        betaQuantile: [[0.025, 5, 20], [0.975, 3000, 7001], [1e-9, 40, 400]],
        binomialCdf: [[5, 40, 0.1], [1020, 10000, 0.1]],
      };
      for (const [name, pkg] of Object.entries(STDLIB_PACKAGES) as [keyof typeof STDLIB_PACKAGES, string][]) {
        const own = require(pkg) as Dist3;
        for (const [x, a, b] of args[name]) expect(bundled[name]!(x, a, b), `${name}(${x}, ${a}, ${b})`).toBe(own(x, a, b));
      }
    });
  }
});
