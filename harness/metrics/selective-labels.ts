import type { SelectiveLabels, SelectiveLabelsGroup, Warning } from '../results/index.js';
import { designDeltaSe, normalCdf, rateInterval, rateMethod, type DesignSamples } from '../stats/index.js';
import { selectiveEstimates, type SelectiveEstimates } from './selective-estimates.js';

/**
 * Selective labels, the Sweden method generalised (Lighthouse Reports & Svenska Dagbladet, Nov 2024,
 * on Försäkringskassan's VAB model): labels exist only for investigated cases, some drawn at random
 * from the whole population and some flagged by the model. The random audit estimates each group's
 * size, positives and negatives; the flagged cases give the flagged count and true positives; together
 * they give a population confusion matrix per group (see {@link selectiveEstimates}). A case both drawn
 * at random and flagged counts in both.
 */
export interface SelectiveCounts {
  readonly attribute: string;
  readonly groups: readonly string[];
  readonly reference: string;
  /** Per group: random-audit cases with and without an error (every randomly audited case, flagged or not). */
  readonly randomPos: Float64Array;
  readonly randomNeg: Float64Array;
  /** Per group: flagged cases investigated, with and without an error (real cases). */
  readonly flaggedPos: Float64Array;
  readonly flaggedNeg: Float64Array;
  /** Per group: Horvitz–Thompson totals Σ 1/π of those flagged cases (the counts themselves when π = 1). */
  readonly flaggedPosTotal: Float64Array;
  readonly flaggedNegTotal: Float64Array;
  /** Per group: Horvitz–Thompson variance estimates Σ (1 − π)/π² of those totals (0 when π = 1). */
  readonly flaggedPosVariance: Float64Array;
  readonly flaggedNegVariance: Float64Array;
  /** Per group: cases both drawn at random and flagged (counted in both samples). */
  readonly overlap: Float64Array;
}

export interface SelectiveSettings {
  readonly populationSize: number;
  readonly level: number;
  readonly z: number;
  readonly labelSource: string;
  readonly weighting: string;
}

/** A selective-labels p-value: H0 "ratio = 1", from the same design-based standard error as the interval. */
export interface SelectiveTest {
  readonly attribute: string;
  readonly group: string;
  readonly metric: 'statistical_parity' | 'equal_burden';
  readonly p: number | null;
  readonly method: 'design-wald-log';
}

/** Thresholds of Försäkringskassan's own test (AUDITS.md, Sweden). */
export const AGENCY_TEST = { ratioHigh: 2, ratioLow: 0.5, shareDifference: 0.3, errorShareDifference: 0.1 } as const;

type Scale = 'log' | 'logit';

/** The interval-bearing statistics: the scale of their Wald interval and how to read them off the estimates. */
const STATISTICS = {
  statistical_parity: { scale: 'log', of: (e, g) => e.modelShare[g]! / e.randomShare[g]! },
  precision: { scale: 'logit', of: (e, g) => e.precision[g]! },
  selection_rate: { scale: 'log', of: (e, g) => e.selection[g]! },
  selection_rate_ratio: { scale: 'log', of: (e, g, ref) => e.selection[g]! / e.selection[ref]! },
  false_positive_rate: { scale: 'log', of: (e, g) => e.fpr[g]! },
  false_positive_rate_ratio: { scale: 'log', of: (e, g, ref) => e.fpr[g]! / e.fpr[ref]! },
  false_negative_rate: { scale: 'logit', of: (e, g) => e.fnr[g]! },
  false_negative_rate_ratio: { scale: 'log', of: (e, g, ref) => e.fnr[g]! / e.fnr[ref]! },
  equal_burden: { scale: 'log', of: (e, g) => e.modelShare[g]! / e.errorShare[g]! },
} as const satisfies Record<string, { scale: Scale; of: (e: SelectiveEstimates, g: number, ref: number) => number }>;
type StatisticId = keyof typeof STATISTICS;

const SCALES: Record<Scale, { to: (v: number) => number; from: (u: number) => number }> = {
  log: { to: Math.log, from: Math.exp },
  logit: { to: (v) => Math.log(v / (1 - v)), from: (u) => 1 / (1 + Math.exp(-u)) },
};

const finite = (x: number) => (Number.isFinite(x) ? x : null);
type Estimate = SelectiveLabelsGroup['selection_rate'];

