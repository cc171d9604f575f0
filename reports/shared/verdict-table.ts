import type { Results } from '../../harness/results/index.js';
import { formatLevel, formatP } from './format-number.js';
import { displayNames } from './display-names.js';
import { messagesFor, type Lang } from '../i18n/index.js';
import { localTable } from './local-table.js';
import { formatMetric, formatMetricInterval, metricKind } from './metric-kind.js';
import { VERDICT_STYLE } from './palette.js';
import type { Table } from './table.js';

/** A verdict as symbol and word (in the catalogue of `lang`), never colour alone. @example verdictText('fail') // "✗ fail" */
export function verdictText(verdict: keyof typeof VERDICT_STYLE, lang: Lang = 'en'): string {
  return `${VERDICT_STYLE[verdict].symbol} ${messagesFor(lang).verdictWord[verdict]}`;
}

/**
 * All checks as one table: id, group, comparison, value, interval, tolerance with its origin,
 * adjusted p-value and verdict, in the words and number format of `lang`. Sources are cited once
 * per check in {@link buildToleranceTable}.
 */
export function buildVerdictTable(results: Results, lang: Lang = 'en'): Table {
  const T = messagesFor(lang);
  const W = T.tables;
  const D = T.detail;
  const names = displayNames(results, lang);
  const level = formatLevel(results.checks[0]?.level ?? 1 - results.manifest.alpha);
  const joint = results.summary.rule && results.summary.rule.method !== 'none' && results.checks.length > 1;
  return localTable(T, {
    caption: W.verdictCaption,
    header: W.verdictHeader(W.ciHeader(level, Boolean(joint))),
    numeric: [4, 5, 6, 7],
    verdictColumn: 8,
    rows: results.checks.map((c) => ({
      verdict: c.verdict,
      small: c.small_cell,
      cells: [
        c.id,
        `${names.attribute(c.attribute)} = ${names.group(c.attribute, c.group)}${c.small_cell ? ` (${W.smallCell})` : ''}`,
        c.reference === null ? '—' : names.group(c.attribute, c.reference),
        D.metric(c.metric),
        c.withheld
          ? D.withheld
          : c.value === null && c.lower_bound !== undefined
            ? '∞'
            : c.value === 0 && c.ci !== null && metricKind(c.metric) === 'ratio'
              ? T.zeroRatio(formatMetric(c.metric, c.ci[1]))
              : formatMetric(c.metric, c.value),
        c.withheld ? D.withheld : c.ci === null && c.lower_bound !== undefined ? `≥ ${formatMetric(c.metric, c.lower_bound)}` : formatMetricInterval(c.metric, c.ci),
        `${formatMetricInterval(c.metric, c.bounds)} (${D.origin(c.bounds_origin)})`,
        c.withheld ? D.withheld : `${formatP(c.adjusted_p_value)} (${D.correction(c.correction)})`,
        c.severity === 'warn' ? `${verdictText(c.verdict, lang)} (${W.warnOnly})` : verdictText(c.verdict, lang),
      ],
    })),
  }, [0]);
}

/** One row per check id: its metric, tolerance, where the tolerance came from, and its cited source (as written). */
export function buildToleranceTable(results: Results, lang: Lang = 'en'): Table {
  const T = messagesFor(lang);
  const W = T.tables;
  const seen = new Map<string, Results['checks'][number]>();
  for (const c of results.checks) if (!seen.has(c.id)) seen.set(c.id, c);
  return localTable(T, {
    caption: W.toleranceCaption,
    header: W.toleranceHeader,
    numeric: [2],
    rows: [...seen.values()].map((c) => ({
      cells: [c.id, T.detail.metric(c.metric), formatMetricInterval(c.metric, c.bounds), W.setBy(c.bounds_origin === 'battery'), c.source ?? W.noneCited],
    })),
  }, [0, 4]);
}
