import type { JointVariable } from '../../harness/config/index.js';
import { streamId } from '../../harness/stats/rng/index.js';
import { checkLevels } from './check-levels.js';
import type { JointNode, PopulationIssue } from './resolved-population.js';

/**
 * Compiles a joint table of counts: cells in mixed-radix order (first column slowest), cumulative
 * shares computed from integer-valued running sums so that the cut points are exact rationals.
 *
 * @example
 * resolveJoint('cell', { type: 'joint', columns: { a: ['x', 'y'], b: ['u', 'v'] }, counts: { x: [1, 2], y: [3, 4] }, allocation: 'exact' }, 'variables.cell', issues);
 */
export function resolveJoint(name: string, v: JointVariable, path: string, issues: PopulationIssue[]): JointNode | undefined {
  const issue = (p: string, message: string): void => void issues.push({ path: p, message });
  const columns = Object.entries(v.columns).map(([column, levels]) => ({ name: column, levels }));
  if (columns.length < 2) {
    issue(`${path}.columns`, 'a joint table needs at least two columns (one column is a categorical variable with probs)');
    return undefined;
  }
  let ok = true;
  for (const c of columns) {
    if (!checkLevels(issue, c.levels, `${path}.columns.${c.name}`)) ok = false;
  }
  if (!ok) return undefined;
  const strides = new Array<number>(columns.length);
  let cells = 1;
  for (let i = columns.length - 1; i >= 0; i--) {
    strides[i] = cells;
    cells *= columns[i]!.levels.length;
  }
  const last = columns[columns.length - 1]!;
  const K = last.levels.length;
  const head = columns.slice(0, -1);
  const rows = cells / K;
  const counts = new Float64Array(cells);
  const seen = new Set<string>();
  for (let r = 0; r < rows; r++) {
    const key = head.map((c, i) => c.levels[Math.floor((r * K) / strides[i]!) % c.levels.length]!).join('|');
    seen.add(key);
    const row = Object.hasOwn(v.counts, key) ? v.counts[key] : undefined;
    if (row === undefined) {
      issue(`${path}.counts`, `missing row "${key}" (one row per combination of ${head.map((c) => c.name).join(', ')} levels)`);
      ok = false;
    } else if (row.length !== K) {
      issue(`${path}.counts.${key}`, `expected ${K} counts (one per level of ${last.name}), got ${row.length}`);
      ok = false;
    } else row.forEach((x, k) => (counts[r * K + k] = x));
  }
  for (const key of Object.keys(v.counts)) {
    if (!seen.has(key)) {
      issue(`${path}.counts.${key}`, `not a combination of ${head.map((c) => c.name).join('|')} levels (e.g. "${[...seen][0]}")`);
      ok = false;
    }
  }
  let total = 0;
  for (const x of counts) total += x;
  if (ok && !(total > 0)) {
    issue(`${path}.counts`, 'counts sum to 0');
    ok = false;
  }
  if (!ok) return undefined;
  const starts = new Float64Array(cells + 1);
  let running = 0;
  for (let c = 0; c < cells; c++) {
    starts[c] = running / total;
    running += counts[c]!;
  }
  starts[cells] = 1;
  return { kind: 'joint', name, stream: streamId(name), parents: [], columns, strides, counts, starts, total, allocation: v.allocation };
}
