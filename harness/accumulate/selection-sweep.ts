import type { CombinationBatch } from './accumulate-combinations.js';
import { HISTOGRAM_SLOT_COUNT, UNLABELLED, type CellCounts } from './cell-counts.js';
import { binsPerUnit } from './score-binning.js';

/**
 * Who would be selected at each fraction of a grid: per fraction, the weight of rows selected in
 * every attribute combination, split by label (1, 0, unknown). Selection at fraction f takes
 * k = round(f × total weight) rows, highest scores first, ties broken by the decision rules' lot
 * when `tickets` are given (higher ticket first, then row), else by row order: with the run's
 * tickets it is the `top_fraction` decision rule exactly, so the sweep at the battery's own fraction
 * reproduces the flagged counts. A row whose weight straddles k (aggregated counts) is selected in part.
 */
export type SweepTickets = (rows: Int32Array, out: Float64Array) => Float64Array;

export interface SelectionSweep {
  readonly fractions: readonly number[];
  /** Per fraction: the k-th largest score (the score of the last row selected); NaN when k = 0. */
  readonly cuts: Float64Array;
  /** Per fraction: the weight selected (k). */
  readonly selected: Float64Array;
  /** fractions × combinations × HISTOGRAM_SLOT_COUNT selected weights. */
  readonly counts: Float64Array;
  readonly combinations: number;
}

/** The default grid of selection fractions: 1 % … 50 %. */
export const DEFAULT_SWEEP_FRACTIONS: readonly number[] = [0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];

/**
 * Exact selection counts at each fraction, from the cells' score histogram and one pass over the
 * rows: rows in bins wholly above the cut are counted from the histogram; only the rows of the bin
 * holding each cut are sorted. `cells` must hold exactly the rows of `batch`, with a binning.
 * `tickets` (the decision's lot, by row of `batch`) order rows of equal score; only those draw one.
 *
 * @example computeSelectionSweep(cells, batch, [0.05, 0.1]).counts // selected weight per fraction × combination × label
 */
export function computeSelectionSweep(cells: CellCounts, batch: CombinationBatch, fractions: readonly number[], tickets?: SweepTickets): SelectionSweep {
  const { binning, histogram } = cells;
  if (!binning || !histogram || !batch.scores) throw new Error('a selection sweep needs scores and a score histogram');
  const { bins } = binning;
  const C = cells.combinations;
  const S = HISTOGRAM_SLOT_COUNT;
  const F = fractions.length;
  const cuts = new Float64Array(F).fill(NaN);
  const { selected, cutBin, above, counts } = wholeBinsAbove(cells, fractions);
  // Rows of the cut bins, sorted by score (descending) then row.
  const wanted = new Map<number, number[]>();
  for (let j = 0; j < F; j++) if (cutBin[j]! >= 0) wanted.set(cutBin[j]!, []);
  const { scores, combinations, labels, n } = batch;
  const weights = batch.weights ?? null;
  const lo = binning.lo;
  const perUnit = binsPerUnit(binning);
  const isCut = new Uint8Array(bins);
  for (const b of wanted.keys()) isCut[b] = 1;
  for (let i = 0; i < n; i++) {
    let b = Math.floor((scores[i]! - lo) * perUnit);
    b = b < 0 ? 0 : b >= bins ? bins - 1 : b;
    if (isCut[b] === 1) wanted.get(b)!.push(i);
  }
  for (const rows of wanted.values()) {
    rows.sort((x, y) => scores[y]! - scores[x]! || x - y);
    if (tickets) byLot(rows, scores, tickets);
  }
  for (let j = 0; j < F; j++) {
    const cb = cutBin[j]!;
    if (cb < 0) continue;
    let need = selected[j]! - above[j]!;
    for (const i of wanted.get(cb)!) {
      if (need <= 0) break;
      const w = weights === null ? 1 : weights[i]!;
      if (w <= 0) continue;
      const take = Math.min(w, need);
      const label = labels === null ? UNLABELLED : labels[i]!;
      counts[(j * C + combinations[i]!) * S + (label === 1 ? 0 : label === 0 ? 1 : 2)]! += take;
      need -= take;
      cuts[j] = scores[i]!;
    }
  }
  return { fractions: [...fractions], cuts, selected, counts, combinations: C };
}

/** Reorders each run of equal scores in `rows` (sorted by score, then row) by ticket, descending, then row. */
function byLot(rows: number[], scores: ArrayLike<number>, tickets: SweepTickets): void {
  for (let a = 0; a < rows.length; ) {
    let b = a + 1;
    while (b < rows.length && scores[rows[b]!] === scores[rows[a]!]) b++;
    if (b - a > 1) {
      const run = Int32Array.from(rows.slice(a, b));
      const drawn = tickets(run, new Float64Array(run.length));
      const order = Array.from(run.keys()).sort((x, y) => drawn[y]! - drawn[x]! || run[x]! - run[y]!);
      for (let j = 0; j < order.length; j++) rows[a + j] = run[order[j]!]!;
    }
    a = b;
  }
}

