import type { CheckResult } from '../../harness/results/index.js';
import { ratioInterval, sampleBinomial, uniformStream, type Correction } from '../../harness/stats/index.js';
import { streamId } from '../../harness/stats/rng/index.js';
import { judgeFamily, type CheckCandidate } from '../../harness/verdict/index.js';

/** A selection-rate-ratio check row on counts, judged by the battery's rule (its interval recomputed from the counts). */
export function ratioCandidate(x1: number, n1: number, x0: number, n0: number, bounds: readonly [number, number], group: string): CheckCandidate {
  const row: CheckResult = {
    id: 'four-fifths', metric: 'selection_rate_ratio', attribute: 'a', group, reference: 'ref',
    value: x0 > 0 ? x1 / n1 / (x0 / n0) : null, ci: null, level: 0.95, method: 'katz-log', bounds: [bounds[0], bounds[1]], bounds_origin: 'battery', source: null,
    verdict: 'inconclusive', p_value: null, adjusted_p_value: null, correction: 'none', small_cell: false,
  };
  return {
    row,
    parity: 1,
    intervalAt: (z) => {
      const ci = ratioInterval(x1, n1, x0, n0, z);
      return ci ? { lo: ci.lo, hi: ci.hi } : null;
    },
  };
}

export interface FamilySetting {
  /** Rows per group (every group and the reference). */
  readonly n: number;
  /** The reference group's selection rate. */
  readonly p0: number;
  /** Every group's true ratio to the reference. */
  readonly ratio: number;
  readonly groups: number;
  readonly bounds: readonly [number, number];
  readonly correction: Correction;
  readonly families: number;
  readonly seed: number;
}

/** Shares of simulated audits with at least one fail, one pass, one of either, and one stated direction. */
export interface FamilyClaims {
  readonly fail: number;
  readonly pass: number;
  readonly any: number;
  readonly direction: number;
  /** Share of all check rows that failed with a direction (power, when the ratio lies outside the bounds). */
  readonly rowsFailed: number;
}

/**
 * Simulated audits of `groups` groups against one shared reference (the shape of a battery), each
 * group's count drawn from its true binomial and judged as one family. Seeded: audit f draws from
 * slot f of one counter-based stream, so the figures do not depend on the number of audits run before.
 */
export function simulateFamilies(s: FamilySetting): FamilyClaims {
  let fail = 0;
  let pass = 0;
  let any = 0;
  let direction = 0;
  let rowsFailed = 0;
  const stream = streamId('family-error');
  for (let f = 0; f < s.families; f++) {
    const next = uniformStream(s.seed, stream, f);
    const x0 = sampleBinomial(s.n, s.p0, next);
    const rows = Array.from({ length: s.groups }, (_, g) => ratioCandidate(sampleBinomial(s.n, Math.min(1, s.p0 * s.ratio), next), s.n, x0, s.n, s.bounds, `g${g}`));
    const { checks } = judgeFamily(rows, s.correction, 0.05);
    const failed = checks.some((c) => c.verdict === 'fail');
    const passed = checks.some((c) => c.verdict === 'pass');
    fail += failed ? 1 : 0;
    pass += passed ? 1 : 0;
    any += failed || passed ? 1 : 0;
    direction += checks.some((c) => c.direction !== null) ? 1 : 0;
    rowsFailed += checks.filter((c) => c.verdict === 'fail' && c.direction !== null).length;
  }
  return { fail: fail / s.families, pass: pass / s.families, any: any / s.families, direction: direction / s.families, rowsFailed: rowsFailed / (s.families * s.groups) };
}
