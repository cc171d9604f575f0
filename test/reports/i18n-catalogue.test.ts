import { describe, expect, it } from 'vitest';
import { EN, FR, NL, localNumber, type Messages } from '../../reports/i18n/index.js';

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
        if (typeof value === 'string') expect(value.trim(), `${lang}.${key}`).not.toBe('');
        if (typeof value === 'function') expect(value.length, `${lang}.${key} arity`).toBe((english as (...a: unknown[]) => unknown).length);
      }
      expect([...own.keys()].sort()).toEqual(entries(EN).map(([k]) => k).sort());
    });
  }

  it('formats numbers per language once, leaving English as it is', () => {
    expect(localNumber('en', '36,566 and 99.89 %')).toBe('36,566 and 99.89 %');
    expect(localNumber('fr', '36,566 and 99.89 %')).toBe('36\u202f566 and 99,89\u00a0%');
    expect(localNumber('nl', '36,566 and 99.89 %')).toBe('36.566 and 99,89%');
    expect(localNumber('fr', 'a, b and 3.1–3.3')).toBe('a, b and 3,1–3,3');
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