/**
 * The sweep summed into groups: fractions × groups × HISTOGRAM_SLOT_COUNT selected weights, with
 * `groupOf` mapping each combination to its group (see groupIndexOf).
 */
export function sweepGroupCounts(sweep: SelectionSweep, groupOf: Int32Array, groups: number): Float64Array {
  const S = HISTOGRAM_SLOT_COUNT;
  const F = sweep.fractions.length;
  const out = new Float64Array(F * groups * S);
  for (let j = 0; j < F; j++) {
    for (let c = 0; c < sweep.combinations; c++) {
      const from = (j * sweep.combinations + c) * S;
      const to = (j * groups + groupOf[c]!) * S;
      for (let s = 0; s < S; s++) out[to + s]! += sweep.counts[from + s]!;
    }
  }
  return out;
}

/**
 * The selection sweep from the score histograms alone (aggregated decisions, whose rows are not at
 * hand): at fraction f, k = round(f × total weight); the bins wholly above the cut are selected, and
 * the bin holding the k-th largest score is selected in part, each combination × label of that bin
 * in proportion to its weight there (ties and near-ties within one fine bin shared proportionally, the
 * expectation of a random tie-break within the bin). `cuts` holds the lower edge of that bin: the
 * selection is "scores from there up", to within one fine bin.
 *
 * @example sweepFromHistogram(cells, [0.05, 0.1]).counts // selected weight per fraction × combination × label
 */
export function sweepFromHistogram(cells: CellCounts, fractions: readonly number[]): SelectionSweep {
  const { binning, histogram } = cells;
  if (!binning || !histogram) throw new Error('a selection sweep needs a score histogram');
  const { bins } = binning;
  const C = cells.combinations;
  const S = HISTOGRAM_SLOT_COUNT;
  const cuts = new Float64Array(fractions.length).fill(NaN);
  const { perBin, selected, cutBin, above, counts } = wholeBinsAbove(cells, fractions);
  const width = (binning.hi - binning.lo) / bins;
  fractions.forEach((_, j) => {
    const cb = cutBin[j]!;
    if (cb < 0) return;
    const share = (selected[j]! - above[j]!) / perBin[cb]!;
    cuts[j] = +(binning.lo + cb * width).toPrecision(12);
    for (let c = 0; c < C; c++) {
      const out = (j * C + c) * S;
      const base = (c * bins + cb) * S;
      for (let s = 0; s < S; s++) counts[out + s]! += histogram[base + s]! * share;
    }
  });
  return { fractions: [...fractions], cuts, selected, counts, combinations: C };
}

/**
 * What both sweeps share: each fraction's selected weight k = round(f × total), the fine bin holding the
 * k-th largest score (−1 when k is 0 or beyond the total) with the weight of the bins above it, and the
 * counts per fraction × combination × label from the whole bins above the cut.
 */
function wholeBinsAbove(cells: CellCounts, fractions: readonly number[]): { perBin: Float64Array; selected: Float64Array; cutBin: Int32Array; above: Float64Array; counts: Float64Array } {
  const histogram = cells.histogram!;
  const bins = cells.binning!.bins;
  const C = cells.combinations;
  const S = HISTOGRAM_SLOT_COUNT;
  const F = fractions.length;
  const perBin = new Float64Array(bins);
  for (let c = 0; c < C; c++) {
    for (let b = 0; b < bins; b++) {
      const base = (c * bins + b) * S;
      perBin[b]! += histogram[base]! + histogram[base + 1]! + histogram[base + 2]!;
    }
  }
  let total = 0;
  for (let b = 0; b < bins; b++) total += perBin[b]!;
  const selected = new Float64Array(F);
  const cutBin = new Int32Array(F).fill(-1);
  const above = new Float64Array(F);
  fractions.forEach((f, j) => {
    const k = Math.round(f * total);
    selected[j] = k;
    if (k <= 0) return;
    let cum = 0;
    for (let b = bins - 1; b >= 0; b--) {
      if (cum + perBin[b]! >= k) {
        cutBin[j] = b;
        above[j] = cum;
        return;
      }
      cum += perBin[b]!;
    }
  });
  const counts = new Float64Array(F * C * S);
  for (let j = 0; j < F; j++) {
    const cb = cutBin[j]!;
    if (cb < 0) continue;
    for (let c = 0; c < C; c++) {
      const out = (j * C + c) * S;
      for (let b = cb + 1; b < bins; b++) {
        const base = (c * bins + b) * S;
        for (let s = 0; s < S; s++) counts[out + s]! += histogram[base + s]!;
      }
    }
  }
  return { perBin, selected, cutBin, above, counts };
}
