import type { Argv } from 'yargs';

/** The report languages `--lang` accepts (the catalogues of reports/i18n). */
export const REPORT_LANGS = ['en', 'fr', 'nl'] as const;

/** A report language. */
export type ReportLang = (typeof REPORT_LANGS)[number];

/**
 * `--lang en|fr|nl`: the language of everything a person reads (report.html, report.md, the charts
 * and the terminal summary); results.json and junit.xml stay English. Wins over the battery's `lang:`.
 */
export function langOption<T>(y: Argv<T>) {
  return y.option('lang', { type: 'string', choices: REPORT_LANGS, describe: 'report language: en, fr or nl (default: the battery\'s lang, else en); results.json and junit.xml stay English' });
}
