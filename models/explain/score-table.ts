import { encodeCategorical, numeric, type Column, type Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { bindAsync, checkFiniteScores, type AnyModelAdapter } from '../adapters/index.js';

/**
 * Scores every row of a table in chunks and returns the table with `score` appended (and `category`
 * for models with categories, `flagged` with a threshold). Used by `disparate score`.
 */
export async function scoreTable(model: AnyModelAdapter, table: Table, opts: { threshold?: number | undefined; chunkSize?: number; dataFile?: string } = {}): Promise<Table> {
  const scorer = bindAsync(model, table);
  const chunk = opts.chunkSize ?? 65_536;
  const scores = new Float32Array(table.n);
  for (let start = 0; start < table.n; start += chunk) scores.set(await scorer(start, Math.min(table.n, start + chunk)), start);
  checkFiniteScores(model.meta.file, scores, 0);
  const columns = new Map<string, Column>(table.columns);
  for (const name of ['score', 'category', 'flagged']) {
    if (columns.has(name)) throw new DisparateError('data', `${opts.dataFile ?? 'the data'}: already has a column "${name}", which disparate score writes; rename it`);
  }
  columns.set('score', numeric(Float64Array.from(scores)));
  if (model.category) columns.set('category', encodeCategorical(Array.from(scores, (s) => model.category!(s))));
  if (opts.threshold !== undefined) columns.set('flagged', numeric(Float64Array.from(scores, (s) => (s >= opts.threshold! ? 1 : 0))));
  return { n: table.n, columns };
}
