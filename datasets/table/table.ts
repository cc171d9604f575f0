/**
 * Columnar table: the one in-memory shape of a population or a decisions file in the hot path.
 * Categoricals are dictionary-encoded (small integer codes into `levels`, -1 = missing);
 * numerics are Float64Array with NaN as missing.
 */
export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly levels: readonly string[];
  readonly codes: Int32Array;
}

export interface NumericColumn {
  readonly kind: 'numeric';
  readonly values: Float64Array;
}

export type Column = CategoricalColumn | NumericColumn;

export interface Table {
  readonly n: number;
  /** Column name → column, in declaration order. A Map so that any column name is safe. */
  readonly columns: Map<string, Column>;
}

export function categorical(levels: readonly string[], codes: Int32Array): CategoricalColumn {
  return { kind: 'categorical', levels, codes };
}

export function numeric(values: Float64Array): NumericColumn {
  return { kind: 'numeric', values };
}

/** Encodes string values as a categorical column; levels in order of first appearance unless given. */
export function encodeCategorical(values: ArrayLike<string | null | undefined>, levels?: readonly string[]): CategoricalColumn {
  const index = new Map<string, number>();
  const out: string[] = [];
  for (const level of levels ?? []) {
    index.set(level, out.length);
    out.push(level);
  }
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === '') {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = out.length;
      index.set(v, code);
      out.push(v);
    }
    codes[i] = code;
  }
  return categorical(out, codes);
}

/** Value of row `i` of a column as a string (categorical level) or number. */
export function cellValue(column: Column, i: number): string | number | null {
  if (column.kind === 'numeric') {
    const v = column.values[i]!;
    return Number.isNaN(v) ? null : v;
  }
  const code = column.codes[i]!;
  return code < 0 ? null : (column.levels[code] ?? null);
}
