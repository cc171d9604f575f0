/**
 * The figures Lighthouse Reports and Svenska Dagbladet published for Försäkringskassan's VAB model
 * (2017 investigations), per attribute and group, as printed in the outputs of their notebooks in
 * github.com/Lighthouse-Reports/suspicion_machines_sweden (Nov 2024). A declarative table: pack.ts
 * turns each value into a published-vs-reproduced figure with its tolerance and source.
 *
 * Lighthouse's group names → ours: Gender M / K → man / woman; Income Level "<Median Income" /
 * ">Median Income" (income ≥ the median 290,000 SEK) → below_median / at_or_above_median; Education
 * Level Low / High (≤ 3 = no university degree) → low / high; Foreign Background 0 / 1 → swedish / foreign.
 */
export interface PublishedGroup {
  readonly attribute: string;
  readonly group: string;
  /** How Lighthouse names the group. */
  readonly lighthouse: string;
  /** Share of the random sample (step 1 table, percentage with 2 decimals). */
  readonly random_share: number;
  /** Share of the model-selected cases (step 1 table, percentage with 2 decimals). */
  readonly model_share: number;
  /** Model share ÷ random share (step 1 "over_under_representation", 2 decimals). */
  readonly step1_ratio: number;
  readonly step1: 'pass' | 'fail';
  /** Share of the model-selected cases with errors (step 2 table, percentage with 2 decimals). */
  readonly flagged_error_share: number;
  readonly step2: 'pass' | 'fail';
  /** Errors found in the random sample (2 decimals). */
  readonly base_rate: number;
  /** Precision among model-selected cases: mean of Lighthouse's bootstrap, 4 decimals. */
  readonly precision: number;
  /** Inferred population FPR and FNR: means of Lighthouse's bootstrap, 4 decimals. */
  readonly fpr: number;
  readonly fnr: number;
  /** Share of the errors found in the random sample (equal burden table, percentage with 2 decimals). */
  readonly error_share: number;
  /** Inferred population confusion matrix ÷ group size, TP and FP cells, as printed (full precision). */
  readonly tp: number;
  readonly fp: number;
}

export const LIGHTHOUSE = 'Lighthouse Reports & Svenska Dagbladet, "Sweden\'s Suspicion Machine" (Nov 2024), github.com/Lighthouse-Reports/suspicion_machines_sweden';

export const PUBLISHED_GROUPS: readonly PublishedGroup[] = [
  { attribute: 'gender', group: 'man', lighthouse: 'Gender M', random_share: 0.4394, model_share: 0.3249, step1_ratio: 0.74, step1: 'pass', flagged_error_share: 0.3431, step2: 'pass', base_rate: 0.3, precision: 0.5202, fpr: 0.0026, fnr: 0.9933, error_share: 0.4452, tp: 0.0019996927131104418, fp: 0.0018437213373497902 },
  { attribute: 'gender', group: 'woman', lighthouse: 'Gender K', random_share: 0.5606, model_share: 0.6751, step1_ratio: 1.2, step1: 'pass', flagged_error_share: 0.6569, step2: 'pass', base_rate: 0.29, precision: 0.4795, fpr: 0.0046, fnr: 0.9897, error_share: 0.5548, tp: 0.0030009322044720274, fp: 0.003258154964855344 },
  { attribute: 'income', group: 'below_median', lighthouse: 'Income Level <Median Income', random_share: 0.2569, model_share: 0.5083, step1_ratio: 1.98, step1: 'pass', flagged_error_share: 0.5296, step2: 'pass', base_rate: 0.36, precision: 0.5133, fpr: 0.0079, fnr: 0.9854, error_share: 0.3161, tp: 0.005278620393149736, fp: 0.0050039410514247495 },
  { attribute: 'income', group: 'at_or_above_median', lighthouse: 'Income Level >Median Income', random_share: 0.7431, model_share: 0.4917, step1_ratio: 0.66, step1: 'pass', flagged_error_share: 0.4704, step2: 'pass', base_rate: 0.27, precision: 0.4715, fpr: 0.0025, fnr: 0.994, error_share: 0.6839, tp: 0.0016214125558995055, fp: 0.0018182393772013979 },
  { attribute: 'education', group: 'low', lighthouse: 'Education Level Low Education', random_share: 0.5272, model_share: 0.7857, step1_ratio: 1.49, step1: 'pass', flagged_error_share: 0.8123, step2: 'pass', base_rate: 0.35, precision: 0.5094, fpr: 0.0058, fnr: 0.9886, error_share: 0.6194, tp: 0.0039458445445886255, fp: 0.0038003488017940594 },
  { attribute: 'education', group: 'high', lighthouse: 'Education Level High Education', random_share: 0.4728, model_share: 0.2143, step1_ratio: 0.45, step1: 'fail', flagged_error_share: 0.1877, step2: 'pass', base_rate: 0.24, precision: 0.4318, fpr: 0.0018, fnr: 0.9957, error_share: 0.3806, tp: 0.001016765819361817, fp: 0.0013391022174148188 },
  { attribute: 'foreign_background', group: 'swedish', lighthouse: 'Foreign Background 0', random_share: 0.7631, model_share: 0.5687, step1_ratio: 0.75, step1: 'pass', flagged_error_share: 0.5244, step2: 'pass', base_rate: 0.28, precision: 0.4542, fpr: 0.0029, fnr: 0.9936, error_share: 0.7161, tp: 0.0017597304516462793, fp: 0.0021135528729978544 },
  { attribute: 'foreign_background', group: 'foreign', lighthouse: 'Foreign Background 1', random_share: 0.2369, model_share: 0.4313, step1_ratio: 1.82, step1: 'pass', flagged_error_share: 0.4756, step2: 'pass', base_rate: 0.35, precision: 0.5433, fpr: 0.0067, fnr: 0.9853, error_share: 0.2839, tp: 0.0051426646861722335, fp: 0.0043222563819130195 },
];

/** Whole-sample figures: case counts (README) and the errors-found crosstab (6 decimals). */
export const PUBLISHED_OVERALL = {
  investigated: 6129,
  random: 1047,
  model: 5082,
  base_rate: 0.296084,
  precision: 0.492719,
} as const;
