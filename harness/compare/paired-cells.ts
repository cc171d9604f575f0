import type { DecidedRows } from '../pipeline/index.js';
import { INTERSECTION_SEPARATOR } from '../accumulate/index.js';
import { DisparateError } from '../errors/index.js';

/** Which rows a rate counts: all of them, those with label 1 (fraud found) or label 0 (innocent). */
export type PairedSubset = 'all' | 'positive' | 'negative';

/**
 * Pairs of decisions per attribute combination and label: `counts[((combination × 3) + label) × 4 +
 * 2·deployed + candidate]`, label 0 = fraud found (1), 1 = innocent (0), 2 = unknown. Sums of integer
 * counts, so the same for any chunking or number of workers.
 */
export interface PairedCells {
  readonly attributes: readonly string[];
  readonly levels: readonly (readonly string[])[];
  readonly counts: Float64Array;
}

/**
 * One group's pairs: n applicants, flagged by both models, by the candidate only, by the deployed
 * model only. The event may be "not flagged" (for the false negative rate): then the same four
 * cells with the decisions read the other way.
 */
export interface PairedTable {
  readonly n: number;
  readonly both: number;
  readonly candidateOnly: number;
  readonly deployedOnly: number;
}

/**
 * Cross-tabulates the decisions of two runs over the same rows. Refuses runs whose rows differ
 * (another population, seed or size): their decisions would not be pairs.
 *
 * @example accumulatePairedCells(['g'], deployedRows, candidateRows).counts.length // combinations × 12
 */
export function accumulatePairedCells(attributes: readonly string[], deployed: DecidedRows, candidate: DecidedRows): PairedCells {
  const n = deployed.n;
  const same = candidate.n === n && JSON.stringify(candidate.levels) === JSON.stringify(deployed.levels) && equalCodes(deployed.combinations, candidate.combinations);
  if (!same) throw new DisparateError('internal', 'the two models were not scored on the same rows');
  const combinations = deployed.levels.reduce((acc, l) => acc * l.length, 1);
  const counts = new Float64Array(combinations * 12);
  const labels = deployed.labels;
  const d = deployed.flagged;
  const c = candidate.flagged;
  const combo = deployed.combinations;
  for (let i = 0; i < n; i++) {
    const label = labels === null ? 2 : labels[i] === 1 ? 0 : labels[i] === 0 ? 1 : 2;
    counts[(combo[i]! * 3 + label) * 4 + d[i]! * 2 + c[i]!]! += 1;
  }
  return { attributes, levels: deployed.levels, counts };
}

function equalCodes(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The paired table of one group (an attribute's level, or an intersection "a×b" of levels) over a
 * subset of rows, for the event "flagged" (or "not flagged" when `event` is 0); with `complement`, of every
 * row not in the group.
 *
 * @example pairedTable(cells, 'nationality', 'non_eu', 'all').candidateOnly
 */
export function pairedTable(cells: PairedCells, attribute: string, group: string, subset: PairedSubset, event: 0 | 1 = 1, complement = false): PairedTable {
  const names = attribute.split(INTERSECTION_SEPARATOR);
  const values = group.split(INTERSECTION_SEPARATOR);
  const wanted = cells.attributes.map((a) => {
    const k = names.indexOf(a);
    if (k < 0) return -1; // any level
    const code = cells.levels[cells.attributes.indexOf(a)]!.indexOf(values[k]!);
    return code < 0 ? -2 : code; // an unknown group matches no row
  });
  const labelSlots = subset === 'all' ? [0, 1, 2] : subset === 'positive' ? [0] : [1];
  const sum = [0, 0, 0, 0];
  const combinations = cells.counts.length / 12;
  for (let combination = 0; combination < combinations; combination++) {
    // Mixed radix, first attribute slowest (as combinationIndex).
    let rest = combination;
    let match = true;
    for (let a = cells.attributes.length - 1; a >= 0; a--) {
      const radix = cells.levels[a]!.length;
      const code = rest % radix;
      rest = Math.floor(rest / radix);
      if (wanted[a] !== -1 && wanted[a] !== code) match = false;
    }
    // complement: everyone not in the group (the reference "(rest)")
    if (match === complement) continue;
    for (const slot of labelSlots) for (let k = 0; k < 4; k++) sum[k]! += cells.counts[(combination * 3 + slot) * 4 + k]!;
  }
  const [n00, n01, n10, n11] = sum as [number, number, number, number];
  const n = n00 + n01 + n10 + n11;
  return event === 1 ? { n, both: n11, candidateOnly: n01, deployedOnly: n10 } : { n, both: n00, candidateOnly: n10, deployedOnly: n01 };
}
