import { describe, expect, it } from 'vitest';
import type { ReproducedFigure, Results } from '../../harness/results/index.js';
import { buildReproductionTables, gapText } from '../../reports/shared/index.js';
import { fixtureResults } from './fixture-results.js';

describe('reproduction gaps and sources', () => {
  it('prints a gap in plain decimals with the tolerance it is judged against', () => {
    expect(gapText(0.00003, 0.0001, true)).toBe('+0.00003 (within ±0.0001)');
    expect(gapText(4.96657e-8, 0.0000005, true)).toBe('+0.00000005 (within ±0.0000005)');
    expect(gapText(-0.2, 0.1, false)).toBe('−0.2 (outside ±0.1)');
    expect(gapText(0, 0.001, true)).toBe('0 (within ±0.001)');
  });

  it('cites each source once, as a numbered note under the table', () => {
    const fig = (id: string, source: string): ReproducedFigure => ({
      id, label: id, class: 'reproduced', published: 0.5, reproduced: 0.50003, tolerance: 0.0001, within: true, exact: false, source, note: null,
    });
    const r: Results = {
      ...fixtureResults(),
      reproduction: {
        pack: 'p', title: 'P', figures: [fig('a', 'Long citation A'), fig('b', 'Long citation B'), fig('c', 'Long citation A')],
        reproduced: { within: 3, total: 3 }, inputs: { within: 0, total: 0 }, informative: { within: 0, total: 0 },
      },
    };
    const [table] = buildReproductionTables(r);
    expect(table!.notes).toEqual(['Long citation A', 'Long citation B']);
    expect(table!.rows.map((row) => row.cells.at(-1))).toEqual(['[1]', '[2]', '[1]']);
    expect(table!.rows[0]!.cells[4]).toBe('+0.00003 (within ±0.0001)');
  });
});
