import type { GroupCounts } from '../accumulate/index.js';
import type { IntervalMethod } from '../stats/index.js';
import {
  generalizedEntropy,
  groupAuc,
  ksDistance,
  observedExpected,
  theilIndex,
  topDecileOverrepresentation,
  wassersteinDistance,
  type StatisticContext,
  type StatisticValue,
} from './score-statistics.js';

/**
 * The metric registry as data. A base metric is either a proportion x/m of a group's confusion
 * counts (`kind: 'rate'`) or a mean of a per-row quantity held as sufficient statistics
 * (`kind: 'mean'`). The `_ratio` and `_difference` variants against the reference group are
 * generated from this table, never written by hand. The adverse outcome is always "flagged".
 */
interface MetricBase {
  readonly id: string;
  readonly label: string;
  /** Plain-language meaning, used in reports. */
  readonly meaning: string;
  readonly needsLabels: boolean;
  /** Which direction of the value is worse for the group (more burden). */
  readonly worse: 'higher' | 'lower';
}

export interface RateMetric extends MetricBase {
  readonly kind: 'rate';
  readonly numerator: (g: GroupCounts) => number;
  readonly denominator: (g: GroupCounts) => number;
}

export interface MeanMetric extends MetricBase {
  readonly kind: 'mean';
  readonly needsScores: true;
  /** Count, sum and sum of squares of the averaged quantity. */
  readonly moments: (g: GroupCounts) => { n: number; sum: number; sumSq: number };
}

/**
 * A statistic computed from the group's counts or score histogram (distances between score
 * distributions, AUC, calibration, top-decile share, inequality indices), with an interval from one
 * named procedure. Only the variants listed are generated.
 */
export interface StatisticMetric extends MetricBase {
  readonly kind: 'statistic';
  /** Needs scores (a score histogram). */
  readonly needsScores: boolean;
  /** Needs scores that are probabilities (all in [0, 1]). */
  readonly needsProbabilities: boolean;
  /** What the value compares the group with: the reference group (absent on the reference itself), all rows, or nothing. */
  readonly against: 'reference' | 'population' | null;
  /** Interval method, named in each MetricValue (a statistic may name another per value, e.g. by cell size). */
  readonly method: IntervalMethod;
  /** Generated variants: `_difference` = group − reference, Wald interval from the two standard errors (independent groups). */
  readonly variants: readonly 'difference'[];
  readonly compute: (ctx: StatisticContext) => StatisticValue;
}

/**
 * A group's share of something counted over every group of its attribute (the flagged, the rows),
 * x / Σx, Wilson interval. With `against`, the `_ratio` and `_difference` variants compare it with
 * that other share of the same group (over-representation: share of the flagged ÷ share of the rows),
 * not with a reference group; see share-interval.ts for their interval.
 */
export interface ShareMetric extends MetricBase {
  readonly kind: 'share';
  readonly count: (g: Pick<GroupCounts, 'flagged' | 'n'>) => number;
  /** The id of the share this one is compared with; null: no variants. */
  readonly against: string | null;
}

export type Metric = RateMetric | MeanMetric | StatisticMetric | ShareMetric;

const rate = (m: Omit<RateMetric, 'kind'>): RateMetric => ({ kind: 'rate', ...m });

export const RATE_METRICS: readonly RateMetric[] = [
  rate({ id: 'selection_rate', label: 'Selection rate', meaning: 'share flagged for investigation', numerator: (g) => g.flagged, denominator: (g) => g.n, needsLabels: false, worse: 'higher' }),
  rate({ id: 'true_positive_rate', label: 'True positive rate', meaning: 'share of actual fraud/error cases that are flagged', numerator: (g) => g.tp, denominator: (g) => g.tp + g.fn, needsLabels: true, worse: 'higher' }),
  rate({ id: 'false_positive_rate', label: 'False positive rate', meaning: 'share of innocent households that are flagged', numerator: (g) => g.fp, denominator: (g) => g.fp + g.tn, needsLabels: true, worse: 'higher' }),
  rate({ id: 'false_negative_rate', label: 'False negative rate', meaning: 'share of actual fraud/error cases not flagged', numerator: (g) => g.fn, denominator: (g) => g.tp + g.fn, needsLabels: true, worse: 'lower' }),
  rate({ id: 'precision', label: 'Precision', meaning: 'share of flagged households where fraud/error is found', numerator: (g) => g.tp, denominator: (g) => g.tp + g.fp, needsLabels: true, worse: 'lower' }),
  rate({ id: 'false_discovery_rate', label: 'False discovery rate', meaning: 'share of flagged households that are innocent', numerator: (g) => g.fp, denominator: (g) => g.tp + g.fp, needsLabels: true, worse: 'higher' }),
  rate({ id: 'false_omission_rate', label: 'False omission rate', meaning: 'share of households not flagged that are fraud/error cases', numerator: (g) => g.fn, denominator: (g) => g.fn + g.tn, needsLabels: true, worse: 'lower' }),
  // Aequitas's "FP/GS" (Saleiro et al. 2018, the punitive branch of the fairness tree): innocent
  // households flagged, per member of the group (labelled rows; all rows when every row has a label).
  rate({ id: 'false_positives_per_group_size', label: 'False positives per group size', meaning: 'innocent households flagged, as a share of the whole group', numerator: (g) => g.fp, denominator: (g) => g.labelled, needsLabels: true, worse: 'higher' }),
];

