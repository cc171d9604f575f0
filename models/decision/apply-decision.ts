import type { DecisionRule } from '../../harness/config/index.js';
import type { CategoricalColumn, Column } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { kthLargest } from './kth-largest.js';

type SecondStage = NonNullable<Extract<DecisionRule, { rule: 'top_k' }>['second_stage']>;

/** Population columns a rule needs besides the scores: the stratum and the uplift columns. */
export function decisionColumns(rule: DecisionRule): string[] {
  const out: string[] = [];
  if (rule.rule === 'stratum_capacity') out.push(rule.stratum);
  if (rule.rule !== 'threshold') for (const u of rule.second_stage?.uplift ?? []) out.push(u.column);
  return [...new Set(out)];
}

/**
 * The `k` highest scores among `rows` (ascending row indices), ties at the cut-off broken by row
 * order; returned in row order. Linear time: a selection for the cut-off, then one pass.
 */
export function topRows(rows: Int32Array, scores: Float32Array, k: number): Int32Array {
  if (k <= 0 || rows.length === 0) return new Int32Array(0);
  if (k >= rows.length) return rows.slice();
  const values = new Float32Array(rows.length);
  for (let j = 0; j < rows.length; j++) values[j] = scores[rows[j]!]!;
  const cut = kthLargest(values, k);
  let above = 0;
  for (let j = 0; j < values.length; j++) if (values[j]! > cut) above++;
  const out = new Int32Array(k);
  let taken = 0;
  let ties = k - above;
  for (let j = 0; j < values.length && taken < k; j++) {
    const v = values[j]!;
    if (v > cut || (v === cut && ties-- > 0)) out[taken++] = rows[j]!;
  }
  return out;
}

function categoricalColumn(columns: ReadonlyMap<string, Column> | undefined, name: string, field: string): CategoricalColumn {
  const column = columns?.get(name);
  if (!column) throw new DisparateError('config', `decision.${field}: column "${name}" is not in the population`);
  if (column.kind !== 'categorical') throw new DisparateError('config', `decision.${field}: column "${name}" is numeric; it must be categorical`);
  return column;
}

/**
 * Second stage: from the candidates (the top ⌈pool × k⌉ scores of `rows`), the k with the highest
 * priority = score × Π uplift factor of the row's level; ties by row order.
 */
function secondStage(rows: Int32Array, scores: Float32Array, k: number, stage: SecondStage, columns: ReadonlyMap<string, Column> | undefined): Int32Array {
  const candidates = topRows(rows, scores, Math.min(rows.length, Math.ceil(stage.pool * k)));
  const uplifts = stage.uplift.map((u, i) => {
    const column = categoricalColumn(columns, u.column, `second_stage.uplift.${i}.column`);
    const unknown = Object.keys(u.factors).filter((l) => !column.levels.includes(l));
    if (unknown.length > 0) throw new DisparateError('config', `decision.second_stage.uplift.${i}.factors: ${unknown.map((l) => `"${l}"`).join(', ')} not a level of "${u.column}" (${column.levels.join(', ')})`);
    return { codes: column.codes, byCode: Float64Array.from(column.levels, (l) => (Object.hasOwn(u.factors, l) ? u.factors[l]! : 1)) };
  });
  const priority = Float64Array.from(candidates, (r) => uplifts.reduce((p, u) => p * (u.codes[r]! >= 0 ? u.byCode[u.codes[r]!]! : 1), scores[r]!));
  const order = Array.from(candidates.keys()).sort((a, b) => priority[b]! - priority[a]! || a - b);
  return Int32Array.from(order.slice(0, k).map((j) => candidates[j]!)).sort();
}

function selectTop(rows: Int32Array, scores: Float32Array, k: number, stage: SecondStage | undefined, columns: ReadonlyMap<string, Column> | undefined): Int32Array {
  return stage ? secondStage(rows, scores, Math.min(k, rows.length), stage, columns) : topRows(rows, scores, k);
}

