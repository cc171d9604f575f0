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
export function collectSelectiveCounts(r: SelectiveRows): SelectiveTallied {
  const tally = selectiveTally(r.levels.length);
  for (let j = 0; j < r.rows.length; j++) {
    const i = r.rows[j]!;
    const w = r.weights ? r.weights[i]! : 1;
    const label = r.labels[i]!;
    const pi = r.selectionProbability ? r.selectionProbability[i]! : 1;
    tally.add(r.codes[i]!, w, r.fromSource[i] === 1, r.flagged[i] === 1, label === 255 ? null : label === 1, w / pi, (w * (1 - pi)) / (pi * pi));
  }
  return tally.result(r.attribute, r.levels, r.reference);
}

/** The selective-labels counts of one attribute with the warnings about the rows left out. */
export interface SelectiveTallied {
  readonly counts: SelectiveCounts;
  readonly warnings: Warning[];
  readonly randomN: number;
  readonly modelN: number;
}

/**
 * The tally behind collectSelectiveCounts, shared with the audit's count of cells: `add` takes one row
 * (or one cell of `weight` rows) of group `group`, with its Horvitz–Thompson terms `total` (Σ w/π) and
 * `variance` (Σ w(1 − π)/π²); a row in neither sample, or sampled without a label (`positive` null), is
 * counted for the warnings and left out.
 */
export function selectiveTally(k: number): {
  add(group: number, weight: number, random: boolean, flagged: boolean, positive: boolean | null, total: number, variance: number): void;
  result(attribute: string, levels: readonly string[], reference: string): SelectiveTallied;
} {
  const [randomPos, randomNeg, flaggedPos, flaggedNeg, posTotal, negTotal, posVariance, negVariance, overlap] = Array.from({ length: 9 }, () => new Float64Array(k)) as [
    Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array,
  ];
  let outside = 0;
  let unlabelled = 0;
  let randomN = 0;
  let modelN = 0;
  let both = 0;
  return {
    add(g, w, random, flagged, positive, total, variance) {
      if (!random && !flagged) {
        outside += w;
        return;
      }
      if (positive === null) {
        unlabelled += w;
        return;
      }
      if (random) {
        randomN += w;
        (positive ? randomPos : randomNeg)[g]! += w;
      }
      if (flagged) {
        modelN += w;
        (positive ? flaggedPos : flaggedNeg)[g]! += w;
        (positive ? posTotal : negTotal)[g]! += total;
        (positive ? posVariance : negVariance)[g]! += variance;
        if (random) {
          overlap[g]! += w;
          both += w;
        }
      }
    },
    result(attribute, levels, reference) {
      const warnings: Warning[] = [];
      if (outside > 0) warnings.push({ code: 'selective-labels-outside', message: `${attribute}: ${outside} row(s) neither in the random sample nor flagged are left out of the selective-labels analysis` });
      if (unlabelled > 0) warnings.push({ code: 'selective-labels-unlabelled', message: `${attribute}: ${unlabelled} sampled row(s) without a label are left out of the selective-labels analysis` });
      if (both > 0) warnings.push({ code: 'selective-labels-overlap', message: `${attribute}: ${both} row(s) are both in the random sample and flagged; each counts in both samples` });
      return {
        counts: {
          attribute,
          groups: levels,
          reference,
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
    },
  };
}
