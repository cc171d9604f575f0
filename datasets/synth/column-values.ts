import { DisparateError } from '../../harness/errors/index.js';
import type { Column } from '../table/index.js';

/**
 * The values of a numeric column drawn earlier; a non-numeric column is an internal error.
 *
 * @example
 * numericValues(cols, 'income'); // Float64Array, one value per row
 */
export function numericValues(cols: Map<string, Column>, name: string): Float64Array {
  const c = cols.get(name);
  if (c?.kind !== 'numeric') throw new DisparateError('internal', `column "${name}" is not numeric`);
  return c.values;
}

/**
 * The level codes of a categorical column drawn earlier (-1 = missing); a non-categorical column is
 * an internal error.
 *
 * @example
 * codesOf(cols, 'nationality'); // Int32Array, one code per row
 */
export function codesOf(cols: Map<string, Column>, name: string): Int32Array {
  const c = cols.get(name);
  if (c?.kind !== 'categorical') throw new DisparateError('internal', `column "${name}" is not categorical`);
  return c.codes;
}
