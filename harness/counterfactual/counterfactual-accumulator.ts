import type { Table } from '../../datasets/table/index.js';
import { addPair, createPairedStats, DEFAULT_BINNING, mergePairedStats, type PairedBinning, type PairedStats } from './paired-stats.js';

/** What one set of twins is: do(attribute = to), direct or total effect. */
export interface TwinDesign {
  readonly attribute: string;
  /** Levels of the (categorical) attribute in the population. */
  readonly levels: readonly string[];
  readonly to: string;
  readonly effect: 'direct' | 'total';
}

/**
 * Paired statistics of one twin design, split by the original level of the attribute (the `from` of
 * each result). Rows already at `to` are their own twin and are not counted.
 */
export interface CounterfactualAccumulator {
  readonly design: TwinDesign;
  /** One per level of the attribute; the entry for `to` stays empty. */
  readonly byFrom: readonly PairedStats[];
}

export function createCounterfactualAccumulator(design: TwinDesign, binning: PairedBinning = DEFAULT_BINNING): CounterfactualAccumulator {
  if (!design.levels.includes(design.to)) throw new Error(`"${design.to}" is not a level of "${design.attribute}"`);
  return { design, byFrom: design.levels.map(() => createPairedStats(binning)) };
}

/** One chunk of pairs: original level codes of the attribute, scores and decisions of both rows. */
export interface PairBatch {
  readonly n: number;
  /** Original level code of the attribute per row (-1 = missing: skipped). */
  readonly from: Int32Array;
  readonly originalScores: Float32Array | Float64Array;
  readonly twinScores: Float32Array | Float64Array;
  /** 1 = flagged. */
  readonly originalFlagged: Uint8Array;
  readonly twinFlagged: Uint8Array;
}

/**
 * Adds a chunk of (original, twin) pairs.
 *
 * @example
 * accumulateCounterfactual(acc, { n, from: table.columns.get('nationality').codes, originalScores, twinScores, originalFlagged, twinFlagged });
 */
export function accumulateCounterfactual(acc: CounterfactualAccumulator, batch: PairBatch): void {
  const to = acc.design.levels.indexOf(acc.design.to);
  for (let i = 0; i < batch.n; i++) {
    const f = batch.from[i]!;
    if (f < 0 || f === to) continue;
    addPair(acc.byFrom[f]!, batch.originalScores[i]!, batch.twinScores[i]!, batch.originalFlagged[i] === 1, batch.twinFlagged[i] === 1);
  }
}

/** The rows of a sampled chunk needed for a batch: the attribute's codes. */
export function fromCodes(table: Table, attribute: string): Int32Array {
  const c = table.columns.get(attribute);
  if (c?.kind !== 'categorical') throw new Error(`"${attribute}" is not a categorical column`);
  return c.codes;
}

/** Adds `b` into `a` (same design and binning). */
export function mergeCounterfactual(a: CounterfactualAccumulator, b: CounterfactualAccumulator): CounterfactualAccumulator {
  const [x, y] = [a.design, b.design];
  if (x.attribute !== y.attribute || x.to !== y.to || x.effect !== y.effect || x.levels.join('|') !== y.levels.join('|')) {
    throw new Error('cannot merge counterfactual accumulators of different designs');
  }
  a.byFrom.forEach((s, i) => mergePairedStats(s, b.byFrom[i]!));
  return a;
}
