import { describe, expect, it } from 'vitest';
import { katzLogInterval, logFactorial, newcombeInterval, sampleBinomial, uniformStream, wilsonInterval, zCritical } from '../../harness/stats/index.js';
import { streamId } from '../../harness/stats/rng/index.js';

/**
 * Seeded coverage simulation: 2,000 simulated audits of two groups, each drawing the flagged counts
 * from their true binomial distributions; the nominal 95 % intervals must cover the true rate, ratio
 * and difference 93–97 % of the time (the binomial standard error of a 95 % coverage over 2,000 runs
 * is 0.49 points, so the band is ± 4 standard errors). The sizes were chosen by the exact coverage of
 * the Wilson interval (enumerated below: 94.8 % at 75/500), not by the simulated outcome.
 */
const AUDITS = 2000;
const z = zCritical(0.05);
const n1 = 500;
const p1 = 0.15;
const n0 = 900;
const p0 = 0.1;

function simulate(seed: number) {
  let rate = 0;
  let ratio = 0;
  let diff = 0;
  const stream = streamId('coverage-simulation');
  for (let audit = 0; audit < AUDITS; audit++) {
    const next = uniformStream(seed, stream, audit);
    const x1 = sampleBinomial(n1, p1, next);
    const x0 = sampleBinomial(n0, p0, next);
    const w = wilsonInterval(x1, n1, z)!;
    if (w.lo <= p1 && p1 <= w.hi) rate++;
    const k = katzLogInterval(x1, n1, x0, n0, z)!;
    if (k.lo <= p1 / p0 && p1 / p0 <= k.hi) ratio++;
    const d = newcombeInterval(x1, n1, x0, n0, z)!;
    if (d.lo <= p1 - p0 && p1 - p0 <= d.hi) diff++;
  }
  return { rate: rate / AUDITS, ratio: ratio / AUDITS, difference: diff / AUDITS };
}

describe('coverage of nominal 95 % intervals over 2,000 simulated audits (seed 20240601)', () => {
  const coverage = simulate(20240601);
  it.each([
    ['rate (Wilson)', coverage.rate],
    ['ratio (Katz log)', coverage.ratio],
    ['difference (Newcombe hybrid score)', coverage.difference],
  ])('%s covers the true value 93–97 %% of the time', (_, c) => {
    expect(c).toBeGreaterThanOrEqual(0.93);
    expect(c).toBeLessThanOrEqual(0.97);
  });

  it('is reproducible from its seed', () => {
    expect(simulate(20240601)).toEqual(coverage);
    console.log(`coverage: ${JSON.stringify(coverage)}`);
  });
});

describe('exact coverage of the Wilson interval, by enumeration', () => {
  it('is 94.8 % for n = 500, p = 0.15 (the simulation above samples around it)', () => {
    let coverage = 0;
    for (let x = 0; x <= n1; x++) {
      const w = wilsonInterval(x, n1, z)!;
      if (w.lo <= p1 && p1 <= w.hi) coverage += Math.exp(logFactorial(n1) - logFactorial(x) - logFactorial(n1 - x) + x * Math.log(p1) + (n1 - x) * Math.log(1 - p1));
    }
    expect(coverage).toBeCloseTo(0.9481, 3);
  });
});
