import type { Config } from 'vega-lite';
import type { Messages } from '../i18n/index.js';

/**
 * The `config.locale` that makes Vega format axis and legend numbers the catalogue's way ("12,5 %"
 * in French, "1.234" in Dutch), and no ARIA of Vega's own on marks and axes: Vega writes it in
 * English ("X-axis titled …"), while the chart's accessible name and description, from the
 * catalogue, are set on the SVG itself. Nothing for English, whose specs stay as they were.
 *
 * @example { ...spec, ...chartLocale(messagesFor('fr')) }
 */
export function chartLocale(T: Messages): { config?: Config } {
  return T.lang === 'en' ? {} : { config: { locale: { number: T.charts.locale }, aria: false } };
}
