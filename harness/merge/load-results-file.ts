import { createHash } from 'node:crypto';
import { describeIssue, parseJson, readText, restoreProtoKeys, shieldProtoKeys, unshield } from '../config/index.js';
import { DisparateError } from '../errors/index.js';
import { Results } from '../results/index.js';

/** A results.json read from disk: what `merge` takes. */
export interface LoadedResults {
  readonly file: string;
  /** sha256 of the file's bytes, "sha256:<hex>". */
  readonly hash: string;
  readonly results: Results;
}

/**
 * Reads a results.json and validates it against the Results schema (schemaVersion 1 only). A
 * missing file, malformed JSON, another schema version or a bad field is a data error naming the
 * file and the field.
 *
 * @example loadResultsFile('out/north/results.json').results.manifest.rows // 20000
 */
export function loadResultsFile(file: string): LoadedResults {
  const text = readText(file, 'data');
  const raw = parseJson(text, file, 'data');
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== 1) throw new DisparateError('data', `${file}: schemaVersion: expected 1, found ${JSON.stringify(version) ?? 'none'} (not a results.json of this version of disparate)`);
  const parsed = Results.safeParse(shieldProtoKeys(raw));
  if (!parsed.success) throw new DisparateError('data', `${file}: ${unshield(describeIssue(parsed.error))}`);
  return { file, hash: `sha256:${createHash('sha256').update(text).digest('hex')}`, results: restoreProtoKeys(parsed.data) };
}
