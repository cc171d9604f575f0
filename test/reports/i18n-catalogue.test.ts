import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../../harness/metrics/index.js';
import { EN, FR, NL, localNumber, type Messages } from '../../reports/i18n/index.js';
import { METHOD_NAMES } from '../../reports/shared/index.js';

/** Every warning code the harness records (`{ code: '…', message: … }`), read from its sources. */
function warningCodes(dir = 'harness'): string[] {
  const codes = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const c of warningCodes(path)) codes.add(c);
    else if (entry.name.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/code: '([a-z-]+)',\s*message/g)) codes.add(m[1]!);
  }
  return [...codes].sort();
}

/** Every key path of a catalogue with its value. */
function entries(value: object, prefix = ''): [string, unknown][] {
  return Object.entries(value).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? entries(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

describe('report catalogues', () => {
  for (const [lang, messages] of [['fr', FR], ['nl', NL]] as [string, Messages][]) {
    it(`${lang}: every key of the English catalogue, of the same kind, non-empty`, () => {
      const own = new Map(entries(messages));
      for (const [key, english] of entries(EN)) {
        const value = own.get(key);
        expect(typeof value, `${lang}.${key}`).toBe(typeof english);
        // a text is translated, never left empty; a separator (a narrow no-break space) or an empty currency affix may be blank
        if (typeof value === 'string' && typeof english === 'string' && english !== '' && !key.startsWith('charts.locale.currency')) expect(value, `${lang}.${key}`).not.toBe('');
        if (typeof value === 'string' && typeof english === 'string' && english.trim().length > 1) expect(value.trim(), `${lang}.${key}`).not.toBe('');
        if (typeof value === 'function') expect(value.length, `${lang}.${key} arity`).toBe((english as (...a: unknown[]) => unknown).length);
      }
      expect([...own.keys()].sort()).toEqual(entries(EN).map(([k]) => k).sort());
    });
  }

  for (const [lang, T] of [['fr', FR], ['nl', NL]] as [string, Messages][]) {
    it(`${lang}: every metric, method and warning code the results can carry has its own words`, () => {
      // a metric id without its own words would print with underscores turned into spaces, in English
      for (const id of METRIC_IDS) expect(T.detail.metric(id), `${lang} metric ${id}`).not.toBe(id.replace(/_/g, ' '));
      for (const id of ['statistical_parity', 'equal_burden']) expect(T.detail.metric(id), `${lang} metric ${id}`).not.toBe(id.replace(/_/g, ' '));
      for (const id of [...Object.keys(METHOD_NAMES), 'katz-log, rescaled']) expect(T.detail.method(id), `${lang} method ${id}`).not.toBeNull();
      const codes = warningCodes();
      expect(codes.length).toBeGreaterThan(10);
      for (const code of codes) expect(T.tables.warning(code, 1), `${lang} warning ${code}`).not.toContain(code);
    });
  }

  it('formats numbers per language once, leaving English as it is', () => {
    expect(localNumber('en', '36,566 and 99.89 %')).toBe('36,566 and 99.89 %');
    expect(localNumber('fr', '36,566 and 99.89 %')).toBe('36\u202f566 and 99,89\u00a0%');
    expect(localNumber('nl', '36,566 and 99.89 %')).toBe('36.566 and 99,89%');
    expect(localNumber('fr', 'a, b and 3.1–3.3')).toBe('a, b and 3,1–3,3');
    // differences in points, their intervals, and the formatters' markers of a missing figure
    expect(localNumber('fr', '+7.2 pp to +10.6 pp; n/a; not estimable')).toBe('+7,2\u00a0pt à +10,6\u00a0pt; n.d.; non estimable');
    expect(localNumber('nl', '+7.2 pp to +10.6 pp; n/a; not estimable')).toBe('+7,2%-punt tot +10,6%-punt; n.b.; niet te schatten');
    expect(localNumber('nl', '4.8–5.2 % and 1,234,567')).toBe('4,8–5,2% and 1.234.567');
  });

  it('writes a rate finding with the numbers in the language\'s format', () => {
    const f = {
      group: 'foyers non-EU', reference: 'foyers French', rate: { perBase: '13', base: 100, count: 1, n: 10 }, refRate: { perBase: '4.2', base: 100, count: 1, n: 10 },
      times: '3.1', ci: FR.intervalText('99.89 %', '2.9', '3.3'), points: '8.8', higher: true, share: '8.0\u00a0%', flaggedShare: '21\u00a0%', unit: 'foyers',
    };
    expect(FR.rateFinding(f)).toBe('Taux de sélection pour un contrôle : 13 sur 100 parmi les foyers non-EU, contre 4,2 sur 100 parmi les foyers French, soit un ratio de 3,1 (IC à 99,89\u00a0% : 2,9–3,3) et 8,8 points de plus. Ils représentent 8,0\u00a0% de l’ensemble des foyers, mais 21\u00a0% des foyers sélectionnés.');
    expect(NL.rateFinding({ ...f, group: 'huishoudens non-EU', reference: 'huishoudens French', unit: 'huishoudens', ci: NL.intervalText('95 %', '2.9', '3.3') }))
      .toBe('Selectiekans voor controle: 13 op de 100 bij huishoudens non-EU, tegen 4,2 op de 100 bij huishoudens French; 3,1 keer zo groot (95%-betrouwbaarheidsinterval 2,9–3,3), 8,8 procentpunt hoger. Zij zijn 8,0% van alle huishoudens, maar 21% van de geselecteerden.');
  });
});
