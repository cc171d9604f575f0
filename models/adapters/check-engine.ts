import { DisparateError } from '../../harness/errors/index.js';

/** Rows of the check sample: the first rows of the first batch an adapter scores. */
export const CHECK_ROWS = 1000;
/** Largest difference allowed between the compiled ensemble and onnxruntime. */
export const CHECK_TOLERANCE = 1e-6;

/** The largest |a − b| over the first `rows` values and its row; equal values (infinities too) and two NaNs differ by 0, a NaN on one side only by ∞. */
export function largestDifference(a: ArrayLike<number>, b: ArrayLike<number>, rows: number): { readonly difference: number; readonly row: number } {
  let difference = 0;
  let row = 0;
  for (let i = 0; i < rows; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const d = x === y || (x !== x && y !== y) ? 0 : x !== x || y !== y ? Infinity : Math.abs(x - y);
    if (d > difference) {
      difference = d;
      row = i;
    }
  }
  return { difference, row };
}

/**
 * Compares the compiled ensemble's scores with onnxruntime's on a check sample and refuses the model
 * (one line naming the model file) when they differ by more than {@link CHECK_TOLERANCE}: then the
 * compiled reading of the graph is wrong, and onnxruntime is the reference. `first` is the sample's
 * first row in the data. Returns the largest difference.
 *
 * @example checkCompiled('model.json', compiled, reference, 1000, 0) // 0, or throws
 */
export function checkCompiled(modelFile: string, compiled: ArrayLike<number>, reference: ArrayLike<number>, rows: number, first: number): number {
  const { difference, row } = largestDifference(compiled, reference, rows);
  if (difference > CHECK_TOLERANCE) {
    throw new DisparateError(
      'model',
      `${modelFile}: engine: the compiled tree ensemble scores row ${first + row + 1} ${compiled[row]} where onnxruntime scores ${reference[row]} (difference ${difference} > ${CHECK_TOLERANCE}); set engine: onnxruntime to score with onnxruntime alone`,
    );
  }
  return difference;
}
