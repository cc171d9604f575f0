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
  readonly selectionProbability: Float64Array | null;
}

/**
 * Per-group counts of the two samples: random-audit rows (the label source) and model-selected rows
 * (flagged, not from the label source), split by label. Model rows carry inverse-probability weights
 * 1/π where selection probabilities are known. Rows in neither sample, and sampled rows without a
 * label, are counted in a warning and left out.
 */
export function collectSelectiveCounts(r: SelectiveRows): { counts: SelectiveCounts; warnings: Warning[]; randomN: number; modelN: number } {
  const k = r.levels.length;
  const [randomPos, randomNeg, modelPos, modelNeg, posW, negW] = Array.from({ length: 6 }, () => new Float64Array(k));
  let outside = 0;
  let unlabelled = 0;
  let randomN = 0;
  let modelN = 0;
  for (let j = 0; j < r.rows.length; j++) {
    const i = r.rows[j]!;
    const g = r.codes[i]!;
    const w = r.weights ? r.weights[i]! : 1;
    const label = r.labels[i]!;
    const random = r.fromSource[i] === 1;
    if (!random && r.flagged[i] !== 1) {
      outside += w;
      continue;
    }
    if (label === 255) {
      unlabelled += w;
      continue;
    }
    if (random) {
      randomN += w;
      (label === 1 ? randomPos! : randomNeg!)[g]! += w;
    } else {
      modelN += w;
      const inv = r.selectionProbability ? 1 / r.selectionProbability[i]! : 1;
      (label === 1 ? modelPos! : modelNeg!)[g]! += w;
      (label === 1 ? posW! : negW!)[g]! += w * inv;
    }
  }
  const meanWeight = (total: Float64Array, count: Float64Array) => Float64Array.from(total, (t, g) => (count[g]! > 0 ? t / count[g]! : 1));
  const warnings: Warning[] = [];
  if (outside > 0) warnings.push({ code: 'selective-labels-outside', message: `${r.attribute}: ${outside} row(s) neither in the random sample nor model-selected are left out of the selective-labels analysis` });
  if (unlabelled > 0) warnings.push({ code: 'selective-labels-unlabelled', message: `${r.attribute}: ${unlabelled} sampled row(s) without a label are left out of the selective-labels analysis` });
  return {
    counts: {
      attribute: r.attribute,
      groups: r.levels,
      reference: r.reference,
      randomPos: randomPos!,
      randomNeg: randomNeg!,
      modelPos: modelPos!,
      modelNeg: modelNeg!,
      modelPosWeight: meanWeight(posW!, modelPos!),
      modelNegWeight: meanWeight(negW!, modelNeg!),
    },
    warnings,
    randomN,
    modelN,
  };
}
