import type { CellCounts } from './cell-counts.js';
import { combinationCodes, HISTOGRAM_SLOT_COUNT, SLOTS, SLOT_COUNT } from './cell-counts.js';

/** Confusion counts of one group (a level of one attribute, or a combination of several). */
export interface GroupCounts {
  /** Attribute names joined by "×". */
  readonly attribute: string;
  /** Level names joined by "×". */
  readonly group: string;
  n: number;
  flagged: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** Rows with a known label. */
  labelled: number;
  scoreSum: number;
  scoreSumSq: number;
  scoreCount: number;
  /** The group's score histogram: bins × HISTOGRAM_SLOT_COUNT (label 1, label 0, unknown); null without one. */
  histogram: Float64Array | null;
}

export const INTERSECTION_SEPARATOR = '×';

/**
 * Sums the cells over every attribute not in `subset` to give per-group counts for the
 * combination of the attributes in `subset` (indices into cells.attributes).
 * Groups come out in level order (first attribute slowest); empty combinations are kept with n = 0.
 *
 * @example computeGroupStats(cells, [0]) // one GroupCounts per level of the first attribute
 */
export function computeGroupStats(cells: CellCounts, subset: readonly number[]): GroupCounts[] {
  const attrs = subset.map((i) => cells.attributes[i]!);
  const attribute = attrs.map((a) => a.name).join(INTERSECTION_SEPARATOR);
  const groupCount = attrs.reduce((acc, a) => acc * a.levels.length, 1);
  const groups: GroupCounts[] = [];
  for (let g = 0; g < groupCount; g++) {
    let rest = g;
    const names = new Array<string>(attrs.length);
    for (let a = attrs.length - 1; a >= 0; a--) {
      const size = attrs[a]!.levels.length;
      names[a] = attrs[a]!.levels[rest % size]!;
      rest = Math.floor(rest / size);
    }
    groups.push({
      attribute,
      group: names.join(INTERSECTION_SEPARATOR),
      n: 0, flagged: 0, tp: 0, fp: 0, tn: 0, fn: 0, labelled: 0, scoreSum: 0, scoreSumSq: 0, scoreCount: 0,
      histogram: cells.histogram ? new Float64Array(cells.binning!.bins * HISTOGRAM_SLOT_COUNT) : null,
    });
  }
  for (let c = 0; c < cells.combinations; c++) {
    const base = c * SLOT_COUNT;
    let total = 0;
    for (let s = 0; s < SLOT_COUNT; s++) total += cells.counts[base + s]!;
    if (total === 0 && cells.scoreCount[c] === 0) continue;
    const codes = combinationCodes(cells, c);
    let g = 0;
    for (let a = 0; a < subset.length; a++) g = g * attrs[a]!.levels.length + codes[subset[a]!]!;
    const target = groups[g]!;
    const tp = cells.counts[base + SLOTS.flaggedPositive]!;
    const fp = cells.counts[base + SLOTS.flaggedNegative]!;
    const fn = cells.counts[base + SLOTS.clearedPositive]!;
    const tn = cells.counts[base + SLOTS.clearedNegative]!;
    target.n += total;
    target.flagged += tp + fp + cells.counts[base + SLOTS.flaggedUnlabelled]!;
    target.tp += tp;
    target.fp += fp;
    target.fn += fn;
    target.tn += tn;
    target.labelled += tp + fp + fn + tn;
    target.scoreSum += cells.scoreSum[c]!;
    target.scoreSumSq += cells.scoreSumSq[c]!;
    target.scoreCount += cells.scoreCount[c]!;
    if (target.histogram && cells.histogram) {
      const width = target.histogram.length;
      const from = c * width;
      for (let j = 0; j < width; j++) target.histogram[j]! += cells.histogram[from + j]!;
    }
  }
  return groups;
}

/**
 * For each attribute combination, the index of its group among those of `subset` (as ordered by
 * {@link computeGroupStats}).
 *
 * @example groupIndexOf(cells, [1]) // Int32Array: combination → level of the second attribute
 */
export function groupIndexOf(cells: CellCounts, subset: readonly number[]): Int32Array {
  const out = new Int32Array(cells.combinations);
  for (let c = 0; c < cells.combinations; c++) {
    const codes = combinationCodes(cells, c);
    let g = 0;
    for (const a of subset) g = g * cells.attributes[a]!.levels.length + codes[a]!;
    out[c] = g;
  }
  return out;
}
