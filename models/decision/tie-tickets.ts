import { philox4x32, splitSeed, streamId, wordsToUniform } from '../../harness/stats/rng/index.js';

/**
 * The lot that breaks ties at a cut: fills `out[j]` with the ticket of row `rows[j]`, a number in
 * (0, 1) that is a function of the row's identity and the seed, never of the row's position in a
 * file. Wherever rows tie at a cut (equal score, or equal second-stage priority), the higher ticket
 * goes first; equal tickets (rows identical in every column, or a 2^-53 coincidence) go by row.
 */
export type TieTickets = (rows: Int32Array, out: Float64Array) => Float64Array;

/** Stream name of the tie-break lot; drawn from slot 1, which no population variable uses (they draw slot 0). */
export const TIE_STREAM = 'tie-break';
const TIE_SLOT = 1;
const TWO32 = 4294967296;

/**
 * Tickets of a synthetic population, whose row index is the row's identity (every value of row i is
 * a function of seed, variable and i, so the index survives any chunking; counterfactual twins of
 * row i hold row i's ticket). Equal to `uniform(seed, streamId('tie-break'), row, 1)`.
 *
 * @example rowIndexTickets(7)(Int32Array.of(0, 5), new Float64Array(2)) // two tickets in (0, 1)
 */
export function rowIndexTickets(seed: number): TieTickets {
  const [k0, k1] = splitSeed(seed);
  const stream = streamId(TIE_STREAM);
  const block = new Uint32Array(4);
  return (rows, out) => {
    for (let j = 0; j < rows.length; j++) {
      const row = rows[j]!;
      const q = Math.floor(row / 2);
      philox4x32(k0, k1, q % TWO32, Math.floor(q / TWO32), TIE_SLOT, stream, block);
      out[j] = row % 2 === 0 ? wordsToUniform(block[0]!, block[1]!) : wordsToUniform(block[2]!, block[3]!);
    }
    return out;
  };
}
