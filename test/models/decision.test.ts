import { describe, expect, it } from 'vitest';
import { encodeCategorical, type Column } from '../../datasets/table/index.js';
import { DecisionRule } from '../../harness/config/index.js';
import { applyDecision, decisionColumns, describeDecision } from '../../models/decision/index.js';

const rule = (r: unknown) => DecisionRule.parse(r);
const flags = (scores: number[], r: unknown, columns?: Map<string, Column>) => Array.from(applyDecision(Float32Array.from(scores), rule(r), columns));

describe('decision rules (hand-computed)', () => {
  it('top_k flags the k highest, ties by row order', () => {
    expect(flags([0.1, 0.5, 0.5, 0.9, 0.5], { rule: 'top_k', k: 3 })).toEqual([0, 1, 1, 1, 0]);
    expect(flags([0.1, 0.5], { rule: 'top_k', k: 5 })).toEqual([1, 1]);
    expect(flags([0.1, 0.5], { rule: 'top_k', k: 0 })).toEqual([0, 0]);
  });

  it('top_fraction keeps its meaning (k = round(fraction × n))', () => {
    expect(flags([0.1, 0.9, 0.5, 0.2, 0.9, 0.3], { rule: 'top_fraction', fraction: 0.5 })).toEqual([0, 1, 1, 0, 1, 0]);
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

  it('second stage fills the capacity from the candidate pool by score × uplift', () => {
    // top_k 2 with pool 2: candidates rows 0..3 (0.9, 0.8, 0.7, 0.6); near ×1.5: row 1 → 1.2, row 2 → 1.05, row 0 → 0.9.
    expect(flags(scores, { rule: 'top_k', k: 2, second_stage: { pool: 2, uplift: [{ column: 'distance', factors: { near: 1.5 } }] } }, columns)).toEqual([0, 1, 1, 0, 0, 0]);
    // pool 1: the candidates are the first stage's own choice, so the uplift changes nothing.
    expect(flags(scores, { rule: 'top_k', k: 2, second_stage: { pool: 1, uplift: [{ column: 'distance', factors: { near: 1.5 } }] } }, columns)).toEqual([1, 1, 0, 0, 0, 0]);
    // Per stratum: north candidates 0, 2, 4 (pool 3 × capacity 1): near row 2 → 1.05 beats row 0's 0.9.
    expect(flags(scores, { rule: 'stratum_capacity', stratum: 'region', capacities: { north: 1, south: 0 }, second_stage: { pool: 3, uplift: [{ column: 'distance', factors: { near: 1.5 } }] } }, columns)).toEqual([0, 0, 1, 0, 0, 0]);
  });

  it('ties in priority go to the earlier row', () => {
    const same = new Map<string, Column>([['distance', encodeCategorical(['far', 'far', 'far'], ['near', 'far'])]]);
    expect(flags([0.5, 0.5, 0.5], { rule: 'top_k', k: 1, second_stage: { pool: 3, uplift: [{ column: 'distance', factors: { near: 2 } }] } }, same)).toEqual([1, 0, 0]);
  });

  it('names the columns a rule needs and refuses a missing or unknown one', () => {
    expect(decisionColumns(rule({ rule: 'stratum_capacity', stratum: 'region', capacities: {}, second_stage: { uplift: [{ column: 'distance', factors: {} }] } }))).toEqual(['region', 'distance']);
    expect(() => flags(scores, { rule: 'stratum_capacity', stratum: 'province', capacities: {} }, columns)).toThrow(/decision.stratum: column "province" is not in the population/);
    expect(() => flags(scores, { rule: 'stratum_capacity', stratum: 'region', capacities: { west: 3 } }, columns)).toThrow(/"west" not a level of "region"/);
  });

  it('describes every rule in words', () => {
    expect(describeDecision(rule({ rule: 'top_k', k: 5 }))).toBe('top 5 scores flagged (ties by row order)');
    expect(describeDecision(rule({ rule: 'stratum_capacity', stratum: 'region', capacities: { north: 2 } }))).toMatch(/within each region up to its capacity \(north 2; others 0/);
  });
});

describe('tieBreak: flags decided by row order, not by score', () => {
  it('counts the rows tied at the cut-off when some of them are left unflagged', async () => {
    const { tieBreak } = await import('../../models/decision/index.js');
    const scores = Float32Array.of(0.9, 0.5, 0.5, 0.5, 0.1);
    expect(tieBreak({ rule: 'top_k', k: 2 }, scores, Uint8Array.of(1, 1, 0, 0, 0))).toEqual({ score: 0.5, flagged: 1, tied: 3 });
    // Every tied row flagged, a threshold, or a second stage: nothing decided by row order.
    expect(tieBreak({ rule: 'top_k', k: 4 }, scores, Uint8Array.of(1, 1, 1, 1, 0))).toBeNull();
    expect(tieBreak({ rule: 'threshold', value: 0.5 }, scores, Uint8Array.of(1, 1, 1, 1, 0))).toBeNull();
    expect(tieBreak({ rule: 'top_k', k: 2, second_stage: { pool: 2, uplift: [{ column: 'x', factors: {} }] } }, scores, Uint8Array.of(1, 1, 0, 0, 0))).toBeNull();
    expect(tieBreak({ rule: 'top_fraction', fraction: 0.2 }, scores, new Uint8Array(5))).toBeNull();
  });
});
