import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCategorical, numeric, type Column, type Table } from '../../datasets/table/index.js';
import { DecisionRule } from '../../harness/config/index.js';
import { streamId, uniform } from '../../harness/stats/rng/index.js';
import {
  applyDecision,
  decisionColumns,
  describeDecision,
  flagByCut,
  rowContentTickets,
  rowIndexTickets,
  tieWarnings,
  type TieTickets,
} from '../../models/decision/index.js';

const rule = (r: unknown) => DecisionRule.parse(r);
const tickets = rowIndexTickets(1);
const decide = (scores: number[], r: unknown, columns?: Map<string, Column>, t: TieTickets = tickets) => applyDecision(Float32Array.from(scores), rule(r), t, columns);
const flags = (scores: number[], r: unknown, columns?: Map<string, Column>) => Array.from(decide(scores, r, columns).flagged);
/** The rows of `rows` with the highest tickets, as the lot draws them. */
const byTicket = (rows: number[], places: number, t: TieTickets = tickets) => {
  const drawn = t(Int32Array.from(rows), new Float64Array(rows.length));
  return rows.map((r, j) => ({ r, t: drawn[j]! })).sort((a, b) => b.t - a.t).slice(0, places).map((x) => x.r).sort((a, b) => a - b);
};
const marked = (n: number, rows: number[]) => Array.from({ length: n }, (_, i) => (rows.includes(i) ? 1 : 0));

