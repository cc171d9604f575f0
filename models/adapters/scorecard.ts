import type { ScorecardModel } from '../../harness/config/index.js';
import type { CategoricalColumn, Table } from '../../datasets/table/index.js';
import { compileArithmetic, evaluateArithmetic, type Expr } from './arithmetic.js';
import { checkInputs, missingValueError } from './check-inputs.js';
import type { Explanation, ModelAdapter, ModelMeta, Scorer } from './model-adapter.js';

/** Rows per tile: each table's buffer (4,096 float64) stays in cache while the expression runs. */
const TILE = 4096;

type PointsTable = ScorecardModel['tables'][string];

/** The points of one level path through a table's nested `points`, or undefined when not listed. */
export function tablePoints(table: PointsTable, levels: readonly string[]): number | undefined {
  let cur: unknown = table.points;
  for (const level of levels) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, level)) return undefined;
    cur = (cur as Record<string, unknown>)[level];
  }
  return typeof cur === 'number' ? cur : undefined;
}

/** Points of one table for every combination of its inputs' column codes (row-major, first input slowest). */
function pointsGrid(table: PointsTable, columns: CategoricalColumn[]): { grid: Float64Array; strides: number[] } {
  const sizes = columns.map((c) => c.levels.length);
  const strides = sizes.map((_, k) => sizes.slice(k + 1).reduce((a, b) => a * b, 1));
  const grid = new Float64Array(sizes.reduce((a, b) => a * b, 1)).fill(table.default);
  for (let index = 0; index < grid.length; index++) {
    const levels = columns.map((c, k) => c.levels[Math.floor(index / strides[k]!) % sizes[k]!]!);
    const v = tablePoints(table, levels);
    if (v !== undefined) grid[index] = v;
  }
  return { grid, strides };
}

/** The risk category of a score (categories highest first), or null. */
export function scoreCategory(model: ScorecardModel, score: number): string | null {
  for (const c of model.categories ?? []) if (score >= c.min) return c.name;
  return null;
}

/**
 * Scorecard: named points tables over one to four categorical inputs, combined by an arithmetic
 * expression (DUO's R1 × (R2 + R3)). The expression is parsed when the model is loaded; each table
 * becomes a flat grid indexed by the inputs' codes, so scoring is one lookup per table and row.
 */
export function scorecardAdapter(model: ScorecardModel, meta: ModelMeta, combine: Expr): ModelAdapter {
  const inputNames = [...new Set(Object.values(model.tables).flatMap((t) => t.inputs))];
  const inputs = inputNames.map((name) => ({ name, type: 'categorical' as const, levels: model.levels[name] ?? [] }));
  const bindTables = (table: Table) => {
    const columns = checkInputs(meta, inputs, table) as CategoricalColumn[];
    const byName = new Map(inputNames.map((n, i) => [n, columns[i]!]));
    return Object.entries(model.tables).map(([name, t]) => {
      const cols = t.inputs.map((i) => byName.get(i)!);
      return { name, t, cols, ...pointsGrid(t, cols) };
    });
  };
  return {
    meta,
    inputs,
    category: (score) => scoreCategory(model, score),
    bind(table: Table): Scorer {
      const tables = bindTables(table);
      // Tiles of TILE rows: each table's points into a reused buffer, then the compiled expression.
      const names = tables.map((t) => t.name);
      const buffers = tables.map(() => new Float64Array(TILE));
      const compiled = compileArithmetic(combine, names, TILE);
      const fill = (k: number, t0: number, t1: number) => {
        const { t, cols, grid, strides } = tables[k]!;
        const out = buffers[k]!;
        if (cols.length <= 2) {
          // The common shapes (one or two inputs), without the inner loop over inputs.
          const a = cols[0]!.codes;
          const b = cols[1]?.codes;
          const sa = strides[0]!;
          for (let i = t0, j = 0; i < t1; i++, j++) {
            const ca = a[i]!;
            const cb = b ? b[i]! : 0;
            if (ca < 0) throw missingValueError(meta, t.inputs[0]!, i);
            if (cb < 0) throw missingValueError(meta, t.inputs[1]!, i);
            out[j] = grid[ca * sa + cb]!;
          }
          return;
        }
        for (let i = t0, j = 0; i < t1; i++, j++) {
          let index = 0;
          for (let c = 0; c < cols.length; c++) {
            const code = cols[c]!.codes[i]!;
            if (code < 0) throw missingValueError(meta, t.inputs[c]!, i);
            index += code * strides[c]!;
          }
          out[j] = grid[index]!;
        }
      };
      return (start, end) => {
        const scores = new Float32Array(end - start);
        for (let t0 = start; t0 < end; t0 += TILE) {
          const t1 = Math.min(end, t0 + TILE);
          for (let k = 0; k < tables.length; k++) fill(k, t0, t1);
          const result = compiled.run(buffers, t1 - t0);
          for (let i = 0, j = t0 - start; i < t1 - t0; i++, j++) scores[j] = result[i]!;
        }
        return scores;
      };
    },
    explain(table: Table, row: number): Explanation {
      const tables = bindTables(table);
      const env = new Map<string, Float64Array>();
      const contributions = tables.map(({ name, t, cols }) => {
        const levels = cols.map((c, k) => {
          const code = c.codes[row]!;
          if (code < 0) throw missingValueError(meta, t.inputs[k]!, row);
          return c.levels[code]!;
        });
        const points = tablePoints(t, levels) ?? t.default;
        env.set(name, Float64Array.of(points));
        return { input: name, value: points, detail: t.inputs.map((input, k) => `${input}=${levels[k]}`).join(', ') };
      });
      const total = evaluateArithmetic(combine, env, 1)[0]!;
      const category = scoreCategory(model, total);
      return {
        space: 'points',
        base: 0,
        total,
        additive: false,
        method: `exact: points of each table, combined by ${model.combine}${category ? `; category ${category}` : ''}`,
        contributions,
      };
    },
  };
}
