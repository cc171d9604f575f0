import { verifyModel, type Verification } from '../pipeline/index.js';

/** What to verify: a model file against the deployed system's own predictions for a sample. */
export interface VerifySettings {
  /** The model file (JSON) under audit. */
  readonly model: string;
  /** The sample of applicants: .csv, .jsonl, .parquet or .arrow, one row per applicant. */
  readonly data: string;
  /** The deployed system's predictions for those rows, in the same order (e.g. `predict_proba(X)[:, 1]`). */
  readonly expect: string;
  /** Predictions column; default the file's only column besides `id`, else `score`. */
  readonly column?: string | undefined;
  /** Largest absolute difference accepted; default 1e-6. */
  readonly tolerance?: number | undefined;
  /** Model input → sample column, where the names differ. */
  readonly inputs?: Readonly<Record<string, string>> | undefined;
}

/**
 * Scores the sample with the model and compares every score with the prediction the deployed
 * system made for that row: the proof that the audited file is the one in production. Resolves to
 * the maximum error, the worst row with both values there, and `pass` (max error ≤ tolerance), as
 * `disparate verify` prints it and a battery's `verify:` block records it in the manifest. Bad
 * input (an unreadable file, a missing column, a row-count mismatch) rejects with a DisparateError
 * naming the file and the column; an error beyond the tolerance does not reject: `pass` is false.
 *
 * @example
 * import { verify, describeVerification } from 'disparate';
 * const v = await verify({ model: 'model.json', data: 'sample.csv', expect: 'predictions.csv', tolerance: 1e-6 });
 * console.log(describeVerification(v));   // "1000 rows of sample.csv … max error 7.12e-8 at row 561 … within tolerance 1e-6"
 * process.exitCode = v.pass ? 0 : 1;
 */
export function verify(settings: VerifySettings): Promise<Verification> {
  return verifyModel({ model: settings.model, data: settings.data, expect: settings.expect, column: settings.column, tolerance: settings.tolerance ?? 1e-6, inputs: settings.inputs });
}