describe('decision rules (hand-computed)', () => {
  it('top_k flags the k highest; the last places among tied rows go by lot, never by row order', () => {
    // 0.9 (row 3) is sure; 2 places for the three 0.5 (rows 1, 2, 4).
    expect(flags([0.1, 0.5, 0.5, 0.9, 0.5], { rule: 'top_k', k: 3 })).toEqual(marked(5, [3, ...byTicket([1, 2, 4], 2)]));
    expect(flags([0.1, 0.5], { rule: 'top_k', k: 5 })).toEqual([1, 1]);
    expect(flags([0.1, 0.5], { rule: 'top_k', k: 0 })).toEqual([0, 0]);
  });

  it('top_fraction keeps its meaning (k = round(fraction × n))', () => {
    expect(flags([0.1, 0.9, 0.5, 0.2, 0.8, 0.3], { rule: 'top_fraction', fraction: 0.5 })).toEqual([0, 1, 1, 0, 1, 0]);
  });

  const region = encodeCategorical(['north', 'south', 'north', 'south', 'north', 'south'], ['north', 'south', 'east']);
  const distance = encodeCategorical(['far', 'near', 'near', 'far', 'far', 'far'], ['near', 'far']);
  const columns = new Map<string, Column>([['region', region], ['distance', distance]]);
  const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];

  it('stratum_capacity takes the top capacity within each level; unlisted levels get default_capacity', () => {
    // north rows 0 (0.9), 2 (0.7), 4 (0.5): capacity 2 → rows 0, 2; south rows 1, 3, 5: capacity 1 → row 1.
    expect(flags(scores, { rule: 'stratum_capacity', stratum: 'region', capacities: { north: 2, south: 1 } }, columns)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(flags(scores, { rule: 'stratum_capacity', stratum: 'region', capacities: { north: 1 } }, columns)).toEqual([1, 0, 0, 0, 0, 0]);
    expect(flags(scores, { rule: 'stratum_capacity', stratum: 'region', capacities: {}, default_capacity: 1 }, columns)).toEqual([1, 1, 0, 0, 0, 0]);
  });

  it('stratum_capacity draws a lot per stratum among the rows tied at its own cut', () => {
    // north rows 0, 2, 4 all 0.5, capacity 1; south rows 1 (0.8), 3, 5 (0.3, 0.3), capacity 2: row 1 and one of 3, 5.
    const d = decide([0.5, 0.8, 0.5, 0.3, 0.5, 0.3], { rule: 'stratum_capacity', stratum: 'region', capacities: { north: 1, south: 2 } }, columns);
    expect(Array.from(d.flagged)).toEqual(marked(6, [...byTicket([0, 2, 4], 1), 1, ...byTicket([3, 5], 1)]));
    expect(d.cut).toBeNull();
    expect(d.lots).toEqual([
      { stage: 'selection', stratum: 'north', places: 1, key: 0.5, above: 0, tied: 3, flagged: 1 },
      { stage: 'selection', stratum: 'south', places: 2, key: Math.fround(0.3), above: 1, tied: 2, flagged: 1 },
    ]);
  });

  it('second stage fills the capacity from the candidate pool by score × uplift', () => {
    // top_k 2 with pool 2: candidates rows 0..3 (0.9, 0.8, 0.7, 0.6); near ×1.5: row 1 → 1.2, row 2 → 1.05, row 0 → 0.9.
    expect(flags(scores, { rule: 'top_k', k: 2, second_stage: { pool: 2, uplift: [{ column: 'distance', factors: { near: 1.5 } }] } }, columns)).toEqual([0, 1, 1, 0, 0, 0]);
    // pool 1: the candidates are the first stage's own choice, so the uplift changes nothing.
    expect(flags(scores, { rule: 'top_k', k: 2, second_stage: { pool: 1, uplift: [{ column: 'distance', factors: { near: 1.5 } }] } }, columns)).toEqual([1, 1, 0, 0, 0, 0]);
    // Per stratum: north candidates 0, 2, 4 (pool 3 × capacity 1): near row 2 → 1.05 beats row 0's 0.9.
    expect(flags(scores, { rule: 'stratum_capacity', stratum: 'region', capacities: { north: 1, south: 0 }, second_stage: { pool: 3, uplift: [{ column: 'distance', factors: { near: 1.5 } }] } }, columns)).toEqual([0, 0, 1, 0, 0, 0]);
  });

  it('ties in priority, and at the edge of the candidate pool, go by the same lot', () => {
    const same = new Map<string, Column>([['distance', encodeCategorical(['far', 'far', 'far', 'far'], ['near', 'far'])]]);
    const stage = { uplift: [{ column: 'distance', factors: { near: 2 } }] };
    // pool 3 × k 1 = 3 candidates of four tied rows, then one place among the three candidates.
    const d = decide([0.5, 0.5, 0.5, 0.5], { rule: 'top_k', k: 1, second_stage: { pool: 3, ...stage } }, same);
    expect(Array.from(d.flagged)).toEqual(marked(4, byTicket([0, 1, 2, 3], 1)));
    expect(d.lots.map((l) => [l.stage, l.places, l.tied, l.flagged])).toEqual([['candidates', 3, 4, 3], ['second_stage', 1, 3, 1]]);
  });

  it('no lot when the tied rows fit the places exactly, or for a threshold', () => {
    expect(decide([0.9, 0.5, 0.5, 0.1], { rule: 'top_k', k: 3 }).lots).toEqual([]);
    expect(decide([0.5, 0.5], { rule: 'threshold', value: 0.5 }).lots).toEqual([]);
  });

  it('names the columns a rule needs and refuses a missing or unknown one', () => {
    expect(decisionColumns(rule({ rule: 'stratum_capacity', stratum: 'region', capacities: {}, second_stage: { uplift: [{ column: 'distance', factors: {} }] } }))).toEqual(['region', 'distance']);
    expect(() => flags(scores, { rule: 'stratum_capacity', stratum: 'province', capacities: {} }, columns)).toThrow(/decision.stratum: column "province" is not in the population/);
    expect(() => flags(scores, { rule: 'stratum_capacity', stratum: 'region', capacities: { west: 3 } }, columns)).toThrow(/"west" not a level of "region"/);
  });

  it('describes every rule in words, the tie rule included', () => {
    expect(describeDecision(rule({ rule: 'top_k', k: 5 }))).toBe('top 5 scores flagged (ties at the cut settled by a seeded lot on row identity)');
    expect(describeDecision(rule({ rule: 'stratum_capacity', stratum: 'region', capacities: { north: 2 } }))).toMatch(/within each region up to its capacity \(north 2; others 0; ties at the cut settled by a seeded lot on row identity\)/);
  });
});

