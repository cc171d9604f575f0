import type { Results } from '../../harness/results/index.js';
import { formatLevel, formatP } from './format-number.js';
import { displayNames } from './display-names.js';
import { FRONT_TEXT } from './front-text.js';
import { messagesFor, type Lang } from '../i18n/index.js';
import { formatMetric, formatMetricInterval, metricKind, metricLabel } from './metric-kind.js';
import { VERDICT_STYLE } from './palette.js';
import type { Table } from './table.js';

/** A verdict as symbol and word (in the catalogue of `lang`), never colour alone. @example verdictText('fail') // "✗ fail" */
export function verdictText(verdict: keyof typeof VERDICT_STYLE, lang: Lang = 'en'): string {
  return `${VERDICT_STYLE[verdict].symbol} ${messagesFor(lang).verdictWord[verdict]}`;
}

/**
 * All checks as one table: id, group, comparison, value, interval, tolerance with its origin,
 * adjusted p-value and verdict. Sources are cited once per check in {@link buildToleranceTable}.
 */
export function buildVerdictTable(results: Results): Table {
  const names = displayNames(results);
  const level = formatLevel(results.checks[0]?.level ?? 1 - results.manifest.alpha);
  const joint = results.summary.rule && results.summary.rule.method !== 'none' && results.checks.length > 1;
  return {
    caption: 'Verdict per check',
    header: ['Check', 'Group', 'Reference', 'Metric', 'Value', joint ? `${level} CI, all checks together` : `${level} CI`, 'Tolerance', 'Adjusted p', 'Verdict'],
    numeric: [4, 5, 6, 7],
    verdictColumn: 8,
    rows: results.checks.map((c) => ({
      verdict: c.verdict,
      small: c.small_cell,
      cells: [
        c.id,
        `${names.attribute(c.attribute)} = ${names.group(c.attribute, c.group)}${c.small_cell ? ' (small cell)' : ''}`,
        c.reference === null ? '—' : names.group(c.attribute, c.reference),
        metricLabel(c.metric),
        c.withheld
          ? 'withheld'
          : c.value === null && c.lower_bound !== undefined
            ? '∞'
            : c.value === 0 && c.ci !== null && metricKind(c.metric) === 'ratio'
              ? FRONT_TEXT.zeroRatio(formatMetric(c.metric, c.ci[1]))
              : formatMetric(c.metric, c.value),
        c.withheld ? 'withheld' : c.ci === null && c.lower_bound !== undefined ? `≥ ${formatMetric(c.metric, c.lower_bound)}` : formatMetricInterval(c.metric, c.ci),
        `${formatMetricInterval(c.metric, c.bounds)} (${c.bounds_origin})`,
        c.withheld ? 'withheld' : `${formatP(c.adjusted_p_value)} (${c.correction})`,
        c.severity === 'warn' ? `${verdictText(c.verdict)} (warn only)` : verdictText(c.verdict),
      ],
    })),
  };
}

/** One row per check id: its metric, tolerance, where the tolerance came from, and its cited source. */
export function buildToleranceTable(results: Results): Table {
  const seen = new Map<string, Results['checks'][number]>();
  for (const c of results.checks) if (!seen.has(c.id)) seen.set(c.id, c);
  return {
    caption: 'Tolerances and their sources',
    header: ['Check', 'Metric', 'Tolerance', 'Set by', 'Source'],
    numeric: [2],
    rows: [...seen.values()].map((c) => ({
      cells: [c.id, metricLabel(c.metric), formatMetricInterval(c.metric, c.bounds), c.bounds_origin === 'battery' ? 'the battery' : 'default', c.source ?? 'none cited'],
    })),
  };
}
