import type { DecisionRule } from '../../harness/config/index.js';
import type { CategoricalColumn, Column } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import type { TieTickets } from './tie-tickets.js';
import { topByKey, type Cut, type TieLot } from './top-by-key.js';

type SecondStage = NonNullable<Extract<DecisionRule, { rule: 'top_k' }>['second_stage']>;

/** A lot drawn by a decision: where (which selection, which stratum) and how many places it filled. */
export interface DecisionLot extends TieLot {
  /** `selection`: the rule's own top-k; `candidates`: the second stage's pool; `second_stage`: its priority ranking. */
  readonly stage: 'selection' | 'candidates' | 'second_stage';
  /** The stratum level (stratum_capacity), else null. */
  readonly stratum: string | null;
  /** Places in that selection (k, or the pool size for candidates). */
  readonly places: number;
}

/** The adverse decision of every row and how it was reached. */
export interface Decision {
  /** 1 = flagged for investigation, by row. */
  readonly flagged: Uint8Array;
  /**
   * The one cut every row is decided by (threshold, top_k and top_fraction without a second stage),
   * which decides counterfactual twins too; null when strata or a second stage rank rows by other
   * columns as well.
   */
  readonly cut: Cut | null;
  /** Every lot drawn among rows tied at a cut, in stratum order. */
  readonly lots: readonly DecisionLot[];
}

/** Population columns a rule needs besides the scores: the stratum and the uplift columns. */
export function decisionColumns(rule: DecisionRule): string[] {
  const out: string[] = [];
  if (rule.rule === 'stratum_capacity') out.push(rule.stratum);
  if (rule.rule !== 'threshold') for (const u of rule.second_stage?.uplift ?? []) out.push(u.column);
  return [...new Set(out)];
}

function categoricalColumn(columns: ReadonlyMap<string, Column> | undefined, name: string, field: string): CategoricalColumn {
  const column = columns?.get(name);
  if (!column) throw new DisparateError('config', `decision.${field}: column "${name}" is not in the population`);
  if (column.kind !== 'categorical') throw new DisparateError('config', `decision.${field}: column "${name}" is numeric; it must be categorical`);
  return column;
}

function gather(scores: Float32Array, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length);
  for (let j = 0; j < rows.length; j++) out[j] = scores[rows[j]!]!;
  return out;
}

interface Selection {
  readonly tickets: TieTickets;
  readonly lots: DecisionLot[];
  readonly stratum: string | null;
}

/**
 * Second stage: from the candidates (the top ⌈pool × k⌉ scores of `rows`), the k with the highest
 * priority = score × Π uplift factor of the row's level. Both rankings break ties by the same lot.
 */
function secondStage(rows: Int32Array, scores: Float32Array, k: number, stage: SecondStage, columns: ReadonlyMap<string, Column> | undefined, sel: Selection): Int32Array {
  const poolSize = Math.min(rows.length, Math.ceil(stage.pool * k));
  const pool = topByKey(rows, gather(scores, rows), poolSize, sel.tickets);
  if (pool.lot) sel.lots.push({ ...pool.lot, stage: 'candidates', stratum: sel.stratum, places: poolSize });
  const candidates = pool.rows;
  const uplifts = stage.uplift.map((u, i) => {
    const column = categoricalColumn(columns, u.column, `second_stage.uplift.${i}.column`);
    const unknown = Object.keys(u.factors).filter((l) => !column.levels.includes(l));
    if (unknown.length > 0) throw new DisparateError('config', `decision.second_stage.uplift.${i}.factors: ${unknown.map((l) => `"${l}"`).join(', ')} not a level of "${u.column}" (${column.levels.join(', ')})`);
    return { codes: column.codes, byCode: Float64Array.from(column.levels, (l) => (Object.hasOwn(u.factors, l) ? u.factors[l]! : 1)) };
  });
  const priority = new Float64Array(candidates.length);
  for (let j = 0; j < candidates.length; j++) {
    const r = candidates[j]!;
    let p = scores[r]!;
    for (const u of uplifts) if (u.codes[r]! >= 0) p *= u.byCode[u.codes[r]!]!;
    priority[j] = p;
  }
  const chosen = topByKey(candidates, priority, k, sel.tickets);
  if (chosen.lot) sel.lots.push({ ...chosen.lot, stage: 'second_stage', stratum: sel.stratum, places: k });
  return chosen.rows;
}