describe('tie tickets', () => {
  it("a synthetic row's ticket is uniform(seed, streamId('tie-break'), row, slot 1)", () => {
    const rows = Int32Array.of(0, 1, 2, 3, 1_000_001, 2 ** 31 - 1);
    const drawn = rowIndexTickets(42)(rows, new Float64Array(rows.length));
    rows.forEach((r, j) => expect(drawn[j]).toBe(uniform(42, streamId('tie-break'), r, 1)));
  });

  it("a file row's ticket follows its contents, not its position, and the seed", () => {
    const table = (order: number[]): Table => ({
      n: order.length,
      columns: new Map<string, Column>([
        ['g', encodeCategorical(order.map((i) => ['a', 'b', 'a'][i]!))],
        ['x', numeric(Float64Array.from(order, (i) => [1, 1, 2][i]!))],
      ]),
    });
    const forward = rowContentTickets(table([0, 1, 2]), 7)(Int32Array.of(0, 1, 2), new Float64Array(3));
    const reversed = rowContentTickets(table([2, 1, 0]), 7)(Int32Array.of(2, 1, 0), new Float64Array(3));
    expect(Array.from(reversed)).toEqual(Array.from(forward));
    expect(new Set(forward).size).toBe(3);
    expect(rowContentTickets(table([0, 1, 2]), 8)(Int32Array.of(0), new Float64Array(1))[0]).not.toBe(forward[0]);
  });
});

/** A random population with heavy ties: few score levels, two strata, an uplift column and a group. */
const population = fc.record({
  rows: fc.array(fc.record({ score: fc.integer({ min: 0, max: 3 }), region: fc.constantFrom('north', 'south'), near: fc.boolean(), group: fc.constantFrom('a', 'b') }), { minLength: 1, maxLength: 60 }),
  seed: fc.nat(1000),
  order: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
  rule: fc.constantFrom<unknown>(
    { rule: 'top_k', k: 7 },
    { rule: 'top_fraction', fraction: 0.3 },
    { rule: 'stratum_capacity', stratum: 'region', capacities: { north: 3, south: 5 } },
    { rule: 'top_k', k: 6, second_stage: { pool: 2, uplift: [{ column: 'distance', factors: { near: 2 } }] } },
    { rule: 'stratum_capacity', stratum: 'region', capacities: { north: 4 }, default_capacity: 2, second_stage: { pool: 1.5, uplift: [{ column: 'distance', factors: { near: 2 } }] } },
  ),
});
type Row = { score: number; region: string; near: boolean; group: string };
const asTable = (rows: Row[]): Table => ({
  n: rows.length,
  columns: new Map<string, Column>([
    ['region', encodeCategorical(rows.map((r) => r.region), ['north', 'south'])],
    ['distance', encodeCategorical(rows.map((r) => (r.near ? 'near' : 'far')), ['near', 'far'])],
    ['group', encodeCategorical(rows.map((r) => r.group), ['a', 'b'])],
    ['score', numeric(Float64Array.from(rows, (r) => r.score))],
  ]),
});
const decideFile = (rows: Row[], r: unknown, seed: number) => {
  const table = asTable(rows);
  return applyDecision(Float32Array.from(rows, (x) => x.score / 4), rule(r), rowContentTickets(table, seed), table.columns);
};
/** Rows a rule must flag: its capacity, whatever the ties. */
const capacity = (rows: Row[], r: unknown) => {
  const d = rule(r);
  const inRegion = (level: string) => rows.filter((x) => x.region === level).length;
  if (d.rule === 'top_k') return Math.min(d.k, rows.length);
  if (d.rule === 'top_fraction') return Math.round(d.fraction * rows.length);
  if (d.rule === 'stratum_capacity') return ['north', 'south'].reduce((s, l) => s + Math.min(d.capacities[l] ?? d.default_capacity, inRegion(l)), 0);
  throw new Error('no threshold here');
};
/** The flagged rows as a sorted list of their contents: equal lists mean equal counts in every group and cell. */
const flaggedContents = (rows: Row[], flagged: Uint8Array) => rows.filter((_, i) => flagged[i] === 1).map((r) => JSON.stringify(r)).sort();

