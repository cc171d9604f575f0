import type { SelectiveLabels, SelectiveLabelsGroup, Warning } from '../results/index.js';
import { bootstrapCounts, percentileInterval, rateInterval, rateMethod, ratioInterval, ratioMethod, type Interval } from '../stats/index.js';

/**
 * Selective labels, the Sweden method generalised (Lighthouse Reports & Svenska Dagbladet, Nov 2024,
 * on Försäkringskassan's VAB model): labels exist only for investigated cases, some chosen at random
 * and some chosen by the model. The random sample estimates each group's population share and base
 * rate; the model sample gives the flagged count and the precision; together they give a population
 * confusion matrix per group:
 *
 *   size = random share × population,  flagged = model-selected count (inverse-probability weighted
 *   when only some flagged cases were investigated),  positives = base rate × size,
 *   TP = precision × flagged,  FP = flagged − TP,  FN = positives − TP,  TN = size − flagged − FN.
 */
export interface SelectiveCounts {
  readonly attribute: string;
  readonly groups: readonly string[];
  readonly reference: string;
  /** Per group: random-sample errors and non-errors, model-sample errors and non-errors (raw counts). */
  readonly randomPos: Float64Array;
  readonly randomNeg: Float64Array;
  readonly modelPos: Float64Array;
  readonly modelNeg: Float64Array;
  /** Per group: mean inverse-probability weight of model-sample errors and non-errors (1 without weighting). */
  readonly modelPosWeight: Float64Array;
  readonly modelNegWeight: Float64Array;
}

export interface SelectiveSettings {
  readonly populationSize: number;
  readonly level: number;
  readonly z: number;
  readonly bootstrap: { readonly replicates: number; readonly seed: number };
  readonly labelSource: string;
  readonly weighting: string;
}

/** Thresholds of Försäkringskassan's own test (AUDITS.md, Sweden). */
export const AGENCY_TEST = { ratioHigh: 2, ratioLow: 0.5, shareDifference: 0.3, errorShareDifference: 0.1 } as const;

interface Derived {
  randomShare: number[];
  modelShare: number[];
  errorShare: number[];
  flaggedErrorShare: number[];
  size: number[];
  flagged: number[];
  tp: number[];
  fp: number[];
  fn: number[];
  tn: number[];
  selection: number[];
  fpr: number[];
  fnr: number[];
}

/** Everything per group from one set of counts (observed or resampled). */
function derive(rp: ArrayLike<number>, rn: ArrayLike<number>, mp: ArrayLike<number>, mn: ArrayLike<number>, c: SelectiveCounts, population: number): Derived {
  const k = c.groups.length;
  const idx = [...Array(k).keys()];
  const r = idx.map((g) => rp[g]! + rn[g]!);
  const mPos = idx.map((g) => mp[g]! * c.modelPosWeight[g]!);
  const m = idx.map((g) => mPos[g]! + mn[g]! * c.modelNegWeight[g]!);
  const R = r.reduce((a, b) => a + b, 0);
  const M = m.reduce((a, b) => a + b, 0);
  const ER = idx.reduce((a, g) => a + rp[g]!, 0);
  const EM = mPos.reduce((a, b) => a + b, 0);
  const size = idx.map((g) => (r[g]! / R) * population);
  const flagged = m;
  const positives = idx.map((g) => (r[g]! > 0 ? (rp[g]! / r[g]!) * size[g]! : NaN));
  const tp = idx.map((g) => (m[g]! > 0 ? mPos[g]! : NaN));
  const fp = idx.map((g) => flagged[g]! - tp[g]!);
  const fn = idx.map((g) => positives[g]! - tp[g]!);
  const tn = idx.map((g) => size[g]! - flagged[g]! - fn[g]!);
  const valid = (x: number) => (Number.isFinite(x) && x >= 0 ? x : NaN);
  return {
    randomShare: idx.map((g) => r[g]! / R),
    modelShare: idx.map((g) => m[g]! / M),
    errorShare: idx.map((g) => rp[g]! / ER),
    flaggedErrorShare: idx.map((g) => mPos[g]! / EM),
    size,
    flagged,
    tp,
    fp,
    fn,
    tn,
    selection: idx.map((g) => flagged[g]! / size[g]!),
    fpr: idx.map((g) => valid(fp[g]!) / (valid(fp[g]!) + valid(tn[g]!))),
    fnr: idx.map((g) => valid(fn[g]!) / positives[g]!),
  };
}

