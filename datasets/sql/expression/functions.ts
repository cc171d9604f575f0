import type { FunctionName } from './ast.js';

/**
 * The functions an expression may call: only those that give the same result on PostgreSQL, SQLite
 * (3.35+, built with its math functions as Debian's is), DuckDB, Spark SQL, Trino and BigQuery. Left out on
 * purpose:
 * - LOWER/UPPER: SQLite (and PostgreSQL under the C locale) change ASCII letters only, DuckDB all of Unicode,
 *   so `LOWER('É')` differs between engines;
 * - LEAST/GREATEST: SQLite has neither, and BigQuery returns NULL when any argument is NULL where the others
 *   skip NULLs;
 * - CAST: PostgreSQL and DuckDB round `CAST(2.7 AS INTEGER)` to 3, SQLite truncates to 2, and no text type
 *   name is common to all six engines;
 * - anything reading files, the network, the clock or randomness (`read_csv`, `pg_read_file`, `now`,
 *   `random`): an audit's inputs are its data, nothing else.
 * ROUND is kept but printed as SIGN/ABS/FLOOR arithmetic (see print-expression.ts): PostgreSQL's round(double) rounds
 * half to even and has no two-argument form for double precision, while the others round half away from zero.
 */
export interface FunctionSpec {
  readonly minArgs: number;
  readonly maxArgs: number;
  /** The type every argument must have ('same' = all arguments of one type, the result's). */
  readonly args: 'number' | 'text' | 'same';
  readonly result: 'number' | 'text' | 'same';
  readonly summary: string;
}

export const FUNCTIONS: Readonly<Record<FunctionName, FunctionSpec>> = {
  ABS: { minArgs: 1, maxArgs: 1, args: 'number', result: 'number', summary: 'ABS(x): absolute value' },
  CEIL: { minArgs: 1, maxArgs: 1, args: 'number', result: 'number', summary: 'CEIL(x): smallest whole number ≥ x' },
  FLOOR: { minArgs: 1, maxArgs: 1, args: 'number', result: 'number', summary: 'FLOOR(x): largest whole number ≤ x' },
  ROUND: { minArgs: 1, maxArgs: 2, args: 'number', result: 'number', summary: 'ROUND(x[, digits]): half away from zero, digits a whole number 0–10' },
  LENGTH: { minArgs: 1, maxArgs: 1, args: 'text', result: 'number', summary: 'LENGTH(s): number of characters' },
  TRIM: { minArgs: 1, maxArgs: 1, args: 'text', result: 'text', summary: 'TRIM(s): without leading and trailing spaces' },
  COALESCE: { minArgs: 2, maxArgs: 16, args: 'same', result: 'same', summary: 'COALESCE(a, b, …): the first that is not NULL' },
  NULLIF: { minArgs: 2, maxArgs: 2, args: 'same', result: 'same', summary: 'NULLIF(a, b): NULL when a = b, else a' },
};

export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTIONS, name);
}

/** Most digits ROUND(x, n) accepts: 10^10 still multiplies exactly in a double for the values audits hold. */
export const MAX_ROUND_DIGITS = 10;