/**
 * One statistic of one group with its design-based interval: θ̂ ± z·se on the log scale (ratios,
 * selection rate, FPR) or the logit scale (precision, FNR), se from {@link designDeltaSe}, mapped
 * back; method "design-delta-log" / "design-delta-logit". A statistic with no sampling error (e.g.
 * precision when every flagged case was investigated) gets the point as its interval and method
 * "census". Rates are capped at 1. Also returns se on the Wald scale, for the p-value.
 */
function designEstimate(id: StatisticId, g: number, ref: number, c: SelectiveCounts, samples: DesignSamples, s: SelectiveSettings): Estimate & { se: number } {
  const k = c.groups.length;
  const { scale, of } = STATISTICS[id];
  const at = (x: Float64Array, tot: Float64Array) => of(selectiveEstimates(x, tot, k, s.populationSize), g, ref);
  const value = at(samples.random, samples.totals);
  const method = `design-delta-${scale}`;
  if (!Number.isFinite(value)) return { value: null, ci: null, method, se: NaN };
  const t = SCALES[scale];
  const u = t.to(value);
  // At 0 or 1 the Wald scale is undefined; the interval is still the point if nothing varies.
  const se = designDeltaSe(Number.isFinite(u) ? (x, tot) => t.to(at(x, tot)) : at, samples);
  if (se === 0) return { value, ci: [value, value], method: 'census', se };
  if (!Number.isFinite(se) || !Number.isFinite(u)) return { value, ci: null, method, se: NaN };
  const cap = id.endsWith('_ratio') || id === 'statistical_parity' || id === 'equal_burden' ? Infinity : 1;
  return { value, ci: [t.from(u - s.z * se), Math.min(cap, t.from(u + s.z * se))], method, se };
}

/**
 * The selective-labels section of results.json for one attribute: shares, statistical parity against
 * the random audit, base rate against precision, the inferred population confusion matrix with the
 * selection rate, FPR and FNR, equal burden, and the agency's two-step test.
 *
 * Intervals are design-based: the random audit is a simple random sample without replacement of the
 * N applicants, the flagged cases a census (or, with selection probabilities, a Poisson sample of the
 * flagged cases), so every interval comes from the real counts through {@link designDeltaSe}. The base
 * rate, a proportion of real random-audit cases, gets Wilson / Clopper–Pearson. Parity and equal
 * burden also get a p-value of "ratio = 1" from the same standard error (Wald on the log scale).
 */
