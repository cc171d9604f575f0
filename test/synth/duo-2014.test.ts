import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPopulationSpec, resolvePopulation, samplePopulation } from '../../datasets/synth/index.js';
import type { Table } from '../../datasets/table/index.js';

const SPEC = 'datasets/populations/duo-2014.yaml';
const CBS = fileURLToPath(new URL('../../../shared/data/duo/population-2014.csv', import.meta.url));
const TOTAL = 248_860;

/** Counts per (origin, education, age, distance) cell of a sampled table, keyed "origin|education|age|distance". */
function cellCounts(t: Table): Map<string, number> {
  const cols = ['origin', 'education', 'age', 'distance'].map((c) => {
    const col = t.columns.get(c);
    if (col?.kind !== 'categorical') throw new Error(c);
    return col;
  });
  const out = new Map<string, number>();
  for (let i = 0; i < t.n; i++) {
    const key = cols.map((c) => c.levels[c.codes[i]!]).join('|');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

describe('duo-2014 population (exact allocation of the CBS joint table)', () => {
  const resolved = resolvePopulation(loadPopulationSpec(SPEC), SPEC);
  const table = samplePopulation(resolved, { seed: 2014, n: TOTAL });
  const counts = cellCounts(table);

  it.runIf(existsSync(CBS))('reproduces every CBS cell count per origin group at 248,860 rows', () => {
    const lines = readFileSync(CBS, 'utf8').trim().split('\n').slice(1);
    expect(lines).toHaveLength(180);
    const get = (o: string, rest: string): number => counts.get(`${o}|${rest}`) ?? 0;
    for (const line of lines) {
      const [edu, age, dist, , nl, eu, nonEu, bornNl] = line.split(',');
      const rest = `${edu}|${age}|${dist}`;
      expect(get('nl', rest), `nl ${rest}`).toBe(Number(nl));
      expect(get('europe', rest), `europe ${rest}`).toBe(Number(eu));
      expect(get('non_europe_born_abroad', rest) + get('non_europe_born_nl', rest), `non-European ${rest}`).toBe(Number(nonEu));
      expect(get('non_europe_born_nl', rest), `born in NL, non-European ${rest}`).toBe(Number(bornNl));
    }
  });

  it('reproduces the spec counts at the table total and at multiples of it, in a seed-dependent order', () => {
    const node = resolved.order.find((x) => x.kind === 'joint');
    if (node?.kind !== 'joint') throw new Error('fixture');
    const expected = (c: number): string => node.columns.map((col, j) => col.levels[Math.floor(c / node.strides[j]!) % col.levels.length]).join('|');
    for (let c = 0; c < node.counts.length; c++) expect(counts.get(expected(c)) ?? 0).toBe(node.counts[c]);
    const double = cellCounts(samplePopulation(resolved, { seed: 5, n: 2 * TOTAL }));
    for (let c = 0; c < node.counts.length; c++) expect(double.get(expected(c)) ?? 0).toBe(2 * node.counts[c]!);
    // other sizes: each cell within 1 of size × share
    const odd = cellCounts(samplePopulation(resolved, { seed: 5, n: 100_003 }));
    for (let c = 0; c < node.counts.length; c++) expect(Math.abs((odd.get(expected(c)) ?? 0) - (100_003 * node.counts[c]!) / TOTAL)).toBeLessThan(1);
    // rows are in random order: the first 1000 rows are not all of one origin
    const origin = table.columns.get('origin');
    if (origin?.kind !== 'categorical') throw new Error('origin');
    expect(new Set(origin.codes.subarray(0, 1000)).size).toBe(4);
  });

  it('is the same population whatever the chunking (with size passed)', () => {
    const n = 20_000;
    const whole = samplePopulation(resolved, { seed: 9, n, size: TOTAL });
    for (const start of [0, 7_777, 13_001]) {
      const chunk = samplePopulation(resolved, { seed: 9, n: 3_000, start, size: TOTAL });
      for (const name of ['origin', 'education', 'age', 'distance', 'origin_group']) {
        const a = whole.columns.get(name);
        const b = chunk.columns.get(name);
        if (a?.kind !== 'categorical' || b?.kind !== 'categorical') throw new Error(name);
        expect(Array.from(b.codes)).toEqual(Array.from(a.codes.subarray(start, start + 3_000)));
      }
    }
    expect(() => samplePopulation(resolved, { seed: 9, n: 10, start: 10 })).toThrow(/pass size/);
  });

  it('merges the non-European levels into CBS origin groups with an arquero expression', () => {
    const group = table.columns.get('origin_group');
    const origin = table.columns.get('origin');
    if (group?.kind !== 'categorical' || origin?.kind !== 'categorical') throw new Error('columns');
    expect(group.levels).toEqual(['nl', 'europe', 'non_europe']);
    for (let i = 0; i < 5000; i++) expect(group.codes[i]).toBe(Math.min(origin.codes[i]!, 2));
  });
});
