import type { Comparison, Results } from '../../harness/results/index.js';
import { formatCount, formatDifference, formatLevel, formatP, formatRate, formatRatio } from './format-number.js';
import { formatMetric, formatMetricInterval, metricLabel } from './metric-kind.js';
import type { Table, TableRow } from './table.js';

type Row = Comparison['checks'][number];

// Badge colours reuse the verdict palette: worse as a fail, better as a pass, no established change as inconclusive.
const BADGE: Record<Row['verdict'], TableRow['verdict'] | undefined> = { worse: 'fail', better: 'pass', 'no established change': 'inconclusive', 'not compared': undefined };

/** The change of a check row in the units of its metric: a ratio of ratios (×) or a difference of differences (pp). */
function changeText(row: Row): string {
  const { value, ci } = row.change;
  if (row.scale === 'log-ratio') {
    const v = value === null ? 'n/a' : `×${formatRatio(Math.exp(value))}`;
    return `${v} (${ci ? `×${formatRatio(Math.exp(ci[0]))} to ×${formatRatio(Math.exp(ci[1]))}` : 'no CI'})`;
  }
  if (row.scale === 'difference') return `${formatDifference(value)} (${ci ? `${formatDifference(ci[0])} to ${formatDifference(ci[1])}` : 'no CI'})`;
  return 'not compared';
}

/**
 * The comparison's check rows: each check's disparity under the deployed model and the candidate
 * (value, interval at each run's family level, verdict), the paired change with its interval at the
 * comparison's family level, and better / worse / no established change. Null without a comparison.
 */
export function buildComparisonChecksTable(results: Results): Table | null {
  const c = results.comparison;
  if (!c || c.checks.length === 0) return null;
  const side = (metric: string, s: Row['deployed']) => `${formatMetric(metric, s.value)} (${formatMetricInterval(metric, s.ci)}) ${s.verdict}`;
  return {
    caption:
      `Candidate ${c.candidate.name} against deployed ${c.deployed.name}: ${c.verdict} (${c.tally.worse} worse, ${c.tally.better} better, ${c.tally.no_change} no established change` +
      `${c.tally.not_compared ? `, ${c.tally.not_compared} not compared` : ''}); changes at ${formatLevel(c.rule.level)} (${c.rule.method}, ${c.rule.family_size} rows, two intervals each)`,
    header: ['Check', 'Group', 'Deployed', 'Candidate', 'Change (candidate vs deployed)', 'Verdict', 'Adjusted p'],
    numeric: [6],
    verdictColumn: 5,
    rows: c.checks.map((row) => ({
      ...(BADGE[row.verdict] ? { verdict: BADGE[row.verdict] } : {}),
      cells: [
        `${row.id} (${metricLabel(row.metric)})`,
        `${row.attribute} = ${row.group}${row.reference ? ` vs ${row.reference}` : ''}`,
        side(row.metric, row.deployed),
        side(row.metric, row.candidate),
        changeText(row),
        row.verdict,
        formatP(row.adjusted_p_value),
      ],
    })),
  };
}

/**
 * The comparison per group: the same applicants decided by both models, who was flagged by one
 * model only, the two selection rates, the paired change with its 95 % Tango interval and the exact
 * McNemar p-value (descriptive, not adjusted). Null without a comparison.
 */
export function buildComparisonGroupsTable(results: Results): Table | null {
  const c = results.comparison;
  if (!c || c.groups.length === 0) return null;
  const level = c.groups[0]!.selection_rate_change.level;
  return {
    caption: `Selection rate per group, deployed ${c.deployed.name} → candidate ${c.candidate.name}, the same applicants; ${formatLevel(level)} paired intervals (Tango), exact McNemar p (not adjusted)`,
    header: ['Group', 'Applicants', 'Flagged: deployed → candidate', 'Flagged by the candidate only / deployed only', 'Selection rate: deployed → candidate', 'Change', 'McNemar p'],
    numeric: [1, 2, 3, 5, 6],
    rows: c.groups.map((g) => ({
      cells: [
        `${g.attribute} = ${g.group}`,
        formatCount(g.n),
        `${formatCount(g.deployed_flagged)} → ${formatCount(g.candidate_flagged)}`,
        `${formatCount(g.candidate_only)} / ${formatCount(g.deployed_only)}`,
        `${formatRate(g.deployed_rate)} → ${formatRate(g.candidate_rate)}`,
        `${formatDifference(g.selection_rate_change.value)} (${g.selection_rate_change.ci ? `${formatDifference(g.selection_rate_change.ci[0])} to ${formatDifference(g.selection_rate_change.ci[1])}` : 'no CI'})`,
        formatP(g.mcnemar_p_value),
      ],
    })),
  };
}
