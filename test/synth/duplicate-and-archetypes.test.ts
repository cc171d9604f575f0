import { describe, expect, it } from 'vitest';
import { buildArchetypes, createPermutation, duplicateByValues, permuteIndex, resolvePopulation, samplePopulation } from '../../datasets/synth/index.js';
import { cellValue } from '../../datasets/table/index.js';
import { toy } from './fixtures.js';

describe('duplicateByValues (Lighthouse counterfactual duplication)', () => {
  const t = samplePopulation(toy, { seed: 1, n: 50 });

  it('copies every row once per level, value-major, changing only the attribute', () => {
    const d = duplicateByValues(t, 'nationality');
    expect(d.table.n).toBe(150);
    expect(d.values).toEqual(['french', 'eu', 'non_eu']);
    for (let r = 0; r < 150; r++) {
      const src = d.source[r]!;
      expect(src).toBe(r % 50);
      for (const [name, col] of d.table.columns) {
        const expected = name === 'nationality' ? d.values[d.value[r]!] : cellValue(t.columns.get(name)!, src);
        expect(cellValue(col, r)).toBe(expected);
      }
    }
  });

  it('takes explicit values, also for numeric columns, and refuses unknown ones', () => {
    expect(duplicateByValues(t, 'age', [30, 60]).table.n).toBe(100);
    expect(() => duplicateByValues(t, 'nationality', ['martian'])).toThrow(/not a level/);
    expect(() => duplicateByValues(t, 'age')).toThrow(/numeric column, list the values/);
  });
});

describe('buildArchetypes', () => {
  const resolved = resolvePopulation(toy);
  const profile = { nationality: 'french', disability: 'none', single_parent: 'yes', children: 2, income: 14000, age: 34, rent_share: 0.35, income_band: 'mid' };

  it('varies one profile along one attribute, typed as the population', () => {
    const a = buildArchetypes(resolved, [{ name: 'single mother', profile }], 'nationality');
    expect(a.table.n).toBe(3);
    expect(a.value).toEqual(['french', 'eu', 'non_eu']);
    expect(a.archetype).toEqual(['single mother', 'single mother', 'single mother']);
    expect([...a.table.columns.keys()]).toEqual(resolved.columns);
    expect(cellValue(a.table.columns.get('nationality')!, 2)).toBe('non_eu');
    expect(cellValue(a.table.columns.get('income')!, 1)).toBe(14000);
    expect(cellValue(a.table.columns.get('fraud')!, 0)).toBeNull();
  });

  it('names the archetype and the column of a missing or bad value', () => {
    const { income: _omit, ...partial } = profile;
    expect(() => buildArchetypes(resolved, [{ name: 'x', profile: partial }], 'nationality')).toThrow('archetype "x": no value for column "income"');
    expect(() => buildArchetypes(resolved, [{ name: 'x', profile: { ...profile, disability: 'maybe' } }], 'nationality')).toThrow(/archetype "x": "maybe" is not a level of "disability"/);
  });
});

describe('permuteIndex', () => {
  it('is a bijection of [0, size) for many sizes', () => {
    for (const size of [1, 2, 3, 5, 16, 17, 100, 1000, 4097, 65_537]) {
      const p = createPermutation(123, 456, size);
      const seen = new Uint8Array(size);
      for (let i = 0; i < size; i++) {
        const j = permuteIndex(p, i);
        expect(j >= 0 && j < size && seen[j] === 0).toBe(true);
        seen[j] = 1;
      }
    }
  });

  it('depends on the seed and scatters neighbours', () => {
    const a = createPermutation(1, 9, 1_000_000);
    const b = createPermutation(2, 9, 1_000_000);
    expect(permuteIndex(a, 0)).not.toBe(permuteIndex(b, 0));
    let adjacent = 0;
    for (let i = 0; i < 1000; i++) if (Math.abs(permuteIndex(a, i) - permuteIndex(a, i + 1)) < 100) adjacent++;
    expect(adjacent).toBeLessThan(5);
  });
});
