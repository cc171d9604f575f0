import type { GroupCounts } from '../accumulate/index.js';
import { ratioLimits, ratioMethod } from '../stats/index.js';

/** A share-based comparison with its interval and the method that gave it. */
export interface ShareComparison {
  readonly value: number | null;
  readonly ci: readonly [number, number] | null;
  readonly method: string;
}

/**
 * Over-representation of a group among the flagged: its share of the flagged (x / X) against its
 * share of the rows (n / N), as a ratio r = (x / X) ÷ (n / N) and a difference d = x / X − n / N.
 *
 * The group is part of the whole, so its rate and the overall rate are not independent; the group
 * and *everyone else* are. With w = n / N fixed by design, r = RR / (w·RR + 1 − w) and d = w·(r − 1),
 * where RR is the ratio of the group's rate to the rest's: both increase with RR, so the interval for
 * RR between two independent groups (Katz log, or MOVER in small cells) maps onto r and d
 * exactly. An infinite RR (nobody else flagged) maps to r = 1 / w.
 *
 * @example shareComparison(count, { flagged: 2090, n: 16023 }, { flagged: 10000, n: 200000 }, 1.96).ratio.value // ≈ 2.61
 */
export function shareComparison(
  count: (g: Pick<GroupCounts, 'flagged' | 'n'>) => number,
  g: Pick<GroupCounts, 'flagged' | 'n'>,
  total: Pick<GroupCounts, 'flagged' | 'n'>,
  z: number,
  exact = false,
): { ratio: ShareComparison; difference: ShareComparison } {
  const x = count(g);
  const X = count(total);
  const { n } = g;
  const N = total.n;
  const none = { value: null, ci: null, method: 'katz-log-vs-rest' };
  if (!(X > 0 && n > 0 && N > n)) return { ratio: none, difference: none };
  const w = n / N;
  const r = (x / X) / w;
  const toR = (rr: number): number => (Number.isFinite(rr) ? rr / (w * rr + 1 - w) : 1 / w);
  const restX = X - x;
  const restN = N - n;
  const method = `${ratioMethod(x, n, restX, restN, z, exact)}-vs-rest`;
  // Upper limit +∞ when nobody else is flagged: toR maps it to 1 / share.
  const rr = ratioLimits(x, n, restX, restN, z, exact);
  const ci: [number, number] | null = rr ? [toR(rr.lo), toR(rr.hi)] : null;
  return {
    ratio: { value: r, ci, method },
    difference: { value: w * (r - 1), ci: ci ? [w * (ci[0] - 1), w * (ci[1] - 1)] : null, method },
  };
}
