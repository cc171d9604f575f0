import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  clopperPearsonInterval,
  katzLogInterval,
  koopmanInterval,
  koopmanLimits,
  koopmanLowerLimit,
  moverDifferenceLimits,
  moverRatioLimits,
  newcombeInterval,
  rateInterval,
  wilsonInterval,
  zCritical,
} from '../../harness/stats/index.js';

/**
 * Every interval against limits computed independently at 50 digits (mpmath, bisection on each
 * defining equation): test/fixtures/intervals-reference/generate.py, whose header says how to rerun
 * it. The grid holds every edge (rates of 0 and 100 % in either group, both, groups of 1 and 2) and
 * ordinary cells, at 95 and 99 %. Koopman's score interval is no longer what the report shows for a
 * sparse ratio (MOVER is, see stats/small-sample.ts) but stays exported and checked.
 */
interface Row {
  readonly kind: 'wilson' | 'clopper-pearson' | 'newcombe' | 'katz' | 'koopman' | 'mover-ratio' | 'mover-difference';
  readonly level: number;
  readonly x?: number;
  readonly n?: number;
  readonly x1?: number;
  readonly n1?: number;
  readonly x0?: number;
  readonly n0?: number;
  readonly lo: number | null;
  readonly hi: number | null;
}

const { rows } = JSON.parse(readFileSync('test/fixtures/intervals-reference/reference.json', 'utf8')) as { rows: Row[] };

const RELATIVE = 1e-9;
// Limits at or near 0 (a difference of 0, a rate's lower limit at x = 0) are compared absolutely.
const ABSOLUTE = 1e-15;

function close(actual: number | null | undefined, expected: number | null): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (actual === null || actual === undefined || !Number.isFinite(actual)) return false;
  return Math.abs(actual - expected) <= Math.max(ABSOLUTE, RELATIVE * Math.abs(expected));
}

function label(r: Row): string {
  const cell = r.x !== undefined ? `${r.x}/${r.n}` : `${r.x1}/${r.n1} vs ${r.x0}/${r.n0}`;
  return `${r.kind} ${cell} at ${r.level}`;
}

/** Our limits for a row, as [lo, hi] with null for an unbounded or undefined limit. */
function ours(r: Row): [number | null, number | null] {
  const z = zCritical(1 - r.level);
  const pair = (ci: { lo: number; hi: number } | null): [number | null, number | null] => (ci ? [ci.lo, ci.hi] : [null, null]);
  switch (r.kind) {
    case 'wilson':
      return pair(wilsonInterval(r.x!, r.n!, z));
    case 'clopper-pearson':
      return pair(clopperPearsonInterval(r.x!, r.n!, 1 - r.level));
    case 'newcombe':
      return pair(newcombeInterval(r.x1!, r.n1!, r.x0!, r.n0!, z));
    case 'katz':
      return pair(katzLogInterval(r.x1!, r.n1!, r.x0!, r.n0!, z));
    case 'koopman': {
      const ci = koopmanInterval(r.x1!, r.n1!, r.x0!, r.n0!, z);
      if (ci) return [ci.lo, ci.hi];
      // Unbounded above: the lower limit is reported alone (as `lower_bound`), and only when the group has events.
      return [r.x1! > 0 ? koopmanLowerLimit(r.x1!, r.n1!, r.x0!, r.n0!, z) : 0, null];
    }
    case 'mover-ratio':
    case 'mover-difference': {
      // Built from the rate intervals the tool reports (Clopper–Pearson for a sparse group, else Wilson).
      const mover = r.kind === 'mover-ratio' ? moverRatioLimits : moverDifferenceLimits;
      const m = mover(r.x1! / r.n1!, rateInterval(r.x1!, r.n1!, z)!, r.x0! / r.n0!, rateInterval(r.x0!, r.n0!, z)!);
      return [m.lo, Number.isFinite(m.hi) ? m.hi : null];
    }
  }
}

describe('intervals against the 50-digit reference table', () => {
  it('holds every kind and the edges it was written for', () => {
    const kinds = new Set(rows.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['clopper-pearson', 'katz', 'koopman', 'mover-difference', 'mover-ratio', 'newcombe', 'wilson']);
    const koopman = rows.filter((r) => r.kind === 'koopman');
    expect(koopman.some((r) => r.x1 === r.n1 && r.x0 === r.n0)).toBe(true);
    expect(koopman.some((r) => r.x1 === 0 && r.x0 === 0 && r.hi === null)).toBe(true);
    expect(koopman.some((r) => r.x1! > 0 && r.x0 === 0 && r.hi === null)).toBe(true);
    expect(koopman.some((r) => r.x1 === 0 && r.x0 === r.n0)).toBe(true);
  });

  for (const kind of ['wilson', 'clopper-pearson', 'newcombe', 'katz', 'koopman', 'mover-ratio', 'mover-difference'] as const) {
    it(`${kind}: every limit within ${RELATIVE} (relative) of the reference`, () => {
      const wrong: string[] = [];
      const mine = rows.filter((r) => r.kind === kind);
      for (const r of mine) {
        const [lo, hi] = ours(r);
        if (!close(lo, r.lo) || !close(hi, r.hi)) wrong.push(`${label(r)}: [${lo}, ${hi}], reference [${r.lo}, ${r.hi}]`);
      }
      expect(mine.length).toBeGreaterThan(50);
      expect(wrong, wrong.slice(0, 20).join('\n')).toEqual([]);
    });
  }

  it('koopmanLimits: the same limits, +∞ where the reference has none (x0 = 0), [0, ∞) when both counts are 0', () => {
    const wrong: string[] = [];
    for (const r of rows.filter((row) => row.kind === 'koopman')) {
      const limits = koopmanLimits(r.x1!, r.n1!, r.x0!, r.n0!, zCritical(1 - r.level))!;
      const hi = limits.hi === Infinity ? null : limits.hi;
      if (!close(limits.lo, r.lo) || !close(hi, r.hi)) wrong.push(`${label(r)}: [${limits.lo}, ${limits.hi}], reference [${r.lo}, ${r.hi}]`);
      if ((limits.hi === Infinity) !== (r.x0 === 0)) wrong.push(`${label(r)}: unbounded exactly when x0 = 0`);
    }
    expect(wrong, wrong.slice(0, 20).join('\n')).toEqual([]);
    expect(koopmanLimits(0, 7, 0, 9, zCritical(0.05))).toEqual({ lo: 0, hi: Infinity });
    expect(koopmanLimits(3, 0, 1, 9, zCritical(0.05))).toBeNull();
  });
});
