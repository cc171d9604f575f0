import { createHash } from 'node:crypto';
import { ModelFile, describeIssue, readText } from '../../harness/config/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { expressionNames, parseArithmetic } from './arithmetic.js';
import { logisticAdapter } from './logistic.js';
import type { ModelAdapter, ModelMeta } from './model-adapter.js';
import { scorecardAdapter } from './scorecard.js';

/**
 * Loads a model file (JSON) and returns its adapter. Any problem is a DisparateError naming the
 * file and the field.
 */
export function loadModel(file: string): ModelAdapter {
  const text = readText(file, 'model');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new DisparateError('model', `${file}: malformed JSON: ${(e as Error).message}`);
  }
  const parsed = ModelFile.safeParse(raw);
  if (!parsed.success) throw new DisparateError('model', `${file}: ${describeIssue(parsed.error)}`);
  const model = parsed.data;
  const meta: ModelMeta = {
    kind: model.kind,
    name: model.name,
    source: model.source ?? null,
    file,
    hash: `sha256:${createHash('sha256').update(text).digest('hex')}`,
  };
  if (model.kind === 'logistic') return logisticAdapter(model, meta);
  let combine;
  try {
    combine = parseArithmetic(model.combine);
  } catch (e) {
    throw new DisparateError('model', `${file}: combine: ${(e as Error).message}`);
  }
  const unknown = expressionNames(combine).filter((n) => !Object.hasOwn(model.tables, n));
  if (unknown.length > 0) throw new DisparateError('model', `${file}: combine: unknown table ${unknown.join(', ')}`);
  for (const [name, table] of Object.entries(model.tables)) {
    for (const input of table.inputs) {
      if (!Object.hasOwn(model.levels, input)) throw new DisparateError('model', `${file}: tables.${name}.inputs: "${input}" has no entry in levels`);
    }
  }
  return scorecardAdapter(model, meta, combine);
}