describe('ties do not depend on row order (property)', () => {
  it('reversing or shuffling a file flags the same rows, for every decision kind, capacities met exactly', () => {
    fc.assert(
      fc.property(population, ({ rows, seed, order, rule: r }) => {
        const reversed = [...rows].reverse();
        const shuffled = rows.map((row, i) => ({ row, key: order[i]! })).sort((a, b) => a.key - b.key).map((x) => x.row);
        const base = decideFile(rows, r, seed);
        expect(base.flagged.reduce((a, b) => a + b, 0)).toBe(capacity(rows, r));
        for (const other of [reversed, shuffled]) {
          const d = decideFile(other, r, seed);
          expect(flaggedContents(other, d.flagged)).toEqual(flaggedContents(rows, base.flagged));
          expect(d.lots).toEqual(base.lots);
        }
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it("the cut of a single-cut rule re-flags the population exactly, chunk by chunk (so twins at do(attribute = its own value) are flagged as their originals)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 80 }), fc.nat(80), fc.integer({ min: 1, max: 30 }), fc.nat(1000), (levels, k, chunk, seed) => {
        const scores = Float32Array.from(levels, (l) => l / 8);
        const t = rowIndexTickets(seed);
        for (const r of [{ rule: 'top_k', k }, { rule: 'top_fraction', fraction: Math.min(0.99, (k + 1) / 81) }, { rule: 'threshold', value: 0.25 }]) {
          const d = applyDecision(scores, rule(r), t);
          const again = new Uint8Array(scores.length);
          for (let start = 0; start < scores.length; start += chunk) again.set(flagByCut(scores.slice(start, start + chunk), start, d.cut!, t), start);
          expect(Array.from(again)).toEqual(Array.from(d.flagged));
        }
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('tieWarnings: the ties-at-cut warning', () => {
  it('names the rule, stratum and stage, the rows tied, the places and how many the lot flagged', () => {
    const r = rule({ rule: 'stratum_capacity', stratum: 'region', capacities: { north: 2 }, second_stage: { uplift: [{ column: 'distance', factors: { near: 2 } }] } });
    expect(tieWarnings(r, [
      { stage: 'candidates', stratum: 'north', places: 4, key: Math.fround(0.3), above: 1, tied: 5, flagged: 3 },
      { stage: 'second_stage', stratum: 'north', places: 2, key: 0.6, above: 1, tied: 2, flagged: 1 },
    ])).toEqual([
      { code: 'ties-at-cut', message: "stratum_capacity (region = north), second-stage candidates: 5 rows tie at score 0.3 for the last 3 of 4 candidate places (1 scored higher); a seeded lot on row identity admitted 3 of them and left 2 out (each tied row's chance 3/5; which rows, and so the groups' counts, follow the run's seed, not the order of the rows)" },
      { code: 'ties-at-cut', message: "stratum_capacity (region = north), second stage: 2 candidates tie at priority 0.6 (score × uplift) for the last 1 of 2 places (1 ranked higher); a seeded lot on row identity flagged 1 of them and left 1 unflagged (each tied row's chance 1/2; which rows, and so the groups' counts, follow the run's seed, not the order of the rows)" },
    ]);
    expect(tieWarnings(rule({ rule: 'top_k', k: 3 }), [{ stage: 'selection', stratum: null, places: 3, key: 0.5, above: 1, tied: 3, flagged: 2 }])).toEqual([
      { code: 'ties-at-cut', message: "top_k: 3 rows tie at score 0.5 for the last 2 of 3 places (1 scored higher); a seeded lot on row identity flagged 2 of them and left 1 unflagged (each tied row's chance 2/3; which rows, and so the groups' counts, follow the run's seed, not the order of the rows)" },
    ]);
  });
});
