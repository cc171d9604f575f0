import type { ScorecardModel } from '../../harness/config/index.js';
import type { CategoricalColumn, Table } from '../../datasets/table/index.js';
import { evaluateArithmetic, type Expr } from './arithmetic.js';
import { checkInputs, missingValueError } from './check-inputs.js';
import type { ModelAdapter, ModelMeta, Scorer } from './model-adapter.js';

/** Points of one table for every combination of its inputs' column codes (row-major). */
function pointsGrid(table: ScorecardModel['tables'][string], columns: CategoricalColumn[]): Float64Array {
  const [first, second] = columns;
  const rows = first!.levels.length;
  const cols = second ? second.levels.length : 1;
  const grid = new Float64Array(rows * cols).fill(table.default);
  first!.levels.forEach((a, i) => {
    const entry = table.points[a];
    if (entry === undefined) return;
    if (!second) {
      if (typeof entry === 'number') grid[i] = entry;
      return;
    }
    if (typeof entry === 'number') return;
    second.levels.forEach((b, j) => {
      const v = entry[b];
      if (v !== undefined) grid[i * cols + j] = v;
    });
  });
  return grid;
}

/**
 * Scorecard: named points tables over categorical inputs, combined by an arithmetic expression
 * (DUO's R1 × (R2 + R3)). The expression is parsed when the model is loaded.
 */
export function scorecardAdapter(model: ScorecardModel, meta: ModelMeta, combine: Expr): ModelAdapter {
  const inputNames = [...new Set(Object.values(model.tables).flatMap((t) => t.inputs))];
  const inputs = inputNames.map((name) => ({ name, type: 'categorical' as const, levels: model.levels[name] ?? [] }));
  return {
    meta,
    inputs,
    bind(table: Table): Scorer {
      const columns = checkInputs(meta, inputs, table) as CategoricalColumn[];
      const byName = new Map(inputNames.map((n, i) => [n, columns[i]!]));
      const tables = Object.entries(model.tables).map(([name, t]) => {
        const cols = t.inputs.map((i) => byName.get(i)!);
        return { name, t, cols, grid: pointsGrid(t, cols) };
      });
      return (start, end) => {
        const env = new Map<string, Float64Array>();
        for (const { name, t, cols, grid } of tables) {
          const out = new Float64Array(end - start);
          const [a, b] = cols;
          const width = b ? b.levels.length : 1;
          for (let i = start; i < end; i++) {
            const ca = a!.codes[i]!;
            const cb = b ? b.codes[i]! : 0;
            if (ca < 0) throw missingValueError(meta, t.inputs[0]!, i);
            if (cb < 0) throw missingValueError(meta, t.inputs[1]!, i);
            out[i - start] = grid[ca * width + cb]!;
          }
          env.set(name, out);
        }
        return Float32Array.from(evaluateArithmetic(combine, env, end - start));
      };
    },
  };
}
