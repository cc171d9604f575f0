import { mapInto, type Table } from '../../datasets/table/index.js';
import type { ProxyStrength, Warning } from '../results/index.js';
import { aucInterval, binnedAuc, bootstrapCounts, cramersV, multinomialDeltaSe, percentileInterval, type BinnedAuc } from '../stats/index.js';
import { fitLogistic, linearPredictor } from './fit-logistic.js';
import { inputBins, type ProxyPlan } from './proxy-plan.js';
import { binInput, proxyTableLayout } from './proxy-tables.js';

/** One protected attribute: its levels, its reference group and, per attribute combination of the run, its level. */
export interface ProxyAttribute {
  readonly name: string;
  readonly levels: readonly string[];
  /** One-vs-rest AUCs are computed for every other level. */
  readonly reference: string;
  readonly levelOf: Int32Array;
}

export interface ProxySettings {
  readonly alpha: number;
  readonly z: number;
  /** Resampling of the Cramér's V intervals (seeded, counter-based). */
  readonly bootstrap: { readonly replicates: number; readonly seed: number };
}

/** Fixed samples of the population for the joint model: one to fit, one to test, and which rows they are. */
export interface ProxySamples {
  readonly train: Table;
  readonly test: Table;
  /** The rows of each sample, for the method text, e.g. "rows 0–3999". */
  readonly rows: { readonly train: string; readonly test: string };
}

export const JOINT_INPUT = 'all inputs';

const round = (x: number | null) => (x === null || !Number.isFinite(x) ? null : +x.toPrecision(12));

/** Input bins × attribute levels, summed from an input's bins × combinations table. */
function marginal(tables: Float64Array, offset: number, bins: number, combinations: number, attr: ProxyAttribute): Float64Array {
  const k = attr.levels.length;
  const out = new Float64Array(bins * k);
  for (let b = 0; b < bins; b++) {
    for (let c = 0; c < combinations; c++) out[b * k + attr.levelOf[c]!]! += tables[offset + b * combinations + c]!;
  }
  return out;
}

/**
 * Interval for Cramér's V: the delta method over the multinomial table where V is clearly above 0
 * (V is smooth in the cell shares there), otherwise the percentile interval of a multinomial
 * bootstrap of the table (V near 0 is a boundary where the delta method fails).
 */
function cramersVInterval(table: Float64Array, bins: number, k: number, v: number, settings: ProxySettings, stream: string): { ci: { lo: number; hi: number } | null; method: string } {
  if (!Number.isFinite(v)) return { ci: null, method: 'no interval' };
  const se = v > 0 ? multinomialDeltaSe((x) => cramersV(x, bins, k), table) : NaN;
  if (Number.isFinite(se) && v - 2 * settings.z * se > 0) {
    return { ci: { lo: v - settings.z * se, hi: Math.min(1, v + settings.z * se) }, method: 'delta-multinomial' };
  }
  const reps = bootstrapCounts(table, null, { ...settings.bootstrap, stream }, 1, (x, out) => {
    out[0] = cramersV(x, bins, k);
  });
  return { ci: percentileInterval(reps[0]!, 1 - settings.alpha), method: `bootstrap-percentile (${settings.bootstrap.replicates} multinomial replicates of the table; V near 0)` };
}

/** AUC of predicting `level` from the input's bin alone, bins ordered by their share of the level (the best one-feature ordering). */
function oneFeatureAuc(table: Float64Array, bins: number, k: number, level: number): BinnedAuc | null {
  const rows = Array.from({ length: bins }, (_, b) => {
    let total = 0;
    for (let j = 0; j < k; j++) total += table[b * k + j]!;
    const pos = table[b * k + level]!;
    return { pos, neg: total - pos, share: total > 0 ? pos / total : 0, b };
  }).filter((r) => r.pos + r.neg > 0);
  rows.sort((x, y) => x.share - y.share || x.b - y.b);
  return binnedAuc(rows.map((r) => r.pos), rows.map((r) => r.neg));
}

/** AUC of a linear predictor on test rows, with rows of equal prediction tied. */
function predictionAuc(eta: Float64Array, y: Uint8Array): BinnedAuc | null {
  const order = Int32Array.from(eta.keys()).sort((i, j) => eta[i]! - eta[j]! || i - j);
  const pos: number[] = [];
  const neg: number[] = [];
  let last = NaN;
  for (const i of order) {
    if (eta[i] !== last) {
      pos.push(0);
      neg.push(0);
      last = eta[i]!;
    }
    if (y[i] === 1) pos[pos.length - 1]! += 1;
    else neg[neg.length - 1]! += 1;
  }
  return binnedAuc(pos, neg);
}

/**
 * One-hot feature indices of each row, one per input (feature 0 is the intercept). The first bin of
 * every input is its baseline, coded −1 (no feature), so no one-hot block is collinear with the intercept.
 */
function encode(plan: ProxyPlan, table: Table): { active: Int32Array; features: number } {
  const per = plan.inputs.length;
  const active = new Int32Array(table.n * per);
  let offset = 1;
  plan.inputs.forEach((input, j) => {
    const bins = binInput(input, table);
    for (let i = 0; i < table.n; i++) active[i * per + j] = bins[i]! === 0 ? -1 : offset + bins[i]! - 1;
    offset += inputBins(input) - 1;
  });
  return { active, features: offset };
}