const STATS = ['parity', 'selection', 'selection_ratio', 'fpr', 'fpr_ratio', 'fnr', 'fnr_ratio', 'burden', 'base', 'precision'] as const;

function statistics(d: Derived, g: number, ref: number, rp: ArrayLike<number>, r: number, mp: number, m: number): number[] {
  return [
    d.modelShare[g]! / d.randomShare[g]!,
    d.selection[g]!,
    d.selection[g]! / d.selection[ref]!,
    d.fpr[g]!,
    d.fpr[g]! / d.fpr[ref]!,
    d.fnr[g]!,
    d.fnr[g]! / d.fnr[ref]!,
    d.modelShare[g]! / d.errorShare[g]!,
    rp[g]! / r,
    mp / m,
  ];
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);
const est = (value: number, ci: Interval | null, method: string) => ({ value: finite(value), ci: ci && finite(value) !== null ? ([ci.lo, ci.hi] as [number, number]) : null, method });

/**
 * The selective-labels section of results.json for one attribute: shares, statistical parity against
 * the random sample, base rate against precision, the inferred population confusion matrix with FPR
 * and FNR, equal burden, and the agency's two-step test. Parity and equal burden are ratios of two
 * independent proportions (model sample against random sample) and get the Katz/MOVER interval;
 * base rate and precision get Wilson/Clopper–Pearson; the inferred-population figures get percentile
 * intervals from a bootstrap stratified by sample (random and model samples resampled separately).
 * With inverse-probability weights, every interval comes from the bootstrap.
 */
