import type { CategoricalColumn, Column, NumericColumn, Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import type { ModelInput, ModelMeta } from './model-adapter.js';

/**
 * Checks a table against a model's declared inputs and returns the columns in input order.
 * Every missing or mistyped input and every undeclared level is named in one message.
 */
export function checkInputs(meta: ModelMeta, inputs: readonly ModelInput[], table: Table): Column[] {
  const problems: string[] = [];
  const columns: Column[] = [];
  for (const input of inputs) {
    const column = table.columns.get(input.name);
    if (!column) {
      problems.push(`input "${input.name}" (${input.type}) missing from the population`);
      continue;
    }
    if (column.kind !== input.type) {
      problems.push(`input "${input.name}" is ${input.type} in the model but ${column.kind} in the population`);
      continue;
    }
    if (column.kind === 'categorical' && input.levels) {
      const declared = new Set(input.levels);
      const unknown = column.levels.filter((l) => !declared.has(l));
      const shown = unknown.length > 10 ? `${unknown.slice(0, 10).join(', ')} and ${unknown.length - 10} more` : unknown.join(', ');
      if (unknown.length > 0) problems.push(`input "${input.name}" has levels the model does not declare: ${shown}`);
    }
    columns.push(column);
  }
  if (problems.length > 0) throw new DisparateError('model', `${meta.file}: ${problems.join('; ')}`);
  return columns;
}

/** Lookup from a column's level codes to per-level values (levels absent from `values` get `fallback`). */
export function levelLookup(column: CategoricalColumn, values: Readonly<Record<string, number>>, fallback = 0): Float64Array {
  const out = new Float64Array(column.levels.length);
  column.levels.forEach((level, code) => {
    out[code] = Object.hasOwn(values, level) ? values[level]! : fallback;
  });
  return out;
}

/**
 * A row the model cannot score: the input is missing, or (with `transform`) its value is outside the
 * transform's domain, e.g. log1p of −5.
 */
export function missingValueError(meta: ModelMeta, input: string, row: number, transform?: { name: string; value: number }): DisparateError {
  if (transform && !Number.isNaN(transform.value)) {
    return new DisparateError('data', `${meta.file}: input "${input}" is ${transform.value} at row ${row + 1}, outside the domain of its ${transform.name} transform`);
  }
  return new DisparateError('data', `${meta.file}: input "${input}" is missing or NaN at row ${row + 1}; the model declares no missing-value policy`);
}

export type { NumericColumn };
