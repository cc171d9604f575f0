import type { SelectiveCounts } from '../metrics/index.js';
import type { Warning } from '../results/index.js';

/** The rows of one attribute, as the audit holds them. */
export interface SelectiveRows {
  readonly attribute: string;
  readonly levels: readonly string[];
  readonly reference: string;
  readonly codes: Int32Array;
  /** Row indices of this attribute (all rows in wide format). */
  readonly rows: ArrayLike<number>;
  readonly flagged: Uint8Array;
  readonly labels: Uint8Array;
  readonly weights: Float64Array | null;
  readonly fromSource: Uint8Array;
  /**
   * Probability π that a flagged case is in the file (investigated), where only some flagged cases
   * were; null when every flagged case is. For a flagged row also drawn at random, give the
   * probability that it would be in the file either way, 1 − (1 − π_model)(1 − R/N).
   */
  readonly selectionProbability: Float64Array | null;
}

/**
 * Per-group counts of the two samples, split by label. A row belongs to the random audit when it is
 * from the label source, and to the flagged cases when it is flagged; a row that is both counts in
 * both, since the random audit is a sample of the whole population, flagged cases included, and the
 * flagged count must include every flagged case. Flagged rows also carry Horvitz–Thompson sums Σ 1/π
 * and Σ (1 − π)/π² where selection probabilities π are known (π = 1 otherwise). Rows in neither
 * sample, and sampled rows without a label, are counted in a warning and left out.
 */
export function collectSelectiveCounts(r: SelectiveRows): { counts: SelectiveCounts; warnings: Warning[]; randomN: number; modelN: number } {
  const k = r.levels.length;
  const [randomPos, randomNeg, flaggedPos, flaggedNeg, posTotal, negTotal, posVariance, negVariance, overlap] = Array.from({ length: 9 }, () => new Float64Array(k)) as [
    Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
  ];
  let outside = 0;
  let unlabelled = 0;
  let randomN = 0;
  let modelN = 0;
  let both = 0;
  for (let j = 0; j < r.rows.length; j++) {
    const i = r.rows[j]!;
    const g = r.codes[i]!;
    const w = r.weights ? r.weights[i]! : 1;
    const label = r.labels[i]!;
    const random = r.fromSource[i] === 1;
    const flagged = r.flagged[i] === 1;
    if (!random && !flagged) {
      outside += w;
      continue;
    }
    if (label === 255) {
      unlabelled += w;
      continue;
    }
    const pos = label === 1;
    if (random) {
      randomN += w;
      (pos ? randomPos : randomNeg)[g]! += w;
    }
    if (flagged) {
      modelN += w;
      const pi = r.selectionProbability ? r.selectionProbability[i]! : 1;
      (pos ? flaggedPos : flaggedNeg)[g]! += w;
      (pos ? posTotal : negTotal)[g]! += w / pi;
      (pos ? posVariance : negVariance)[g]! += (w * (1 - pi)) / (pi * pi);
      if (random) {
        overlap[g]! += w;
        both += w;
      }
    }
  }
  const warnings: Warning[] = [];
  if (outside > 0) warnings.push({ code: 'selective-labels-outside', message: `${r.attribute}: ${outside} row(s) neither in the random sample nor flagged are left out of the selective-labels analysis` });
  if (unlabelled > 0) warnings.push({ code: 'selective-labels-unlabelled', message: `${r.attribute}: ${unlabelled} sampled row(s) without a label are left out of the selective-labels analysis` });
  if (both > 0) warnings.push({ code: 'selective-labels-overlap', message: `${r.attribute}: ${both} row(s) are both in the random sample and flagged; each counts in both samples` });
  return {
    counts: {
      attribute: r.attribute,
      groups: r.levels,
      reference: r.reference,
      randomPos,
      randomNeg,
      flaggedPos,
      flaggedNeg,
      flaggedPosTotal: posTotal,
      flaggedNegTotal: negTotal,
      flaggedPosVariance: posVariance,
      flaggedNegVariance: negVariance,
      overlap,
    },
    warnings,
    randomN,
    modelN,
  };
}
