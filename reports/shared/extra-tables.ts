import type { Results } from '../../harness/results/index.js';
import { REST_REFERENCE } from '../../harness/metrics/index.js';
import { EN } from '../i18n/index.js';
import { formatCount, formatP, formatRate, formatRateInterval, formatRatio } from './format-number.js';
import { formatMetric, formatMetricInterval, metricLabel } from './metric-kind.js';
import type { Table } from './table.js';

type Estimate = { value: number | null; ci: readonly [number, number] | null; method?: string };

const rate = (e: Estimate) =>
  e.value === null ? 'n/a' : e.method === 'census' ? `${formatRate(e.value)} (exact: every flagged case investigated)` : `${formatRate(e.value)} (${e.ci ? formatRateInterval(e.ci) : 'no CI'})`;
const ratio = (e: Estimate) => (e.value === null ? 'n/a' : `${formatRatio(e.value)} (${e.ci ? `${formatRatio(e.ci[0])}–${formatRatio(e.ci[1])}` : 'no CI'})`);

/**
 * Selective labels (the Sweden method): per group, the random-audit and model-selected samples,
 * statistical parity against the random sample, base rate against precision, the inferred
 * population error rates, equal burden and the agency's own two-step test.
 */
export function buildSelectiveLabelsTable(results: Results): Table | null {
  const s = results.selective_labels;
  if (!s || s.groups.length === 0) return null;
  return {
    caption: `Selective labels, population estimates: random audits (${s.label_source}, n = ${formatCount(s.random_n)}) and flagged cases (n = ${formatCount(s.model_n)}), population ${formatCount(s.population_size)}; ${s.method}; intervals: ${s.intervals}`,
    header: ['Group', 'Random: cases / errors', 'Flagged: cases / errors', 'Share random → flagged', 'Statistical parity', 'Population selection rate', 'Base rate', 'Precision', 'Population FPR', 'Population FNR', 'Equal burden', 'Agency test'],
    numeric: [1, 2],
    rows: s.groups.map((g) => ({
      reference: g.is_reference,
      cells: [
        `${g.attribute} = ${g.group}${g.is_reference ? ' (reference)' : ''}`,
        `${formatCount(g.random.n)} / ${formatCount(g.random.errors)}`,
        `${formatCount(g.model.n)} / ${formatCount(g.model.errors)}`,
        `${formatRate(g.random_share)} → ${formatRate(g.model_share)}`,
        ratio(g.statistical_parity),
        rate(g.selection_rate),
        rate(g.base_rate),
        rate(g.precision),
        rate(g.false_positive_rate),
        rate(g.false_negative_rate),
        ratio(g.equal_burden),
        `step 1 ${g.agency_test.step1}${g.agency_test.step1_reason ? ` (${g.agency_test.step1_reason})` : ''}; step 2 ${g.agency_test.step2}${g.agency_test.step2_reason ? ` (${g.agency_test.step2_reason})` : ''}`,
      ],
    })),
  };
}

/** Counterfactual twins: per attribute, original level and effect, how many decisions flip and how scores move. */
export function buildCounterfactualTable(results: Results): Table | null {
  if (results.counterfactual.length === 0) return null;
  const level = results.counterfactual[0]!.flip_rate.level;
  return {
    caption: `Counterfactual twins: each row against itself under do(attribute = to); ${Math.round(level * 100)} % intervals`,
    header: ['Intervention', 'Effect', 'Pairs', 'Flagged → not / not → flagged', 'Flip rate', 'Selection-rate change', 'Mean score shift', 'McNemar p'],
    numeric: [2, 3, 4, 5, 6, 7],
    rows: results.counterfactual.map((c) => ({
      small: c.small_cell,
      cells: [
        `${c.attribute}: ${c.from} → ${c.to}`,
        c.effect === 'direct' ? 'direct (only the attribute changes)' : 'total (its consequences too)',
        formatCount(c.n),
        `${formatCount(c.flips_down)} / ${formatCount(c.flips_up)}`,
        `${formatRate(c.flip_rate.value)} (${c.flip_rate.ci ? formatRateInterval(c.flip_rate.ci) : 'no CI'})`,
        `${formatMetric('selection_rate_difference', c.selection_rate_difference.value)} (${formatMetricInterval('selection_rate_difference', c.selection_rate_difference.ci)})`,
        c.mean_score_shift.value === null ? 'n/a' : `${c.mean_score_shift.value.toPrecision(3)}${c.mean_score_shift.ci ? ` (${c.mean_score_shift.ci[0].toPrecision(3)} to ${c.mean_score_shift.ci[1].toPrecision(3)})` : ''}`,
        formatP(c.mcnemar_p_value),
      ],
    })),
  };
}

/** The group faring worst against its reference, per attribute and comparison metric. */
export function buildWorstGroupsTable(results: Results): Table | null {
  const rows = (results.worst_groups ?? []).filter((w) => w.metric.startsWith('selection_rate') || w.metric.startsWith('false_positive_rate'));
  if (rows.length === 0) return null;
  return {
    caption: 'Worst group per attribute (selection and false-positive comparisons; every metric is in results.json)',
    header: ['Attribute', 'Metric', 'Worst group', 'Reference', 'Value', 'Interval'],
    numeric: [4, 5],
    rows: rows.map((w) => ({
      cells: [w.attribute, metricLabel(w.metric), w.group, w.reference === REST_REFERENCE ? EN.restReference : (w.reference ?? '—'), formatMetric(w.metric, w.value), formatMetricInterval(w.metric, w.ci)],
    })),
  };
}

/** Cells kept out of checks for their size: listed with their n, never silently dropped. */
export function buildSuppressedTable(results: Results): Table | null {
  const rows = results.suppressed ?? [];
  if (rows.length === 0) return null;
  return {
    caption: 'Intersection cells below min_cell or empty: not checked, listed here with their size',
    header: ['Attribute', 'Group', 'n', 'Reason'],
    numeric: [2],
    rows: rows.map((s) => ({ small: true, cells: [s.attribute, s.group, formatCount(s.n), s.reason === 'empty' ? 'empty' : `below min_cell ${results.manifest.min_cell}`] })),
  };
}