export function computeSelectiveLabels(c: SelectiveCounts, s: SelectiveSettings): { groups: SelectiveLabelsGroup[]; warnings: Warning[]; tests: SelectiveTest[] } {
  const k = c.groups.length;
  const ref = c.groups.indexOf(c.reference);
  if (ref < 0) throw new Error(`reference ${c.reference} missing from ${c.attribute}`);
  const join = (a: Float64Array, b: Float64Array) => {
    const out = new Float64Array(2 * k);
    out.set(a, 0);
    out.set(b, k);
    return out;
  };
  const samples: DesignSamples = {
    random: join(c.randomPos, c.randomNeg),
    populationSize: s.populationSize,
    totals: join(c.flaggedPosTotal, c.flaggedNegTotal),
    totalVariances: join(c.flaggedPosVariance, c.flaggedNegVariance),
  };
  const d = selectiveEstimates(samples.random, samples.totals, k, s.populationSize);
  const warnings: Warning[] = [];
  const tests: SelectiveTest[] = [];
  const groups = c.groups.map((name, g): SelectiveLabelsGroup => {
    const r = c.randomPos[g]! + c.randomNeg[g]!;
    if (!(d.fn[g]! >= 0) || !(d.tn[g]! >= 0)) {
      warnings.push({ code: 'selective-labels-negative', message: `${c.attribute}=${name}: the inferred population has a negative FN or TN (flagged cases outnumber what the random audit implies); FPR/FNR shown as null` });
    }
    const est = (id: StatisticId) => designEstimate(id, g, ref, c, samples, s);
    // The reference group's own ratio is 1 by construction: no interval.
    const ratio = (id: StatisticId): Estimate => (g !== ref ? strip(est(id)) : { value: finite(STATISTICS[id].of(d, g, ref)), ci: null, method: `design-delta-${STATISTICS[id].scale}` });
    const parity = est('statistical_parity');
    const burden = est('equal_burden');
    for (const [metric, e] of [['statistical_parity', parity], ['equal_burden', burden]] as const) {
      const p = e.value !== null && e.value > 0 && Number.isFinite(e.se) && e.se > 0 ? Math.min(1, 2 * normalCdf(-Math.abs(Math.log(e.value)) / e.se, 0, 1)) : null;
      tests.push({ attribute: c.attribute, group: name, metric, p, method: 'design-wald-log' });
    }
    const shares = { model: d.modelShare[g]!, random: d.randomShare[g]!, flaggedErrors: d.flaggedErrorShare[g]! };
    const step1Ratio = shares.model / shares.random;
    const step1Diff = Math.abs(shares.model - shares.random);
    const step2Diff = Math.abs(shares.model - shares.flaggedErrors);
    const step1Reason =
      step1Ratio >= AGENCY_TEST.ratioHigh || step1Ratio <= AGENCY_TEST.ratioLow
        ? `share among model selections ÷ random-sample share = ${step1Ratio.toFixed(3)} (fails at ≥ 2 or ≤ 0.5)`
        : step1Diff >= AGENCY_TEST.shareDifference
          ? `shares differ by ${(100 * step1Diff).toFixed(1)} points (fails at ≥ 30)`
          : null;
    const step2Reason = step2Diff >= AGENCY_TEST.errorShareDifference ? `share among flagged cases and among flagged cases with errors differ by ${(100 * step2Diff).toFixed(1)} points (fails at ≥ 10)` : null;
    const base = rateInterval(c.randomPos[g]!, r, s.z);
    return {
      attribute: c.attribute,
      group: name,
      is_reference: g === ref,
      random: { n: r, errors: c.randomPos[g]! },
      model: { n: c.flaggedPos[g]! + c.flaggedNeg[g]!, errors: c.flaggedPos[g]! },
      random_share: shares.random,
      model_share: shares.model,
      statistical_parity: strip(parity),
      base_rate: { value: finite(d.base[g]!), ci: base && finite(d.base[g]!) !== null ? [base.lo, base.hi] : null, method: rateMethod(c.randomPos[g]!, r) },
      precision: strip(est('precision')),
      population: { size: d.size[g]!, flagged: d.flagged[g]!, tp: d.tp[g]!, fp: d.fp[g]!, fn: d.fn[g]!, tn: d.tn[g]! },
      selection_rate: strip(est('selection_rate')),
      selection_rate_ratio: ratio('selection_rate_ratio'),
      false_positive_rate: strip(est('false_positive_rate')),
      false_positive_rate_ratio: ratio('false_positive_rate_ratio'),
      false_negative_rate: strip(est('false_negative_rate')),
      false_negative_rate_ratio: ratio('false_negative_rate_ratio'),
      error_share: d.errorShare[g]!,
      equal_burden: strip(burden),
      flagged_error_share: shares.flaggedErrors,
      in_both_samples: c.overlap[g]!,
      agency_test: { step1: step1Reason ? 'fail' : 'pass', step1_reason: step1Reason, step2: step2Reason ? 'fail' : 'pass', step2_reason: step2Reason },
    };
  });
  return { groups, warnings, tests };
}

function strip(e: Estimate & { se: number }): Estimate {
  return { value: finite(e.value ?? NaN), ci: e.ci, method: e.method };
}

/** Assembles the results.json section from the per-attribute groups. */
export function buildSelectiveLabels(groups: SelectiveLabelsGroup[], s: SelectiveSettings, randomN: number, modelN: number): SelectiveLabels {
  return {
    method:
      'Sweden method (Lighthouse Reports / Svenska Dagbladet, Nov 2024), design-based: group size = random-audit share × population size; flagged = every flagged case (Horvitz–Thompson total Σ 1/π where only some were investigated), a case in both samples counting in both; positives = random-audit error rate × size; TP = flagged cases with an error',
    intervals:
      'design-based delta method: the random audit a simple random sample without replacement of the population (finite-population correction), the flagged cases a census (Horvitz–Thompson variance Σ (1 − π)/π² where sampled); Wald on the log scale (ratios, selection rate, FPR) or logit scale (precision, FNR); base rate Wilson / Clopper–Pearson',
    label_source: s.labelSource,
    population_size: s.populationSize,
    random_n: randomN,
    model_n: modelN,
    weighting: s.weighting,
    groups_scope: 'investigated_cases',
    level: s.level,
    groups,
  };
}