function attributeCodes(table: Table, attr: ProxyAttribute): Int32Array {
  const column = table.columns.get(attr.name);
  if (!column || column.kind !== 'categorical') return new Int32Array(table.n).fill(-1);
  const map = column.levels.map((l) => attr.levels.indexOf(l));
  return mapInto(new Int32Array(column.codes.length), column.codes, (c) => (c < 0 ? -1 : map[c]!));
}

/**
 * Proxy strength of every model input for every protected attribute, and of all inputs together.
 *
 * - `cramers_v`: bias-corrected Cramér's V of input bins × attribute levels over the population
 *   (exact counts from every chunk; a systematic sample by row index beyond 250,000 rows); delta-method
 *   interval, or a multinomial bootstrap of the table when V is near 0.
 * - `auc` (one input): AUC of telling one level of the attribute from the rest by the input alone,
 *   bins ordered by their share of that level (the best any one-feature rule can do); the level it
 *   best reveals is reported in `group`. DeLong interval on the logit scale.
 * - `auc` (input "all inputs"): per level other than the reference, a one-vs-rest logistic regression on every input's bins
 *   (one-hot; fitted by IRLS with a ridge of 10⁻³ on one fixed sample), tested on another;
 *   DeLong interval on the logit scale.
 *
 * @example computeProxies(plan, tables, attributes, samples, { alpha: 0.05, z: 1.96, bootstrap: { replicates: 1000, seed: 1 } })
 */
export function computeProxies(
  plan: ProxyPlan,
  tables: Float64Array,
  attributes: readonly ProxyAttribute[],
  samples: ProxySamples | null,
  settings: ProxySettings,
): { proxies: ProxyStrength[]; warnings: Warning[] } {
  const { offsets } = proxyTableLayout(plan);
  const proxies: ProxyStrength[] = [];
  const warnings: Warning[] = [];
  const ci = (i: { lo: number; hi: number } | null): [number, number] | null => (i ? [round(i.lo)!, round(i.hi)!] : null);
  // The joint model's design matrices, shared by every attribute.
  const encoded = samples ? { train: encode(plan, samples.train), test: encode(plan, samples.test) } : null;
  for (const attr of attributes) {
    const k = attr.levels.length;
    const targets = attr.levels.map((_, i) => i).filter((i) => attr.levels[i] !== attr.reference);
    plan.inputs.forEach((input, j) => {
      const bins = inputBins(input);
      const table = marginal(tables, offsets[j]!, bins, plan.combinations, attr);
      const n = table.reduce((a, b) => a + b, 0);
      const v = cramersV(table, bins, k);
      const interval = cramersVInterval(table, bins, k, v, settings, `proxies:${input.name}:${attr.name}`);
      proxies.push({
        attribute: attr.name,
        input: input.name,
        statistic: 'cramers_v',
        value: round(v),
        ci: ci(interval.ci),
        method: `bias-corrected (Bergsma 2013) over ${input.kind === 'numeric' ? 'deciles of a fixed sample' : 'levels'} (+ missing); ${interval.method}`,
        n,
      });
      let best: { level: number; auc: BinnedAuc } | null = null;
      for (const level of targets) {
        const a = oneFeatureAuc(table, bins, k, level);
        if (a && (!best || a.auc > best.auc.auc)) best = { level, auc: a };
      }
      proxies.push({
        attribute: attr.name,
        input: input.name,
        statistic: 'auc',
        group: best ? attr.levels[best.level]! : null,
        value: best ? round(best.auc.auc) : null,
        ci: best ? ci(aucInterval(best.auc, settings.z)) : null,
        method: 'one-feature AUC, bins ordered by their share of the level (in-sample); level shown is the non-reference level the input best reveals (one vs rest); delong-logit',
        n,
      });
    });
    if (!samples || !encoded || plan.inputs.length === 0) continue;
    const { train, test } = encoded;
    const trainCodes = attributeCodes(samples.train, attr);
    const testCodes = attributeCodes(samples.test, attr);
    for (const level of targets) {
      const y = mapInto(new Uint8Array(trainCodes.length), trainCodes, (c) => (c === level ? 1 : 0));
      const yTest = mapInto(new Uint8Array(testCodes.length), testCodes, (c) => (c === level ? 1 : 0));
      const fit = fitLogistic(train.active, plan.inputs.length, y, train.features);
      if (!fit.converged) warnings.push({ code: 'proxy-model-not-converged', message: `proxies: the logistic model of ${attr.name}=${attr.levels[level]} on all inputs did not converge in ${fit.iterations} iterations` });
      const eta = Float64Array.from({ length: samples.test.n }, (_, i) => linearPredictor(fit.coefficients, test.active, plan.inputs.length, i));
      const a = predictionAuc(eta, yTest);
      proxies.push({
        attribute: attr.name,
        input: JOINT_INPUT,
        statistic: 'auc',
        group: attr.levels[level]!,
        value: a ? round(a.auc) : null,
        ci: a ? ci(aucInterval(a, settings.z)) : null,
        method: `logistic regression (IRLS, ridge 1e-3) of ${attr.levels[level]} vs rest on the one-hot bins of ${plan.inputs.length} inputs, fitted on ${samples.rows.train}, AUC on ${samples.rows.test}; delong-logit`,
        n: samples.test.n,
      });
    }
  }
  return { proxies, warnings };
}