export function computeSelectiveLabels(c: SelectiveCounts, s: SelectiveSettings): { groups: SelectiveLabelsGroup[]; warnings: Warning[] } {
  const k = c.groups.length;
  const ref = c.groups.indexOf(c.reference);
  if (ref < 0) throw new Error(`reference ${c.reference} missing from ${c.attribute}`);
  const weighted = s.weighting !== 'none';
  const d = derive(c.randomPos, c.randomNeg, c.modelPos, c.modelNeg, c, s.populationSize);
  // Bootstrap: cells [randomPos..., randomNeg...] then [modelPos..., modelNeg...], two strata.
  const counts = new Float64Array(4 * k);
  counts.set(c.randomPos, 0);
  counts.set(c.randomNeg, k);
  counts.set(c.modelPos, 2 * k);
  counts.set(c.modelNeg, 3 * k);
  const reps = bootstrapCounts(counts, [[0, 2 * k], [2 * k, 4 * k]], { ...s.bootstrap, stream: `selective-labels:${c.attribute}` }, k * STATS.length, (x, out) => {
    const rp = x.subarray(0, k);
    const rn = x.subarray(k, 2 * k);
    const mp = x.subarray(2 * k, 3 * k);
    const mn = x.subarray(3 * k, 4 * k);
    const dd = derive(rp, rn, mp, mn, c, s.populationSize);
    for (let g = 0; g < k; g++) {
      const v = statistics(dd, g, ref, rp, rp[g]! + rn[g]!, mp[g]! * c.modelPosWeight[g]!, dd.flagged[g]!);
      for (let j = 0; j < STATS.length; j++) out[g * STATS.length + j] = v[j]!;
    }
  });
  const boot = (g: number, stat: (typeof STATS)[number]) => percentileInterval(reps[g * STATS.length + STATS.indexOf(stat)]!, s.level);
  const R = c.randomPos.reduce((a, b) => a + b, 0) + c.randomNeg.reduce((a, b) => a + b, 0);
  const ER = c.randomPos.reduce((a, b) => a + b, 0);
  const Mraw = c.modelPos.reduce((a, b) => a + b, 0) + c.modelNeg.reduce((a, b) => a + b, 0);
  const warnings: Warning[] = [];
  const groups = c.groups.map((name, g): SelectiveLabelsGroup => {
    const r = c.randomPos[g]! + c.randomNeg[g]!;
    const mRaw = c.modelPos[g]! + c.modelNeg[g]!;
    const v = statistics(d, g, ref, c.randomPos, r, d.tp[g]!, d.flagged[g]!);
    const [parity, selection, selectionRatio, fpr, fprRatio, fnr, fnrRatio, burden, base, precision] = v as [number, number, number, number, number, number, number, number, number, number];
    if (!(d.fn[g]! >= 0) || !(d.tn[g]! >= 0)) {
      warnings.push({ code: 'selective-labels-negative', message: `${c.attribute}=${name}: the inferred population has a negative FN or TN (precision × flagged exceeds base rate × size); FPR/FNR shown as null` });
    }
    const katz = (x1: number, n1: number, x0: number, n0: number) => ratioInterval(x1, n1, x0, n0, s.z);
    const parityCi = weighted ? boot(g, 'parity') : katz(mRaw, Mraw, r, R);
    const burdenCi = weighted ? boot(g, 'burden') : katz(mRaw, Mraw, c.randomPos[g]!, ER);
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
    const bootMethod = 'bootstrap-percentile';
    return {
      attribute: c.attribute,
      group: name,
      is_reference: g === ref,
      random: { n: r, errors: c.randomPos[g]! },
      model: { n: weighted ? d.flagged[g]! : mRaw, errors: weighted ? d.tp[g]! : c.modelPos[g]! },
      random_share: shares.random,
      model_share: shares.model,
      statistical_parity: est(parity, parityCi, weighted ? bootMethod : ratioMethod(mRaw, Mraw, r, R)),
      base_rate: est(base, rateInterval(c.randomPos[g]!, r, s.z), rateMethod(c.randomPos[g]!, r)),
      precision: est(precision, weighted ? boot(g, 'precision') : rateInterval(c.modelPos[g]!, mRaw, s.z), weighted ? bootMethod : rateMethod(c.modelPos[g]!, mRaw)),
      population: { size: d.size[g]!, flagged: d.flagged[g]!, tp: d.tp[g]!, fp: d.fp[g]!, fn: d.fn[g]!, tn: d.tn[g]! },
      selection_rate: est(selection, boot(g, 'selection'), bootMethod),
      selection_rate_ratio: est(selectionRatio, g === ref ? null : boot(g, 'selection_ratio'), bootMethod),
      false_positive_rate: est(fpr, boot(g, 'fpr'), bootMethod),
      false_positive_rate_ratio: est(fprRatio, g === ref ? null : boot(g, 'fpr_ratio'), bootMethod),
      false_negative_rate: est(fnr, boot(g, 'fnr'), bootMethod),
      false_negative_rate_ratio: est(fnrRatio, g === ref ? null : boot(g, 'fnr_ratio'), bootMethod),
      error_share: d.errorShare[g]!,
      equal_burden: est(burden, burdenCi, weighted ? bootMethod : ratioMethod(mRaw, Mraw, c.randomPos[g]!, ER)),
      flagged_error_share: shares.flaggedErrors,
      agency_test: { step1: step1Reason ? 'fail' : 'pass', step1_reason: step1Reason, step2: step2Reason ? 'fail' : 'pass', step2_reason: step2Reason },
    };
  });
  return { groups, warnings };
}

/** Assembles the results.json section from the per-attribute groups. */
export function buildSelectiveLabels(groups: SelectiveLabelsGroup[], s: SelectiveSettings, randomN: number, modelN: number): SelectiveLabels {
  return {
    method:
      'Sweden method (Lighthouse Reports / Svenska Dagbladet, Nov 2024): group size = random-sample share × population size; flagged = model-selected count; positives = random-sample base rate × size; TP = precision × flagged',
    label_source: s.labelSource,
    population_size: s.populationSize,
    random_n: randomN,
    model_n: modelN,
    weighting: s.weighting,
    bootstrap: { replicates: s.bootstrap.replicates, seed: s.bootstrap.seed, method: 'multinomial counts, stratified by sample; percentile intervals' },
    level: s.level,
    groups,
  };
}
