import type { Cut } from './top-by-key.js';
import type { TieTickets } from './tie-tickets.js';

/**
 * Flags rows [start, start + scores.length) against a cut taken from the whole population: a row is
 * flagged when (score, ticket, row) ranks at or above the cut's. Equals the decision that produced
 * the cut on the rows it was taken from, and decides counterfactual twins (which hold their
 * original's ticket) by the very same rule. Tickets are drawn only for rows tied at the cut.
 *
 * @example flagByCut(Float32Array.of(0.9, 0.4), 0, { key: 0.5, ticket: -Infinity, row: -1 }, tickets) // [1, 0]
 */
export function flagByCut(scores: Float32Array, start: number, cut: Cut, tickets: TieTickets): Uint8Array {
  const n = scores.length;
  const flagged = new Uint8Array(n);
  let tied = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (s > cut.key) flagged[i] = 1;
    else if (s === cut.key) tied++;
  }
  if (tied === 0 || cut.ticket === Infinity) return flagged;
  if (cut.ticket === -Infinity) {
    for (let i = 0; i < n; i++) if (scores[i] === cut.key) flagged[i] = 1;
    return flagged;
  }
  const rows = new Int32Array(tied);
  for (let i = 0, p = 0; i < n; i++) if (scores[i] === cut.key) rows[p++] = start + i;
  const drawn = tickets(rows, new Float64Array(tied));
  for (let p = 0; p < tied; p++) {
    const t = drawn[p]!;
    if (t > cut.ticket || (t === cut.ticket && rows[p]! <= cut.row)) flagged[rows[p]! - start] = 1;
  }
  return flagged;
}
