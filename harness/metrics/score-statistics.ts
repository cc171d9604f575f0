import { binMiddle, HISTOGRAM_SLOT_COUNT, type GroupCounts, type ScoreBinning } from '../accumulate/index.js';
import { aucInterval, binnedAuc, byarRatioInterval, dkwEpsilon, multinomialDeltaSe, rateInterval, rateMethod, type IntervalMethod } from '../stats/index.js';

/** What a computed statistic sees: the group, the reference group, the binning and the top decile. */
export interface StatisticContext {
  readonly g: GroupCounts;
  readonly ref: GroupCounts;
  /** Bins of the groups' histograms; null without scores. */
  readonly binning: ScoreBinning | null;
  readonly alpha: number;
  readonly z: number;
  /** Top-decile selection (the 10 % sweep point): the group's selected weight, all selected, all rows. */
  readonly top: { readonly group: number; readonly selected: number; readonly total: number } | null;
}

/** A statistic's value, its interval and, for a generated difference, its standard error. */
export interface StatisticValue {
  readonly value: number | null;
  readonly ci: readonly [number, number] | null;
  /** Standard error, for the `_difference` variant against the reference (independent groups). */
  readonly se?: number | null;
  /** Interval method when it depends on the data (e.g. chosen by cell size); default the registry's. */
  readonly method?: IntervalMethod;
}

const S = HISTOGRAM_SLOT_COUNT;
const NONE: StatisticValue = { value: null, ci: null };

/** Empirical CDFs of two groups' scores at the upper edge of every fine bin, and the group sizes. */
function cdfs(g: Float64Array, r: Float64Array, bins: number): { fg: Float64Array; fr: Float64Array; ng: number; nr: number } {
  const fg = new Float64Array(bins);
  const fr = new Float64Array(bins);
  let ng = 0;
  let nr = 0;
  for (let b = 0; b < bins; b++) {
    ng += g[b * S]! + g[b * S + 1]! + g[b * S + 2]!;
    nr += r[b * S]! + r[b * S + 1]! + r[b * S + 2]!;
    fg[b] = ng;
    fr[b] = nr;
  }
  for (let b = 0; b < bins; b++) {
    fg[b] = fg[b]! / ng;
    fr[b] = fr[b]! / nr;
  }
  return { fg, fr, ng, nr };
}

/**
 * Kolmogorov–Smirnov distance between the group's and the reference's score distributions,
 * max over fine-bin edges of |F_group − F_reference|. Interval: the DKW band of each group at α/2
 * (Bonferroni), D ± (ε_group + ε_reference), clipped to [0, 1]; distribution-free and conservative.
 */
export function ksDistance({ g, ref, binning, alpha }: StatisticContext): StatisticValue {
  if (!binning || !g.histogram || !ref.histogram || g === ref) return NONE;
  const { fg, fr, ng, nr } = cdfs(g.histogram, ref.histogram, binning.bins);
  if (ng === 0 || nr === 0) return NONE;
  let d = 0;
  for (let b = 0; b < binning.bins; b++) d = Math.max(d, Math.abs(fg[b]! - fr[b]!));
  const e = dkwEpsilon(ng, alpha / 2) + dkwEpsilon(nr, alpha / 2);
  return { value: d, ci: [Math.max(0, d - e), Math.min(1, d + e)] };
}

/**
 * Wasserstein-1 (earth mover's) distance between the group's and the reference's score
 * distributions, ∫|F_group − F_reference| over the score range, with each fine bin's rows at its
 * middle. Interval: the DKW bands at α/2 each, W ± (ε_group + ε_reference) × (range width), clipped
 * at 0; distribution-free and conservative.
 */
export function wassersteinDistance({ g, ref, binning, alpha }: StatisticContext): StatisticValue {
  if (!binning || !g.histogram || !ref.histogram || g === ref) return NONE;
  const { fg, fr, ng, nr } = cdfs(g.histogram, ref.histogram, binning.bins);
  if (ng === 0 || nr === 0) return NONE;
  const width = (binning.hi - binning.lo) / binning.bins;
  let w = 0;
  for (let b = 0; b < binning.bins - 1; b++) w += Math.abs(fg[b]! - fr[b]!) * width;
  const e = (dkwEpsilon(ng, alpha / 2) + dkwEpsilon(nr, alpha / 2)) * (binning.hi - binning.lo);
  return { value: w, ci: [Math.max(0, w - e), w + e] };
}

