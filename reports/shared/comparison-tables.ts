import type { Comparison, Results } from '../../harness/results/index.js';
import { formatCount, formatDifference, formatLevel, formatP, formatRate, formatRatio } from './format-number.js';
import { messagesFor, type Lang, type Messages } from '../i18n/index.js';
import { displayNames } from './display-names.js';
import { localTable } from './local-table.js';
import { formatMetric, formatMetricInterval } from './metric-kind.js';
import type { Table, TableRow } from './table.js';

type Row = Comparison['checks'][number];

// Badge colours reuse the verdict palette: worse as a fail, better as a pass, no established change as inconclusive.
const BADGE: Record<Row['verdict'], TableRow['verdict'] | undefined> = { worse: 'fail', better: 'pass', 'no established change': 'inconclusive', 'not compared': undefined };

/** The change of a check row in the units of its metric: a ratio of ratios (×) or a difference of differences (pp). */
function changeText(T: Messages, row: Row): string {
  const { value, ci } = row.change;
  const W = T.tables;
  if (row.scale === 'log-ratio') {
    const v = value === null ? 'n/a' : `×${formatRatio(Math.exp(value))}`;
    return `${v} (${ci ? `×${formatRatio(Math.exp(ci[0]))} ${W.to} ×${formatRatio(Math.exp(ci[1]))}` : W.noCi})`;
  }
  if (row.scale === 'difference') return `${formatDifference(value)} (${ci ? `${formatDifference(ci[0])} ${W.to} ${formatDifference(ci[1])}` : W.noCi})`;
  return W.comparisonVerdict['not compared'];
}

/**
 * The comparison's check rows: each check's disparity under the deployed model and the candidate
 * (value, interval at each run's family level, verdict), the paired change with its interval at the
 * comparison's family level, and better / worse / no established change. Null without a comparison.
 */
export function buildComparisonChecksTable(results: Results, lang: Lang = 'en'): Table | null {
  const T = messagesFor(lang);
  const W = T.tables;
  const c = results.comparison;
  if (!c || c.checks.length === 0) return null;
  const names = displayNames(results, lang);
  const side = (metric: string, s: Row['deployed']) => `${formatMetric(metric, s.value)} (${formatMetricInterval(metric, s.ci)}) ${T.verdictWord[s.verdict]}`;
  return localTable(T, {
    caption: W.comparisonChecksCaption({
      candidate: c.candidate.name, deployed: c.deployed.name, verdict: W.comparisonVerdict[c.verdict], worse: c.tally.worse, better: c.tally.better,
      noChange: c.tally.no_change, notCompared: c.tally.not_compared ?? 0, level: formatLevel(c.rule.level), method: T.detail.correction(c.rule.method), rows: c.rule.family_size,
    }),
    header: W.comparisonChecksHeader,
    numeric: [6],
    verdictColumn: 5,
    rows: c.checks.map((row) => ({
      ...(BADGE[row.verdict] ? { verdict: BADGE[row.verdict] } : {}),
      cells: [
        `${row.id} (${T.detail.metric(row.metric)})`,
        `${row.attribute} = ${names.group(row.attribute, row.group)}${row.reference ? ` ${W.versus} ${names.group(row.attribute, row.reference)}` : ''}`,
        side(row.metric, row.deployed),
        side(row.metric, row.candidate),
        changeText(T, row),
        W.comparisonVerdict[row.verdict],
        formatP(row.adjusted_p_value),
      ],
    })),
  });
}

/**
 * The comparison per group: the same applicants decided by both models, who was flagged by one
 * model only, the two selection rates, the paired change with its 95 % Tango interval and the exact
 * McNemar p-value (descriptive, not adjusted). Null without a comparison.
 */
export function buildComparisonGroupsTable(results: Results, lang: Lang = 'en'): Table | null {
  const T = messagesFor(lang);
  const W = T.tables;
  const c = results.comparison;
  if (!c || c.groups.length === 0) return null;
  const level = c.groups[0]!.selection_rate_change.level;
  return localTable(T, {
    caption: W.comparisonGroupsCaption({ deployed: c.deployed.name, candidate: c.candidate.name, level: formatLevel(level) }),
    header: W.comparisonGroupsHeader,
    numeric: [1, 2, 3, 5, 6],
    rows: c.groups.map((g) => ({
      cells: [
        `${g.attribute} = ${g.group}`,
        formatCount(g.n),
        `${formatCount(g.deployed_flagged)} → ${formatCount(g.candidate_flagged)}`,
        `${formatCount(g.candidate_only)} / ${formatCount(g.deployed_only)}`,
        `${formatRate(g.deployed_rate)} → ${formatRate(g.candidate_rate)}`,
        `${formatDifference(g.selection_rate_change.value)} (${g.selection_rate_change.ci ? `${formatDifference(g.selection_rate_change.ci[0])} ${W.to} ${formatDifference(g.selection_rate_change.ci[1])}` : W.noCi})`,
        formatP(g.mcnemar_p_value),
      ],
    })),
  });
}
