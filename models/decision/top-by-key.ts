import { kthLargest } from './kth-largest.js';
import type { TieTickets } from './tie-tickets.js';

/**
 * Where a ranked selection stopped, as the order every row is ranked by: key (score or priority)
 * descending, then ticket descending, then row ascending. A row is selected when its
 * (key, ticket, row) ranks at or above (key, ticket, row) of the cut; see {@link flagByCut}.
 */
export interface Cut {
  /** Key of the last row selected; Infinity when none is, -Infinity when all are. */
  readonly key: number;
  /** Ticket of the last row selected; -Infinity when every row tied at `key` is selected (no lot drawn), Infinity when none is. */
  readonly ticket: number;
  /** Row of the last row selected, for rows of equal ticket; -1 when no lot was drawn. */
  readonly row: number;
}

/** A lot: more rows tied at a cut than places left for them. */
export interface TieLot {
  /** The key the rows tie at. */
  readonly key: number;
  /** Rows selected with a key above the cut. */
  readonly above: number;
  /** Rows with exactly the cut's key. */
  readonly tied: number;
  /** Tied rows selected (the places left: k − above), by ticket. */
  readonly flagged: number;
}

export interface RankedTop {
  /** The selected rows, in row order. */
  readonly rows: Int32Array;
  readonly cut: Cut;
  /** The lot drawn at the cut, or null when the tied rows fit the places exactly (or none tie). */
  readonly lot: TieLot | null;
}

const NONE: Cut = { key: Infinity, ticket: Infinity, row: -1 };
const ALL: Cut = { key: -Infinity, ticket: -Infinity, row: -1 };

/**
 * The `k` rows of `rows` (ascending row indices) with the highest `keys` (aligned with `rows`);
 * rows tied at the cut are ranked by ticket (a lot keyed on the row's identity, see
 * {@link TieTickets}), so the selection does not depend on row order and never exceeds k. Linear
 * time: a selection for the cut, one pass; only the tied rows draw tickets and are sorted.
 *
 * @example topByKey(Int32Array.of(0, 1, 2), Float32Array.of(0.9, 0.5, 0.5), 2, tickets) // row 0 and one of rows 1, 2 by lot
 */
export function topByKey(rows: Int32Array, keys: Float32Array | Float64Array, k: number, tickets: TieTickets): RankedTop {
  const n = rows.length;
  if (k <= 0 || n === 0) return { rows: new Int32Array(0), cut: NONE, lot: null };
  if (k >= n) return { rows: rows.slice(), cut: ALL, lot: null };
  const key = kthLargest(keys, k);
  let above = 0;
  let tied = 0;
  for (let j = 0; j < n; j++) {
    const v = keys[j]!;
    if (v > key) above++;
    else if (v === key) tied++;
  }
  const places = k - above;
  const out = new Int32Array(k);
  let taken = 0;
  if (places === tied) {
    for (let j = 0; j < n; j++) if (keys[j]! >= key) out[taken++] = rows[j]!;
    return { rows: out, cut: { key, ticket: -Infinity, row: -1 }, lot: null };
  }
  const tiedRows = new Int32Array(tied);
  for (let j = 0, p = 0; j < n; j++) if (keys[j] === key) tiedRows[p++] = rows[j]!;
  const drawn = tickets(tiedRows, new Float64Array(tied));
  const ticket = drawn.slice().sort()[tied - places]!;
  let atTicket = places;
  for (let p = 0; p < tied; p++) if (drawn[p]! > ticket) atTicket--;
  let row = -1;
  for (let j = 0, p = 0; j < n; j++) {
    const v = keys[j]!;
    if (v > key) out[taken++] = rows[j]!;
    else if (v === key) {
      const t = drawn[p++]!;
      if (t > ticket) out[taken++] = rows[j]!;
      else if (t === ticket && atTicket > 0) {
        atTicket--;
        row = rows[j]!;
        out[taken++] = row;
      }
    }
  }
  return { rows: out, cut: { key, ticket, row }, lot: { key, above, tied, flagged: places } };
}