export const MEAN_METRICS: readonly MeanMetric[] = [
  { kind: 'mean', id: 'mean_score', label: 'Mean score', meaning: 'average risk score', needsLabels: false, needsScores: true, worse: 'higher', moments: (g) => ({ n: g.scoreCount, sum: g.scoreSum, sumSq: g.scoreSumSq }) },
];

const statistic = (m: Omit<StatisticMetric, 'kind' | 'variants' | 'needsProbabilities'> & Partial<Pick<StatisticMetric, 'variants' | 'needsProbabilities'>>): StatisticMetric => ({
  kind: 'statistic',
  variants: [],
  needsProbabilities: false,
  ...m,
});

export const STATISTIC_METRICS: readonly StatisticMetric[] = [
  statistic({ id: 'ks_distance', label: 'KS distance', meaning: 'largest gap between the score distributions of the group and the reference (Kolmogorov–Smirnov)', needsLabels: false, needsScores: true, against: 'reference', worse: 'higher', method: 'dkw-band', compute: ksDistance }),
  statistic({ id: 'wasserstein_distance', label: 'Wasserstein distance', meaning: 'average score shift needed to turn the reference\'s score distribution into the group\'s (earth mover\'s, in score units)', needsLabels: false, needsScores: true, against: 'reference', worse: 'higher', method: 'dkw-band', compute: wassersteinDistance }),
  statistic({ id: 'auc', label: 'AUC', meaning: 'chance that a fraud/error case in the group scores above an innocent one', needsLabels: true, needsScores: true, against: null, worse: 'lower', method: 'delong-logit', variants: ['difference'], compute: groupAuc }),
  statistic({ id: 'observed_expected_ratio', label: 'Observed ÷ expected', meaning: 'fraud/error found ÷ what the scores predict (calibration in the large; below 1 the score overstates the group\'s risk)', needsLabels: true, needsScores: true, needsProbabilities: true, against: null, worse: 'lower', method: 'byar-poisson', compute: observedExpected }),
  statistic({ id: 'top_decile_overrepresentation', label: 'Top-decile over-representation', meaning: 'share of the group among the 10 % highest scores ÷ its share of all rows (Lighthouse Reports)', needsLabels: false, needsScores: true, against: 'population', worse: 'higher', method: 'wilson', compute: topDecileOverrepresentation }),
  statistic({ id: 'generalized_entropy_index', label: 'Generalised entropy GE(2)', meaning: 'inequality of benefits within the group (Speicher et al. 2018: flagged innocent 0, correct 1, fraud missed 2)', needsLabels: true, needsScores: false, against: null, worse: 'higher', method: 'delta-multinomial', compute: generalizedEntropy }),
  statistic({ id: 'theil_index', label: 'Theil index', meaning: 'inequality of benefits within the group, GE(1) (Speicher et al. 2018)', needsLabels: true, needsScores: false, against: null, worse: 'higher', method: 'delta-multinomial', compute: theilIndex }),
];

// Le Monde's measure for CAF ("36 % of home controls, 16 % of households"): it needs no reference
// group, so it stays meaningful when the reference is almost never flagged.
export const SHARE_METRICS: readonly ShareMetric[] = [
  { kind: 'share', id: 'population_share', label: 'Share of the population', meaning: 'share of all rows that are in the group', count: (g) => g.n, against: null, needsLabels: false, worse: 'higher' },
  { kind: 'share', id: 'flagged_share', label: 'Share of the flagged', meaning: 'share of everyone flagged that is in the group; its ratio and difference compare it with the group\'s share of the population (over-representation)', count: (g) => g.flagged, against: 'population_share', needsLabels: false, worse: 'higher' },
];

export const METRICS: readonly Metric[] = [...RATE_METRICS, ...MEAN_METRICS, ...STATISTIC_METRICS, ...SHARE_METRICS];

export type MetricVariant = 'rate' | 'ratio' | 'difference';

export interface ResolvedMetricId {
  readonly id: string;
  readonly base: Metric;
  readonly variant: MetricVariant;
}

const BY_ID = new Map<string, ResolvedMetricId>();
for (const base of METRICS) {
  BY_ID.set(base.id, { id: base.id, base, variant: 'rate' });
  if (base.kind === 'share') {
    if (base.against === null) continue;
    BY_ID.set(`${base.id}_ratio`, { id: `${base.id}_ratio`, base, variant: 'ratio' });
    BY_ID.set(`${base.id}_difference`, { id: `${base.id}_difference`, base, variant: 'difference' });
    continue;
  }
  if (base.kind === 'statistic') {
    for (const v of base.variants) BY_ID.set(`${base.id}_${v}`, { id: `${base.id}_${v}`, base, variant: v });
    continue;
  }
  BY_ID.set(`${base.id}_ratio`, { id: `${base.id}_ratio`, base, variant: 'ratio' });
  BY_ID.set(`${base.id}_difference`, { id: `${base.id}_difference`, base, variant: 'difference' });
}

/** Every metric id the registry knows, rates first then their generated variants. */
export const METRIC_IDS: readonly string[] = [...BY_ID.keys()];

/** Looks a metric id up; undefined for an unknown id. */
export function resolveMetricId(id: string): ResolvedMetricId | undefined {
  return BY_ID.get(id);
}
