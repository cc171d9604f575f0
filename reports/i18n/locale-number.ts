/** A report language: the catalogue's key. */
export type Lang = 'en' | 'fr' | 'nl';

/** Every report language, English first (the default). */
export const LANGS: readonly Lang[] = ['en', 'fr', 'nl'];

// French groups thousands with a narrow no-break space, Dutch with a full stop; both write a decimal comma.
// Percentage points: "pt" in French ("+8,8 pt"), "%-punt" in Dutch tables ("+8,8%-punt", as CBS writes it);
// "n/a": "n.d." (non disponible), "n.b." (niet beschikbaar).
// An interval that could not be estimated: "non estimable", "niet te schatten".
const SEPARATORS: Record<Lang, { thousands: string; decimal: string; percent: string; points: string; na: string; notEstimable: string; to: string }> = {
  en: { thousands: ',', decimal: '.', percent: '\u00a0%', points: ' pp', na: 'n/a', notEstimable: 'not estimable', to: 'to' },
  fr: { thousands: '\u202f', decimal: ',', percent: '\u00a0%', points: '\u00a0pt', na: 'n.d.', notEstimable: 'non estimable', to: 'à' },
  nl: { thousands: '.', decimal: ',', percent: '%', points: '%-punt', na: 'n.b.', notEstimable: 'niet te schatten', to: 'tot' },
};

/**
 * The numbers of a fragment the English formatters wrote ("1,234", "3.08", "95 %", "+8.8 pp",
 * and their markers of a missing figure, "n/a" and "not estimable"), in the language's own format;
 * everything else is left as it is. English is returned unchanged, so the
 * English report stays byte-identical.
 *
 * @example localNumber('fr', '99.89 %') // "99,89 %"
 * @example localNumber('nl', '36,566') // "36.566"
 */
export function localNumber(lang: Lang, text: string): string {
  if (lang === 'en') return text;
  const s = SEPARATORS[lang];
  return text
    // an interval of differences, "+7.2 pp to +10.6 pp"
    .replace(/(\d(?: pp| ?%)?) to ([+\u2212-]?\d)/g, `$1 ${s.to} $2`)
    .replace(/\d+(?:[,.]\d+)*/g, (n) => n.replace(/[,.]/g, (c) => (c === ',' ? s.thousands : s.decimal)))
    .replace(/(\d)[ \u00a0]%/g, `$1${s.percent}`)
    .replace(/(\d) pp\b/g, `$1${s.points}`)
    .replace(/(^|[\s(])n\/a\b/g, `$1${s.na}`)
    .replace(/\bnot estimable\b/g, s.notEstimable);
}
