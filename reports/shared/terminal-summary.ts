import type { CheckResult, Results } from '../../harness/results/index.js';
import { unstableReference } from './build-front-page.js';
import { displayNames } from './display-names.js';
import { formatLevel } from './format-number.js';
import { messagesFor, type Lang, type Messages } from '../i18n/index.js';
import { formatMetric, formatMetricInterval } from './metric-kind.js';
import { VERDICT_STYLE } from './palette.js';

/** How many failing or inconclusive checks the terminal names before "and N more". */
export const TERMINAL_CHECKS = 10;


function checkLine(T: Messages, c: CheckResult, names: ReturnType<typeof displayNames>, results: Results): string {
  const TEXT = T.terminal;
  const ref = c.metric.startsWith('selection_rate') ? results.groups.find((g) => g.attribute === c.attribute && g.group === c.reference) : undefined;
  const caveat = ref && !ref.suppressed && unstableReference(ref) ? TEXT.unstable(ref.flagged, ref.n) : '';
  const value = c.withheld
    ? TEXT.withheld
    : c.value === null && c.lower_bound !== undefined
      ? T.num(`≥ ${formatMetric(c.metric, c.lower_bound)}`)
      : T.num(TEXT.value(formatMetric(c.metric, c.value), formatLevel(c.level), formatMetricInterval(c.metric, c.ci)));
  return `  ${VERDICT_STYLE[c.verdict].symbol} ${c.id} · ${names.attribute(c.attribute)}: ${names.group(c.attribute, c.group)} · ${T.detail.metric(c.metric)} ${value}${caveat}`;
}

/**
 * What the CLI prints after a run or audit: title, verdict counts, the failing then inconclusive
 * checks by name (at most {@link TERMINAL_CHECKS}, then "and N more") and the report's path, in the
 * catalogue of `lang`, numbers in its format (check ids and group labels as written).
 *
 * @example terminalSummary(results, 'out/default/report.html')
 * // "CAF-like …\nverdict: FAIL (0 pass, 20 fail, 24 inconclusive), 8 warning(s)\n  ✗ selection-four-fifths · Nationality: non-EU · selection rate ratio 3.08 (99.89 % CI 2.85–3.32)\n…\nreport: out/default/report.html\n"
 */
export function terminalSummary(results: Results, reportPath: string, lang: Lang = 'en'): string {
  const T = messagesFor(lang);
  const TEXT = T.terminal;
  const names = displayNames(results, lang);
  const order = { fail: 0, inconclusive: 1, pass: 2 } as const;
  const named = results.checks.filter((c) => c.verdict !== 'pass').sort((a, b) => order[a.verdict] - order[b.verdict]);
  const lines = [
    results.manifest.title,
    TEXT.verdict(results.summary, results.warnings.length),
    ...named.slice(0, TERMINAL_CHECKS).map((c) => checkLine(T, c, names, results)),
    ...(named.length > TERMINAL_CHECKS ? [TEXT.more(named.length - TERMINAL_CHECKS)] : []),
    TEXT.report(reportPath),
  ];
  return `${lines.join('\n')}\n`;
}
