import type { CheckResult } from '../../harness/results/index.js';

/** One row of a {@link Table}: plain-text cells (writers escape them) plus row flags for styling. */
export interface TableRow {
  cells: string[];
  verdict?: CheckResult['verdict'];
  small?: boolean;
  reference?: boolean;
  /** The whole population (every group together), set apart under the groups. */
  overall?: boolean;
}

/** A format-neutral table that the HTML and Markdown writers both render. */
export interface Table {
  caption: string;
  header: string[];
  /** Columns holding numbers (right-aligned). */
  numeric: number[];
  /** Column holding the verdict, if any (rendered with colour and symbol). */
  verdictColumn?: number;
  rows: TableRow[];
  /** Footnotes printed under the table, numbered from 1 (cells refer to them as "[1]"): a long source cited once, not on every row. */
  notes?: string[];
}
