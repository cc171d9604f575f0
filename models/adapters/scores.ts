import type { ScoresModel } from '../../harness/config/index.js';
import { readPopulation } from '../../datasets/io/index.js';
import { cellValue, type Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import type { ModelAdapter, ModelMeta, Scorer } from './model-adapter.js';

/**
 * Precomputed scores (or 0/1 decisions) joined to the population by an id column. Every population
 * id must have exactly one score; an id missing from the file, a duplicate id or a blank score is an
 * error naming it, never a silent NaN. Ids match by their text, so "17" and 17 are the same id, but
 * "0007" (read as text: leading zeros keep a CSV column text) and 7 are not.
 */
export function scoresAdapter(model: ScoresModel, meta: ModelMeta, path: string): ModelAdapter {
  const data = readPopulation(path, { columns: { [model.score]: { kind: 'numeric' } } });
  const idColumn = data.columns.get(model.id);
  if (!idColumn) throw new DisparateError('model', `${meta.file}: id: column "${model.id}" not in ${path}`);
  const scoreColumn = data.columns.get(model.score)!;
  const byId = new Map<string, number>();
  const rowOf = new Map<string, number>();
  for (let i = 0; i < data.n; i++) {
    const id = cellValue(idColumn, i);
    const score = cellValue(scoreColumn, i);
    if (id === null) throw new DisparateError('model', `${path}: row ${i + 1}: blank id`);
    if (score === null) throw new DisparateError('model', `${path}: row ${i + 1}: blank score for id ${id}`);
    if (byId.has(String(id))) throw new DisparateError('model', `${path}: id ${id} appears twice (rows ${rowOf.get(String(id))! + 1} and ${i + 1})`);
    byId.set(String(id), Number(score));
    rowOf.set(String(id), i);
  }
  return {
    meta,
    inputs: [{ name: model.id, type: idColumn.kind }],
    bind(table: Table): Scorer {
      const column = table.columns.get(model.id);
      if (!column) throw new DisparateError('model', `${meta.file}: id column "${model.id}" missing from the population`);
      return (start, end) => {
        const out = new Float32Array(end - start);
        for (let i = start; i < end; i++) {
          const id = cellValue(column, i);
          const score = id === null ? undefined : byId.get(String(id));
          if (score === undefined) throw new DisparateError('data', `${meta.file}: no score in ${path} for ${id === null ? `the blank id at row ${i + 1}` : `id ${id} (row ${i + 1})`}`);
          out[i - start] = score;
        }
        return out;
      };
    },
  };
}
