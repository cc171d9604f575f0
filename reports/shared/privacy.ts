import type { CheckResult, GroupResult, MetricValue, Results } from '../../harness/results/index.js';
import { REST_REFERENCE } from '../../harness/metrics/index.js';
import { messagesFor, type Lang } from '../i18n/index.js';
import { formatCount } from './format-number.js';
import { baseMetric, metricKind } from './metric-kind.js';

/**
 * Small-cell suppression of the human-readable reports (privacy.min_cell = k, real-data audits only).
 *
 * Rules, applied per group from its own counts (no secondary suppression across tables: a withheld
 * intersection cell can sometimes be recovered by subtracting the shown cells from a marginal,
 * which the methods section says):
 * - a count below k is shown as "<k"; `flagged` is also withheld when n − flagged is below k;
 * - a rate x / d is withheld when x, d or d − x is below k (rate and denominator would reveal it);
 *   rates of unknown composition (mean score, per-group-size rates) when n is below k;
 * - a ratio or difference is withheld when its group's or its reference group's base rate is;
 * - a check is withheld (value, interval, p-values) when its metric is; its verdict stays, so CI gates work;
 * - score histograms lose the bins with fewer than k rows; warnings' "n=5" become "n<k".
 * results.json keeps every number and carries `withheld` / `suppressed` markers instead.
 */

/** k when the reports must suppress small cells (an audit of real data with privacy.min_cell), else null. */
export function privacyThreshold(results: Results): number | null {
  const k = results.manifest.privacy?.min_cell;
  return results.manifest.mode === 'audit' && k !== undefined && k > 0 ? k : null;
}

type Frac = (g: GroupResult) => [number | null, number | null];
const FRACTIONS: Record<string, Frac> = {
  selection_rate: (g) => [g.flagged, g.n],
  true_positive_rate: (g) => [g.tp, sum(g.tp, g.fn)],
  false_positive_rate: (g) => [g.fp, sum(g.fp, g.tn)],
  false_negative_rate: (g) => [g.fn, sum(g.tp, g.fn)],
  precision: (g) => [g.tp, sum(g.tp, g.fp)],
  false_discovery_rate: (g) => [g.fp, sum(g.tp, g.fp)],
  false_omission_rate: (g) => [g.fn, sum(g.fn, g.tn)],
};
function sum(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

function rateWithheld(g: GroupResult, metric: string, m: MetricValue | undefined, k: number): boolean {
  if (g.n < k) return true;
  const [x, d] =
    m?.numerator !== undefined && m.numerator !== null && m.denominator !== undefined && m.denominator !== null
      ? [m.numerator, m.denominator]
      : (FRACTIONS[metric]?.(g) ?? [null, null]);
  if (x === null || d === null) return FRACTIONS[metric] !== undefined; // a labelled rate without counts: be safe
  return x < k || d < k || d - x < k;
}

/** Whether the reports withhold metric `metric` of group `g` (k from {@link privacyThreshold}). */
export function metricWithheld(results: Results, g: GroupResult, metric: string, k: number): boolean {
  const kind = metricKind(metric);
  if (kind === 'ratio' || kind === 'difference') {
    const base = baseMetric(metric);
    // everyone else ("(rest)"): its counts are the group's `rest`
    const rest = g.metrics[metric]?.reference === REST_REFERENCE && g.rest ? ({ ...g, ...g.rest, metrics: {} } as GroupResult) : undefined;
    const ref = rest ?? results.groups.find((r) => r.attribute === g.attribute && r.is_reference);
    return rateWithheld(g, base, g.metrics[base], k) || (ref !== undefined && rateWithheld(ref, base, ref.metrics[base], k));
  }
  return rateWithheld(g, metric, g.metrics[metric], k);
}

/**
 * results with the privacy markers set (`withheld` on metrics and checks, `suppressed` on groups)
 * and every number kept: what results.json holds. Returns `results` itself when no suppression applies.
 */
export function markWithheld(results: Results): Results {
  const k = privacyThreshold(results);
  if (k === null) return results;
  const out = structuredClone(results);
  for (const g of out.groups) {
    let any = g.n < k || g.flagged < k || g.n - g.flagged < k;
    for (const [id, m] of Object.entries(g.metrics)) {
      if (metricWithheld(out, g, id, k)) {
        m.withheld = true;
        any = true;
      }
    }
    if (any) g.suppressed = true;
  }
  for (const c of out.checks) {
    const g = out.groups.find((x) => x.attribute === c.attribute && x.group === c.group);
    if (g === undefined || g.metrics[c.metric]?.withheld === true) c.withheld = true;
  }
  return out;
}

function redactCheck(c: CheckResult): CheckResult {
  return c.withheld ? { ...c, value: null, ci: null, p_value: null, adjusted_p_value: null } : c;
}

/**
 * What the human-readable reports and charts are built from: {@link markWithheld}, then every
 * withheld value, interval, count pair and small histogram bin replaced by null. Counts stay numbers;
 * writers print them through {@link countText} / {@link flaggedText}, which print "<k".
 */
export function redactResults(results: Results): Results {
  const k = privacyThreshold(results);
  if (k === null) return results;
  const out = markWithheld(results);
  for (const g of out.groups) {
    for (const [id, m] of Object.entries(g.metrics)) {
      if (!m.withheld) continue;
      g.metrics[id] = { ...m, value: null, ci: null, ...(m.bootstrap_ci !== undefined ? { bootstrap_ci: null } : {}) };
      delete g.metrics[id].numerator;
      delete g.metrics[id].denominator;
      delete g.metrics[id].sum_of_squares;
    }
    if (g.n < k) g.mean_score = null;
    if (g.score_histogram) {
      const h = g.score_histogram;
      const hide = (i: number) => (h.counts[i] ?? 0) < k;
      g.score_histogram = {
        edges: h.edges,
        counts: h.counts.map((c, i) => (hide(i) ? Number.NaN : c)),
        ...(h.labelled ? { labelled: h.labelled.map((c, i) => (hide(i) || c < k ? Number.NaN : c)) } : {}),
        ...(h.positives ? { positives: h.positives.map((c, i) => (hide(i) || c < k || (h.labelled?.[i] ?? 0) - c < k ? Number.NaN : c)) } : {}),
      };
    }
  }
  out.checks = out.checks.map(redactCheck);
  out.warnings = out.warnings.map((w) => ({ ...w, message: redactCounts(w.message, k) }));
  return out;
}

/** Replaces "n=5" / "n = 5" style counts below k in free text with "n<k". */
export function redactCounts(text: string, k: number): string {
  return text.replace(/\bn\s*=\s*(\d{1,3}(?:,\d{3})+|\d+)/g, (all, digits: string) => (Number(digits.replace(/,/g, '')) < k ? `n<${k}` : all));
}

/** A count as printed in the reports: "<k" below the privacy threshold, else with thousands separators. */
export function countText(results: Results, value: number | null): string {
  const k = privacyThreshold(results);
  return k !== null && value !== null && value < k ? `<${formatCount(k)}` : formatCount(value);
}

/** The flagged count of a group as printed: "<k", "withheld" when n − flagged is below k, else the count. */
export function flaggedText(results: Results, g: GroupResult, lang: Lang = 'en'): string {
  const k = privacyThreshold(results);
  if (k !== null && g.flagged >= k && g.n >= k && g.n - g.flagged < k) return messagesFor(lang).detail.withheld;
  return countText(results, g.flagged);
}
