import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  descendantColumns,
  loadPopulationSpec,
  resolvePopulation,
  samplePopulation,
  sampleTwins,
  type ResolvedPopulation,
} from '../../datasets/synth/index.js';
import type { Column, Table } from '../../datasets/table/index.js';
import { toy } from './fixtures.js';

const caf = resolvePopulation(loadPopulationSpec('datasets/populations/caf-households.yaml'));
const duo = resolvePopulation(loadPopulationSpec('datasets/populations/duo-2014.yaml'));
const toyResolved = resolvePopulation(toy);

const same = (a: Column, b: Column, i: number): boolean =>
  a.kind === 'categorical' && b.kind === 'categorical' ? a.codes[i] === b.codes[i] : a.kind === 'numeric' && b.kind === 'numeric' && Object.is(a.values[i], b.values[i]);

/** Names of the columns in which row i of the two tables differ. */
function changed(a: Table, b: Table, i: number): string[] {
  return [...a.columns.keys()].filter((name) => !same(a.columns.get(name)!, b.columns.get(name)!, i));
}

/** (attribute, value) pairs over every categorical column of a population. */
function interventions(resolved: ResolvedPopulation): [string, string][] {
  const out: [string, string][] = [];
  for (const column of resolved.columns) {
    const node = resolved.nodes.get(column)!;
    const levels = node.kind === 'categorical' ? node.levels : node.kind === 'joint' ? node.columns.find((c) => c.name === column)!.levels : null;
    for (const lv of levels ?? []) out.push([column, lv]);
  }
  return out;
}

describe.each([
  ['caf-households', caf, 2 ** 53 - 1],
  ['toy', toyResolved, 2 ** 53 - 1],
  ['duo-2014 (joint table, exact allocation)', duo, 248_860],
])('sampleTwins on %s', (_, resolved, maxSize) => {
  const pairs = interventions(resolved);
  const arb = fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 40 }),
    start: fc.integer({ min: 0, max: 100_000 }),
    n: fc.integer({ min: 1, max: 400 }),
    pair: fc.constantFrom(...pairs),
  });
  const sizeOf = (start: number, n: number): number => Math.min(maxSize, 200_000) + start + n;

  it('property: direct twins differ from their row only in the attribute', () => {
    fc.assert(
      fc.property(arb, ({ seed, start, n, pair: [attribute, value] }) => {
        const size = sizeOf(start, n);
        const original = samplePopulation(resolved, { seed, n, start, size });
        const twin = sampleTwins(resolved, { seed, n, start, size, attribute, value, effect: 'direct' });
        for (let i = 0; i < n; i++) for (const c of changed(original, twin, i)) expect(c).toBe(attribute);
      }),
      { numRuns: 60 },
    );
  });

  it('property: total twins differ only in the attribute and its descendants; rows already at the value are unchanged', () => {
    fc.assert(
      fc.property(arb, ({ seed, start, n, pair: [attribute, value] }) => {
        const size = sizeOf(start, n);
        const allowed = new Set([attribute, ...descendantColumns(resolved, attribute).columns]);
        const original = samplePopulation(resolved, { seed, n, start, size });
        const twin = sampleTwins(resolved, { seed, n, start, size, attribute, value, effect: 'total' });
        const reused = sampleTwins(resolved, { seed, n, start, size, attribute, value, effect: 'total', original });
        const attr = original.columns.get(attribute)!;
        for (let i = 0; i < n; i++) {
          const diff = changed(original, twin, i);
          for (const c of diff) expect(allowed.has(c), `${c} changed under do(${attribute} = ${value})`).toBe(true);
          if (attr.kind === 'categorical' && attr.levels[attr.codes[i]!] === value) expect(diff).toEqual([]);
          expect(changed(twin, reused, i)).toEqual([]);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('twin semantics', () => {
  it('descendants follow the graph: nationality reaches income and the outcome but not disability', () => {
    const d = descendantColumns(caf, 'nationality').columns;
    expect(d.has('income')).toBe(true);
    expect(d.has('income_band')).toBe(true);
    expect(d.has('fraud')).toBe(true);
    expect(d.has('disability')).toBe(false);
    expect([...descendantColumns(duo, 'origin').columns].sort()).toEqual(['age', 'distance', 'education', 'origin_group']);
    expect([...descendantColumns(duo, 'age').columns]).toEqual(['distance']);
  });

  it('joint total twins move a row to the same relative position inside the new origin group', () => {
    const n = 248_860;
    const t = samplePopulation(duo, { seed: 4, n });
    const twin = sampleTwins(duo, { seed: 4, n, attribute: 'origin', value: 'nl', effect: 'total', original: t });
    // All rows now Dutch: the twin population's cells are the Dutch table scaled to n, within 1 per cell.
    const node = duo.order.find((x) => x.kind === 'joint');
    if (node?.kind !== 'joint') throw new Error('fixture');
    const cols = ['origin', 'education', 'age', 'distance'].map((c) => twin.columns.get(c) as Extract<Column, { kind: 'categorical' }>);
    const counts = new Float64Array(node.counts.length);
    for (let i = 0; i < n; i++) counts[cols.reduce((s, c, j) => s + c.codes[i]! * node.strides[j]!, 0)]!++;
    const dutch = node.counts.subarray(0, node.strides[0]!);
    const dutchTotal = dutch.reduce((a, b) => a + b, 0);
    let worst = 0;
    for (let c = 0; c < dutch.length; c++) worst = Math.max(worst, Math.abs(counts[c]! - (n * dutch[c]!) / dutchTotal));
    expect(worst).toBeLessThan(3); // quantile coupling of an exact allocation stays near-exact
  });

  it('refuses unknown attributes and values', () => {
    expect(() => sampleTwins(caf, { seed: 1, n: 1, attribute: 'nope', value: 'x', effect: 'total' })).toThrow(/no variable "nope"/);
    expect(() => sampleTwins(caf, { seed: 1, n: 1, attribute: 'nationality', value: 'martian', effect: 'direct' })).toThrow(/not a level/);
  });
});
