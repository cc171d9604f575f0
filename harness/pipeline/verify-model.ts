import { readPopulation } from '../../datasets/io/index.js';
import { aliasColumns } from '../../datasets/table/index.js';
import { bindAsync, loadAnyModel } from '../../models/adapters/index.js';
// The type from its own module: through the folder's index the declarations would pull tfjs's types into
// every library user's type-check (the package's .d.ts reach this file through harness/pipeline); the
// architecture test lists this one import as an allowed index bypass.
import type { AnyModelAdapter } from '../../models/adapters/model-adapter.js';
import { DisparateError } from '../errors/index.js';

/** What `verify` found: the adapter's scores of a sample against the predictions the agency made. */
export interface Verification {
  readonly data: string;
  readonly expect: string;
  /** Column of the predictions file that was compared. */
  readonly column: string;
  readonly rows: number;
  readonly tolerance: number;
  /** Largest |adapter score − expected prediction|. */
  readonly max_error: number;
  /** 1-based row of the largest error, with both values there. */
  readonly worst_row: number;
  readonly worst_score: number;
  readonly worst_expected: number;
  readonly pass: boolean;
}

export interface VerifyOptions {
  readonly model: string | AnyModelAdapter;
  readonly data: string;
  readonly expect: string;
  /** Predictions column; default the file's only column besides `id`, else `score`. */
  readonly column?: string | undefined;
  readonly tolerance: number;
  /** Model input → sample column, where names differ (a battery's `inputs`). */
  readonly inputs?: Readonly<Record<string, string>> | undefined;
}

function predictionColumn(file: string, names: readonly string[], wanted: string | undefined): string {
  if (wanted !== undefined) {
    if (!names.includes(wanted)) throw new DisparateError('data', `${file}: column "${wanted}" not found (columns: ${names.join(', ')})`);
    return wanted;
  }
  const candidates = names.filter((n) => n !== 'id');
  if (candidates.length === 1) return candidates[0]!;
  if (names.includes('score')) return 'score';
  throw new DisparateError('data', `${file}: ${names.length} columns (${names.join(', ')}) and none named score; name the predictions column (--column, or verify.column)`);
}

/**
 * Scores a sample with the model and compares each score with the prediction the agency's own
 * system made for that row (rows in the same order, e.g. predict_proba's output): the proof that the
 * audited model file is the deployed one. Bad files, a row-count mismatch or a missing prediction
 * are DisparateErrors naming the file and the column; an error beyond the tolerance is not an
 * error here but `pass: false`, with the worst row.
 *
 * @example await verifyModel({ model: 'model.json', data: 'sample.csv', expect: 'predictions.csv', tolerance: 1e-6 })
 */
export async function verifyModel(opts: VerifyOptions): Promise<Verification> {
  if (!(opts.tolerance >= 0)) throw new DisparateError('usage', `tolerance ${opts.tolerance}: must be a number ≥ 0`);
  const model = typeof opts.model === 'string' ? loadAnyModel(opts.model) : opts.model;
  const expectedKinds = Object.fromEntries(
    model.inputs.map((i) => [opts.inputs?.[i.name] ?? i.name, i.type === 'numeric' ? { kind: 'numeric' as const } : { kind: 'categorical' as const, levels: i.levels }]),
  );
  const sample = readPopulation(opts.data, { columns: expectedKinds });
  const { table, missing } = aliasColumns(sample, opts.inputs ?? {});
  if (missing.length > 0) throw new DisparateError('data', `${opts.data}: column "${missing[0]}" not found`);
  const predictions = readPopulation(opts.expect);
  const column = predictionColumn(opts.expect, [...predictions.columns.keys()], opts.column);
  const values = predictions.columns.get(column)!;
  if (values.kind !== 'numeric') throw new DisparateError('data', `${opts.expect}: column "${column}" is not numeric`);
  if (predictions.n !== sample.n) throw new DisparateError('data', `${opts.expect}: ${predictions.n} predictions for the ${sample.n} rows of ${opts.data}; give one per row, in the same order`);
  const missingAt = values.values.findIndex((v) => !Number.isFinite(v));
  if (missingAt >= 0) throw new DisparateError('data', `${opts.expect}: column "${column}" has no number at row ${missingAt + 1}`);
  const scores = await bindAsync(model, table)(0, table.n);
  let worst = 0;
  let maxError = -1;
  for (let i = 0; i < scores.length; i++) {
    const error = Math.abs(scores[i]! - values.values[i]!);
    // NaN scores count as an infinite error: a model that cannot score a row does not reproduce it.
    const e = Number.isNaN(error) ? Infinity : error;
    if (e > maxError) {
      maxError = e;
      worst = i;
    }
  }
  return {
    data: opts.data,
    expect: opts.expect,
    column,
    rows: sample.n,
    tolerance: opts.tolerance,
    max_error: maxError,
    worst_row: worst + 1,
    worst_score: scores[worst]!,
    worst_expected: values.values[worst]!,
    pass: maxError <= opts.tolerance,
  };
}

/** One line for people: "max error 7.1e-8 at row 17 (0.4226 vs 0.4226), within tolerance 1e-6". */
export function describeVerification(v: Verification): string {
  const e = (x: number) => (x === 0 || !Number.isFinite(x) ? String(x) : Number(x.toPrecision(3)).toExponential());
  return `${v.rows} rows of ${v.data} against "${v.column}" of ${v.expect}: max error ${e(v.max_error)} at row ${v.worst_row} (model ${v.worst_score} vs expected ${v.worst_expected}), ${v.pass ? 'within' : 'beyond'} tolerance ${e(v.tolerance)}`;
}
