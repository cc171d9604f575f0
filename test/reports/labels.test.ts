import { describe, expect, it } from 'vitest';
import { Battery } from '../../harness/config/index.js';
import { buildFrontPage, buildGroupTable, buildVerdictTable, describeCheck, displayNames, sentenceContext } from '../../reports/shared/index.js';
import { ratioForestSpec } from '../../reports/specs/index.js';
import { fixtureResults } from './fixture-results.js';

const labelled = () => {
  const r = fixtureResults();
  r.manifest.display_labels = {
    nationality: { label: 'Nationality', levels: { non_eu: 'non-EU', french: 'French', eu: 'other-EU' } },
    disability: { levels: { disabled: 'disabled', not_disabled: 'non-disabled' } },
  };
  return r;
};

describe('attributes and levels in words', () => {
  it('names groups, intersections and attributes from the manifest labels, codes where none is given', () => {
    const names = displayNames(labelled());
    expect(names.group('nationality×disability', 'non_eu×disabled')).toBe('non-EU, disabled');
    expect(names.attribute('nationality×disability')).toBe('Nationality × disability');
    expect(names.attributeInText('nationality')).toBe('nationality');
    expect(displayNames(fixtureResults()).group('nationality×disability', 'non_eu×disabled')).toBe('non_eu×disabled');
  });

  it('uses them in sentences, tables, charts and the front page', () => {
    const r = labelled();
    const check = r.checks.find((c) => c.verdict === 'fail')!;
    expect(describeCheck(check, sentenceContext(r))).toMatch(
      /^Households with nationality non-EU are flagged more often than the reference group French: 2\.10 times as often \(10\.5 % = 1,260 of 12,000, against 5\.0 % = 3,000 of 60,000 for French;/,
    );
    expect(buildGroupTable(r, 'nationality').rows.map((row) => row.cells[0])).toEqual(['French', 'other-EU', 'non-EU']);
    expect(buildVerdictTable(r).rows[0]!.cells.slice(1, 3)).toEqual(['Nationality = non-EU', 'French']);
    const rows = (ratioForestSpec(r) as { data: { values: { label: string }[] } }).data.values.map((x) => x.label);
    expect(rows).toContain('Nationality: non-EU');
    expect(buildFrontPage(r).findings[0]!.text).toBe(
      '11 of every 100 non-EU households are flagged, against 5.0 of every 100 French households — 2.1 times as often (95 % CI 2.0–2.2), 5.5 points more. They are 14\u00a0% of all households and 24\u00a0% of those flagged.',
    );
  });

  it('a battery accepts "*" wherever "×" joins an intersection', () => {
    const b = Battery.parse({
      title: 't', protected: ['nationality', 'disability'], data: { file: 'd.csv', flag: 'f' },
      reference: { 'nationality * disability': 'french*none' },
      intersections: ['nationality*disability', ['nationality', 'disability']],
      checks: [{ id: 'c', metric: 'selection_rate_ratio', attribute: 'nationality*disability' }],
      labels: { nationality: { label: 'Nationality', levels: { non_eu: 'non-EU' } } },
    });
    expect(b.reference).toEqual({ 'nationality×disability': 'french×none' });
    expect(b.intersections).toEqual([['nationality', 'disability'], ['nationality', 'disability']]);
    expect(b.checks[0]!.attribute).toBe('nationality×disability');
    expect(b.labels?.['nationality']?.levels['non_eu']).toBe('non-EU');
  });
});