function selectTop(rows: Int32Array, keys: Float32Array, scores: Float32Array, k: number, stage: SecondStage | undefined, columns: ReadonlyMap<string, Column> | undefined, sel: Selection): { rows: Int32Array; cut: Cut | null } {
  if (stage) return { rows: secondStage(rows, scores, Math.min(k, rows.length), stage, columns, sel), cut: null };
  const top = topByKey(rows, keys, k, sel.tickets);
  if (top.lot) sel.lots.push({ ...top.lot, stage: 'selection', stratum: sel.stratum, places: Math.min(k, rows.length) });
  return top;
}

/**
 * Turns scores into the adverse decision (1 = flagged for investigation).
 * - `threshold`: score ≥ value;
 * - `top_fraction` / `top_k`: the k = round(fraction × n) or k highest scores;
 * - `stratum_capacity`: the top `capacities[level]` within each level of the stratum column;
 * - `second_stage` (optional on the last three): the capacity is filled from the top ⌈pool × k⌉
 *   candidates by priority = score × uplift factors.
 *
 * Ties at a cut (equal scores, or equal priorities, competing for fewer places than rows) are
 * settled by one seeded lot, each row's ticket a function of its identity (see {@link TieTickets}),
 * never of its position: capacities are met exactly, the flagged counts do not depend on the order
 * of the rows, on chunking or on worker count, and twins are decided by the same tickets. Row order
 * is no tie-break because files are often sorted by region, date or group, so that the first rows
 * of a tie are not a random sample of it; flagging every tied row (or none) would change the
 * capacity, which is a fact of the process being audited. Each lot is returned in `lots`.
 * `columns` must hold the rule's {@link decisionColumns}.
 *
 * @example applyDecision(Float32Array.of(0.2, 0.9, 0.5), { rule: 'threshold', value: 0.5 }, rowIndexTickets(1)).flagged // [0, 1, 1]
 */
export function applyDecision(scores: Float32Array, rule: DecisionRule, tickets: TieTickets, columns?: ReadonlyMap<string, Column>): Decision {
  const n = scores.length;
  const flagged = new Uint8Array(n);
  if (rule.rule === 'threshold') {
    for (let i = 0; i < n; i++) flagged[i] = scores[i]! >= rule.value ? 1 : 0;
    return { flagged, cut: { key: rule.value, ticket: -Infinity, row: -1 }, lots: [] };
  }
  const lots: DecisionLot[] = [];
  if (rule.rule === 'top_fraction' || rule.rule === 'top_k') {
    const k = rule.rule === 'top_k' ? Math.min(rule.k, n) : Math.round(rule.fraction * n);
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    const top = selectTop(all, scores, scores, k, rule.second_stage, columns, { tickets, lots, stratum: null });
    for (const r of top.rows) flagged[r] = 1;
    return { flagged, cut: top.cut, lots };
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
    const rows = members[code]!;
    const top = selectTop(rows, gather(scores, rows), scores, capacity, rule.second_stage, columns, { tickets, lots, stratum: level });
    for (const r of top.rows) flagged[r] = 1;
  });
  return { flagged, cut: null, lots };
}

/** The rule in words, for the manifest and reports. */
export function describeDecision(rule: DecisionRule): string {
  const stage = rule.rule !== 'threshold' && rule.second_stage
    ? `; second stage: from the top ${rule.second_stage.pool} × capacity candidates, priority = score × ${rule.second_stage.uplift.map((u) => `factor of ${u.column} (${Object.entries(u.factors).map(([l, f]) => `${l} ${f}`).join(', ')}; others 1)`).join(' × ')}`
    : '';
  const ties = 'ties at the cut settled by a seeded lot on row identity';
  switch (rule.rule) {
    case 'threshold':
      return `flagged when score ≥ ${rule.value}`;
    case 'top_fraction':
      return `top ${+(rule.fraction * 100).toFixed(4)} % of scores flagged (k = round(fraction × n); ${ties})${stage}`;
    case 'top_k':
      return `top ${rule.k} scores flagged (${ties})${stage}`;
    case 'stratum_capacity':
      return `top scores flagged within each ${rule.stratum} up to its capacity (${Object.entries(rule.capacities).map(([l, c]) => `${l} ${c}`).join(', ')}; others ${rule.default_capacity}; ${ties})${stage}`;
  }
}
