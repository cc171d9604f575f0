import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { describe, expect, it } from 'vitest';
import { betaQuantiler } from '../../datasets/synth/beta-quantiler.js';

describe('betaQuantiler', () => {
  it.each([
    [0.5, 0.5],
    [0.2, 3],
    [2, 5],
    [1, 1],
    [20, 3],
    [0.1, 0.1],
    [50, 50],
    [3, 0.3],
  ])('agrees with the exact beta quantile within 2e-9 (alpha %s, beta %s)', (a, b) => {
    const f = betaQuantiler(a, b);
    let worst = 0;
    for (let i = 0; i < 20_000; i++) {
      const u = (i + 0.37) / 20_000;
      worst = Math.max(worst, Math.abs(f(u) - betaQuantile(u, a, b)));
    }
    expect(worst).toBeLessThan(2e-9);
  });

  it('returns NaN for non-positive shapes', () => {
    expect(betaQuantiler(0, 1)(0.5)).toBeNaN();
  });
});
