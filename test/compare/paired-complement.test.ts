import { describe, expect, it } from 'vitest';
import { pairedTable, type PairedCells } from '../../harness/compare/paired-cells.js';

/**
 * Paired decisions of three groups (label unknown), cells n00 n01 n10 n11 (deployed, candidate):
 * a 5 1 2 3; b 4 0 1 2; c 1 2 0 1. Everyone but a (b and c): 5 2 1 3, 11 applicants.
 */
function cells(): PairedCells {
  const counts = new Float64Array(3 * 12);
  const put = (g: number, n: [number, number, number, number]) => n.forEach((v, k) => (counts[(g * 3 + 2) * 4 + k] = v));
  put(0, [5, 1, 2, 3]);
  put(1, [4, 0, 1, 2]);
  put(2, [1, 2, 0, 1]);
  return { attributes: ['g'], levels: [['a', 'b', 'c']], counts };
}

describe('paired tables of everyone else (compare with reference overall)', () => {
  it('sums every row not in the group', () => {
    expect(pairedTable(cells(), 'g', 'a', 'all')).toEqual({ n: 11, both: 3, candidateOnly: 1, deployedOnly: 2 });
    expect(pairedTable(cells(), 'g', 'a', 'all', 1, true)).toEqual({ n: 11, both: 3, candidateOnly: 2, deployedOnly: 1 });
    // "not flagged" read the other way round, as for the group itself
    expect(pairedTable(cells(), 'g', 'c', 'all', 0, true)).toEqual({ n: 18, both: 9, candidateOnly: 3, deployedOnly: 1 });
  });
});
