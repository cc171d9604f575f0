import type { Results } from '../../harness/results/index.js';
import { REST_REFERENCE } from '../../harness/metrics/index.js';
import { messagesFor, type Lang, type Messages } from '../i18n/index.js';
import { formatCount, formatP, formatRate, formatRateInterval, formatRatio } from './format-number.js';
import { localTable } from './local-table.js';
import { formatMetric, formatMetricInterval } from './metric-kind.js';
import type { Table } from './table.js';

type Estimate = { value: number | null; ci: readonly [number, number] | null; method?: string };

const rate = (T: Messages, e: Estimate) =>
  e.value === null ? 'n/a' : e.method === 'census' ? `${formatRate(e.value)} (${T.tables.census})` : `${formatRate(e.value)} (${e.ci ? formatRateInterval(e.ci) : T.tables.noCi})`;
const ratio = (T: Messages, e: Estimate) => (e.value === null ? 'n/a' : `${formatRatio(e.value)} (${e.ci ? `${formatRatio(e.ci[0])}–${formatRatio(e.ci[1])}` : T.tables.noCi})`);

/**
 * Selective labels (the Sweden method): per group, the random-audit and model-selected samples,
 * statistical parity against the random sample, base rate against precision, the inferred
 * population error rates, equal burden and the agency's own two-step test. The label source, method
 * and interval names are the results' own (English) records.
 */
export function buildSelectiveLabelsTable(results: Results, lang: Lang = 'en'): Table | null {
  const T = messagesFor(lang);
  const W = T.tables;
  const s = results.selective_labels;
  if (!s || s.groups.length === 0) return null;
  return localTable(T, {
    caption: W.selectiveCaption({ source: s.label_source, randomN: formatCount(s.random_n), modelN: formatCount(s.model_n), population: formatCount(s.population_size), method: s.method, intervals: s.intervals }),
    header: W.selectiveHeader,
    numeric: [1, 2],
    rows: s.groups.map((g) => ({
      reference: g.is_reference,
      cells: [
        `${g.attribute} = ${g.group}${g.is_reference ? W.referenceSuffix : ''}`,
        `${formatCount(g.random.n)} / ${formatCount(g.random.errors)}`,
        `${formatCount(g.model.n)} / ${formatCount(g.model.errors)}`,
        `${formatRate(g.random_share)} → ${formatRate(g.model_share)}`,
        ratio(T, g.statistical_parity),
        rate(T, g.selection_rate),
        rate(T, g.base_rate),
        rate(T, g.precision),
        rate(T, g.false_positive_rate),
        rate(T, g.false_negative_rate),
        ratio(T, g.equal_burden),
        W.agencyTest(W.agencyStep(g.agency_test.step1), g.agency_test.step1_reason, W.agencyStep(g.agency_test.step2), g.agency_test.step2_reason),
      ],
    })),
  }, [11]); // the agency test's reasons are the results' own record, quoted as written
}

/** Counterfactual twins: per attribute, original level and effect, how many decisions flip and how scores move. */
export function buildCounterfactualTable(results: Results, lang: Lang = 'en'): Table | null {
  const T = messagesFor(lang);
  const W = T.tables;
  if (results.counterfactual.length === 0) return null;
  const level = results.counterfactual[0]!.flip_rate.level;
  return localTable(T, {
    caption: W.counterfactualCaption(`${Math.round(level * 100)} %`),
    header: W.counterfactualHeader,
    numeric: [2, 3, 4, 5, 6, 7],
    rows: results.counterfactual.map((c) => ({
      small: c.small_cell,
      cells: [
        `${c.attribute}: ${c.from} → ${c.to}`,
        W.effect(c.effect === 'direct'),
        formatCount(c.n),
        `${formatCount(c.flips_down)} / ${formatCount(c.flips_up)}`,
        `${formatRate(c.flip_rate.value)} (${c.flip_rate.ci ? formatRateInterval(c.flip_rate.ci) : W.noCi})`,
        `${formatMetric('selection_rate_difference', c.selection_rate_difference.value)} (${formatMetricInterval('selection_rate_difference', c.selection_rate_difference.ci)})`,
        c.mean_score_shift.value === null ? 'n/a' : `${c.mean_score_shift.value.toPrecision(3)}${c.mean_score_shift.ci ? ` (${c.mean_score_shift.ci[0].toPrecision(3)} ${W.to} ${c.mean_score_shift.ci[1].toPrecision(3)})` : ''}`,
        formatP(c.mcnemar_p_value),
      ],
    })),
  }, [0]);
}

/** The group faring worst against its reference, per attribute and comparison metric. */
export function buildWorstGroupsTable(results: Results, lang: Lang = 'en'): Table | null {
  const T = messagesFor(lang);
  const rows = (results.worst_groups ?? []).filter((w) => w.metric.startsWith('selection_rate') || w.metric.startsWith('false_positive_rate'));
  if (rows.length === 0) return null;
  return localTable(T, {
    caption: T.tables.worstCaption,
    header: T.tables.worstHeader,
    numeric: [4, 5],
    rows: rows.map((w) => ({
      cells: [w.attribute, T.detail.metric(w.metric), w.group, w.reference === REST_REFERENCE ? T.restReference : (w.reference ?? '—'), formatMetric(w.metric, w.value), formatMetricInterval(w.metric, w.ci)],
    })),
  }, [0, 2, 3]);
}

/** Cells kept out of checks for their size: listed with their n, never silently dropped. */
export function buildSuppressedTable(results: Results, lang: Lang = 'en'): Table | null {
  const T = messagesFor(lang);
  const rows = results.suppressed ?? [];
  if (rows.length === 0) return null;
  return localTable(T, {
    caption: T.tables.suppressedCaption,
    header: T.tables.suppressedHeader,
    numeric: [2],
    rows: rows.map((s) => ({ small: true, cells: [s.attribute, s.group, formatCount(s.n), T.tables.suppressedReason(s.reason === 'empty', results.manifest.min_cell)] })),
  }, [0, 1]);
}