/**
 * Turns scores into the adverse decision (1 = flagged for investigation).
 * - `threshold`: score ≥ value;
 * - `top_fraction` / `top_k`: the k = round(fraction × n) or k highest scores;
 * - `stratum_capacity`: the top `capacities[level]` within each level of the stratum column;
 * - `second_stage` (optional on the last three): the capacity is filled from the top ⌈pool × k⌉
 *   candidates by priority = score × uplift factors.
 * Ties are always broken by row order, so the result does not depend on chunking or worker count.
 * `columns` must hold the rule's {@link decisionColumns}.
 *
 * @example applyDecision(Float32Array.of(0.2, 0.9, 0.5), { rule: 'threshold', value: 0.5 }) // [0, 1, 1]
 */
export function applyDecision(scores: Float32Array, rule: DecisionRule, columns?: ReadonlyMap<string, Column>): Uint8Array {
  const n = scores.length;
  const flagged = new Uint8Array(n);
  if (rule.rule === 'threshold') {
    for (let i = 0; i < n; i++) flagged[i] = scores[i]! >= rule.value ? 1 : 0;
    return flagged;
  }
  const all = () => Int32Array.from({ length: n }, (_, i) => i);
  if (rule.rule === 'top_fraction' || rule.rule === 'top_k') {
    const k = rule.rule === 'top_k' ? Math.min(rule.k, n) : Math.round(rule.fraction * n);
    for (const r of selectTop(all(), scores, k, rule.second_stage, columns)) flagged[r] = 1;
    return flagged;
  }
  const stratum = categoricalColumn(columns, rule.stratum, 'stratum');
  const unknown = Object.keys(rule.capacities).filter((l) => !stratum.levels.includes(l));
  if (unknown.length > 0) throw new DisparateError('config', `decision.capacities: ${unknown.map((l) => `"${l}"`).join(', ')} not a level of "${rule.stratum}" (${stratum.levels.join(', ')})`);
  const sizes = new Int32Array(stratum.levels.length);
  for (let i = 0; i < n; i++) {
    const code = stratum.codes[i]!;
    if (code < 0) throw new DisparateError('data', `decision.stratum: "${rule.stratum}" is missing at row ${i + 1}; every row needs a stratum`);
    sizes[code]!++;
  }
  const members = Array.from(sizes, (size) => new Int32Array(size));
  const fill = new Int32Array(sizes.length);
  for (let i = 0; i < n; i++) {
    const code = stratum.codes[i]!;
    members[code]![fill[code]!++] = i;
  }
  stratum.levels.forEach((level, code) => {
    const capacity = Object.hasOwn(rule.capacities, level) ? rule.capacities[level]! : rule.default_capacity;
    for (const r of selectTop(members[code]!, scores, capacity, rule.second_stage, columns)) flagged[r] = 1;
  });
  return flagged;
}

/** The rule in words, for the manifest and reports. */
export function describeDecision(rule: DecisionRule): string {
  const stage = rule.rule !== 'threshold' && rule.second_stage
    ? `; second stage: from the top ${rule.second_stage.pool} × capacity candidates, priority = score × ${rule.second_stage.uplift.map((u) => `factor of ${u.column} (${Object.entries(u.factors).map(([l, f]) => `${l} ${f}`).join(', ')}; others 1)`).join(' × ')}`
    : '';
  switch (rule.rule) {
    case 'threshold':
      return `flagged when score ≥ ${rule.value}`;
    case 'top_fraction':
      return `top ${+(rule.fraction * 100).toFixed(4)} % of scores flagged (k = round(fraction × n), ties by row order)${stage}`;
    case 'top_k':
      return `top ${rule.k} scores flagged (ties by row order)${stage}`;
    case 'stratum_capacity':
      return `top scores flagged within each ${rule.stratum} up to its capacity (${Object.entries(rule.capacities).map(([l, c]) => `${l} ${c}`).join(', ')}; others ${rule.default_capacity}; ties by row order)${stage}`;
  }
}
