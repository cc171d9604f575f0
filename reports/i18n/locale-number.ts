/** A report language: the catalogue's key. */
export type Lang = 'en' | 'fr' | 'nl';

/** Every report language, English first (the default). */
export const LANGS: readonly Lang[] = ['en', 'fr', 'nl'];

// French groups thousands with a narrow no-break space, Dutch with a full stop; both write a decimal comma.
const SEPARATORS: Record<Lang, { thousands: string; decimal: string; percent: string }> = {
  en: { thousands: ',', decimal: '.', percent: '\u00a0%' },
  fr: { thousands: '\u202f', decimal: ',', percent: '\u00a0%' },
  nl: { thousands: '.', decimal: ',', percent: '%' },
};

/**
 * The numbers of a fragment the English formatters wrote ("1,234", "3.08", "95 %"), in the
 * language's own format; everything else is left as it is. English is returned unchanged, so the
 * English report stays byte-identical.
 *
 * @example localNumber('fr', '99.89 %') // "99,89 %"
 * @example localNumber('nl', '36,566') // "36.566"
 */
export function localNumber(lang: Lang, text: string): string {
  if (lang === 'en') return text;
  const s = SEPARATORS[lang];
  return text
    .replace(/\d+(?:[,.]\d+)*/g, (n) => n.replace(/[,.]/g, (c) => (c === ',' ? s.thousands : s.decimal)))
    .replace(/(\d)[ \u00a0]%/g, `$1${s.percent}`);
}
