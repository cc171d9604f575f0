import type { Messages } from '../i18n/index.js';
import type { Table } from './table.js';

/**
 * A table whose caption, headers and cells were written with English number formats, in the
 * catalogue's number format; the cells of `verbatim` columns (sources, file names, codes) are kept
 * as written. English is returned as it is.
 *
 * @example localTable(messagesFor('fr'), table, [4]) // "0.80–1.25" → "0,80–1,25", the Source column untouched
 */
export function localTable(T: Messages, table: Table, verbatim: readonly number[] = []): Table {
  if (T.lang === 'en') return table;
  return {
    ...table,
    caption: T.num(table.caption),
    header: table.header.map((h) => T.num(h)),
    rows: table.rows.map((r) => ({ ...r, cells: r.cells.map((c, i) => (verbatim.includes(i) ? c : T.num(c))) })),
  };
}
