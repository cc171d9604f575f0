import { intervalVerdict, normalCdf, normalQuantile } from '../stats/index.js';

/** An interval whose upper limit may be unbounded (a ratio whose reference count is 0). */
export interface Limits {
  readonly lo: number;
  readonly hi: number;
}

/** What a check can claim: its disparity lies outside the tolerance (fail) or inside it (pass). */
export type Claim = 'fail' | 'pass';

/** Whether the limits lie wholly outside the bounds (a fail), wholly inside (a pass), or neither. */
export function claimOf(limits: Limits | null, bounds: readonly [number, number]): Claim | null {
  const v = intervalVerdict(limits, { lower: bounds[0], upper: bounds[1] });
  return v === 'inconclusive' ? null : v;
}

// Search range of the two-sided error t: below 1e-16 a p-value says nothing more; at t → 1 some
// interval methods degenerate (z → 0).
const T_MIN = 1e-16;
const T_MAX = 0.999;
/** The search stops when the boundary is known to this width on log t (that of 48 halvings of the range). */
const WIDTH = (Math.log(T_MAX) - Math.log(T_MIN)) / 2 ** 48;
/** Probes placed by interpolation at most; then halving, which reaches the width within 48 more. */
const INTERPOLATED = 40;
const MAX_PROBES = INTERPOLATED + 60;

/** Two-sided critical value for error t, accurate for tiny t (1 − t/2 would round to 1 below 1e-16). */
const zOf = (t: number): number => -normalQuantile(t / 2, 0, 1);

/**
 * How far the limits are inside the claim: positive where it holds, negative where not (for `fail`,
 * the distance of the nearer limit past a bound; for `pass`, of the nearer limit inside). NaN when
 * there is no interval or a limit is infinite: the search then halves.
 */
function marginOf(limits: Limits | null, bounds: readonly [number, number], claim: Claim): number {
  if (limits === null || !Number.isFinite(limits.lo) || !Number.isFinite(limits.hi)) return Number.NaN;
  return claim === 'fail' ? Math.max(limits.lo - bounds[1], bounds[0] - limits.hi) : Math.min(limits.lo - bounds[0], bounds[1] - limits.hi);
}

/**
 * The p-value of a check's claim, by inverting its own interval: the smallest two-sided error t at
 * which the interval at confidence 1 − t lies wholly outside the bounds (for `fail`) or wholly
 * inside (for `pass`). Rejecting at α is then exactly "the 1 − α interval lies outside (inside) the
 * tolerance", so a p-value and an interval can never disagree. 1 when no level supports the claim;
 * 1e-16 is the smallest value reported. Intervals are nested in t (every method used is a score,
 * exact or Wald interval), so the levels where the claim holds are those above one boundary.
 *
 * The boundary is bracketed on log t, the bracket narrowed by whether the claim holds at a probe, to
 * the width 48 halvings of the range give; each probe is put where the limits' distance to the bound
 * says the boundary lies, interpolating in z (regula falsi, Illinois variant), or halfway when that
 * distance is not defined, when interpolating stalls, and after 40 probes. An interval's limits are
 * smooth and close to linear in z, so 10 to 40 probes (about 20 for exact ratio intervals of a few
 * hundred to ten thousand rows) do what 48 halvings would (each probe is an interval; with exact rate
 * intervals, four beta quantiles). The value is the bracket's end where the claim holds.
 *
 * @example claimPValue((z) => ({ lo: 1.6 - 0.1 * z, hi: 1.6 + 0.1 * z }), [0.8, 1.25], 'fail') // ≈ 4.6e-4
 */
export function claimPValue(intervalAt: (z: number) => Limits | null, bounds: readonly [number, number], claim: Claim): number {
  type Probe = { u: number; z: number; holds: boolean; margin: number };
  const probe = (u: number): Probe => {
    const z = zOf(Math.exp(u));
    const limits = intervalAt(z);
    return { u, z, holds: claimOf(limits, bounds) === claim, margin: marginOf(limits, bounds, claim) };
  };
  // yes: a level (log t) where the claim holds; no: one where it does not.
  let yes = probe(Math.log(T_MAX));
  if (!yes.holds) return 1;
  let no = probe(Math.log(T_MIN));
  if (no.holds) return T_MIN;
  let lastSide = 0;
  // Interpolation gives way to halving after two probes in a row that did not at least halve the
  // distance to the bound (limits that are not smooth at this scale: a beta quantile's last digits),
  // until a halving probe does halve it.
  let lastMargin = Infinity;
  let stalls = 0;
  for (let probes = 2; yes.u - no.u > WIDTH && probes < MAX_PROBES; probes++) {
    let u = (no.u + yes.u) / 2;
    if (stalls < 2 && probes < INTERPOLATED && Number.isFinite(yes.margin) && Number.isFinite(no.margin) && yes.margin > 0 && no.margin < 0) {
      // The limits are close to linear in z (exactly, for a Wald interval): interpolate there.
      const z = yes.z + (yes.margin * (no.z - yes.z)) / (yes.margin - no.margin);
      const falsi = Math.log(2 * normalCdf(-z, 0, 1));
      // Inside the bracket, and at least just under the final width from its ends: an estimate that
      // has reached one end puts the probe where it closes the bracket.
      if (falsi > no.u && falsi < yes.u) u = Math.min(yes.u - 0.99 * WIDTH, Math.max(no.u + 0.99 * WIDTH, falsi));
    }
    const at = probe(u);
    const distance = Math.abs(at.margin);
    stalls = distance > lastMargin / 2 || !Number.isFinite(distance) ? stalls + 1 : 0;
    lastMargin = distance;
    if (at.holds) {
      yes = at;
      // Illinois: the end that stayed put twice counts half, so the next estimate moves past the boundary.
      if (lastSide === 1) no = { ...no, margin: no.margin / 2 };
      lastSide = 1;
    } else {
      no = at;
      if (lastSide === -1) yes = { ...yes, margin: yes.margin / 2 };
      lastSide = -1;
    }
  }
  return Math.exp(yes.u);
}