/**
 * AUC of the score within the group: the probability that a labelled fraud/error case scores above
 * a labelled innocent one (ties within a fine bin count ½). DeLong variance; logit-scale interval.
 */
export function groupAuc({ g, binning, z }: StatisticContext): StatisticValue {
  if (!binning || !g.histogram) return NONE;
  const a = binnedAuc(g.histogram, g.histogram, binning.bins, S, 0, 1);
  if (!a) return NONE;
  const ci = aucInterval(a, z);
  return { value: a.auc, ci: ci ? [ci.lo, ci.hi] : null, se: Number.isFinite(a.variance) ? Math.sqrt(a.variance) : null };
}

/**
 * Calibration in the large: observed adverse outcomes among the group's labelled rows ÷ the sum of
 * their scores (expected if the score were a calibrated probability; each fine bin read at its
 * middle). 1 = calibrated; below 1 the score overstates the group's risk. Byar's Poisson interval
 * with the expected count held fixed.
 */
export function observedExpected({ g, binning, z }: StatisticContext): StatisticValue {
  if (!binning || !g.histogram || binning.lo < 0 || binning.hi > 1) return NONE;
  let observed = 0;
  let expected = 0;
  for (let b = 0; b < binning.bins; b++) {
    const pos = g.histogram[b * S]!;
    observed += pos;
    expected += (pos + g.histogram[b * S + 1]!) * binMiddle(binning, b);
  }
  if (!(expected > 0)) return NONE;
  const ci = byarRatioInterval(observed, expected, z);
  return { value: observed / expected, ci: ci ? [ci.lo, ci.hi] : null };
}

/**
 * Over-representation in the top decile (Lighthouse Reports): the group's share among the 10 % of
 * rows with the highest scores ÷ its share of all rows, i.e. the group's rate of being in the top
 * decile ÷ the overall rate, which the rank cut fixes by design (k = round(0.1 × rows)). Interval:
 * the group's rate interval (Wilson, or Clopper–Pearson for small counts) divided by that fixed
 * share, the cut held fixed.
 */
export function topDecileOverrepresentation({ g, top, z }: StatisticContext): StatisticValue {
  if (!top || top.selected <= 0 || g.n <= 0) return NONE;
  const share = top.selected / top.total;
  const ci = rateInterval(top.group, g.n, z);
  return { value: top.group / g.n / share, ci: ci ? [ci.lo / share, ci.hi / share] : null, method: rateMethod(top.group, g.n, z) };
}

/**
 * Benefits of Speicher et al. (2018, KDD, "A unified approach to quantifying algorithmic
 * unfairness"), b = ŷ − y + 1 with the favourable outcome 1, here b = 1 + fraud found − flagged:
 * true positive 1, false positive 0 (flagged though innocent), false negative 2, true negative 1.
 */
export function benefitIndex(alpha: number): (x: Float64Array) => number {
  return (x) => {
    const [tp, fp, fn, tn] = [x[0]!, x[1]!, x[2]!, x[3]!];
    const n = tp + fp + fn + tn;
    const mu = (tp + tn + 2 * fn) / n;
    if (!(mu > 0)) return NaN;
    const ones = tp + tn;
    if (alpha === 1) return (ones * (1 / mu) * Math.log(1 / mu) + (fn > 0 ? fn * (2 / mu) * Math.log(2 / mu) : 0)) / n;
    // α > 0: false positives (benefit 0) add 0^α = 0.
    const sum = ones * (1 / mu) ** alpha + fn * (2 / mu) ** alpha;
    return (sum / n - 1) / (alpha * (alpha - 1));
  };
}

function benefitStatistic(alpha: number): (ctx: StatisticContext) => StatisticValue {
  const f = benefitIndex(alpha);
  return ({ g, z }) => {
    const counts = Float64Array.of(g.tp, g.fp, g.fn, g.tn);
    if (g.labelled <= 0) return NONE;
    const value = f(counts);
    if (!Number.isFinite(value)) return NONE;
    const se = multinomialDeltaSe(f, counts);
    return { value, ci: se > 0 ? [Math.max(0, value - z * se), value + z * se] : null, se: se > 0 ? se : null };
  };
}

/** Generalised entropy index GE(2) of the benefits within the group (half the squared coefficient of variation). */
export const generalizedEntropy = benefitStatistic(2);
/** Theil index GE(1) of the benefits within the group. */
export const theilIndex = benefitStatistic(1);
