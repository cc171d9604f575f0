import type { Results } from '../../harness/results/index.js';
import { messagesFor, type Lang, type Messages } from '../i18n/index.js';
import { formatCount, formatLevel } from './format-number.js';
import { metricKind, type MetricKind } from './metric-kind.js';
import { privacyThreshold } from './privacy.js';
import { unitNoun } from './unit-noun.js';

function privacyText(T: Messages, results: Results): string[] {
  const k = privacyThreshold(results);
  return k === null ? [] : [T.num(T.tables.methods.privacy(formatCount(k)))];
}

/** A method named in prose with its reference, in the catalogue's words; an unknown id as it is. */
function theMethod(T: Messages, id: string): string {
  return T.detail.method(id) ?? id;
}

/** Method ids in order of first use, named in prose. */
function methodList(T: Messages, ids: Iterable<string>): string {
  return T.detail.list([...new Set(ids)].map((id) => theMethod(T, id)));
}

function methodsFor(T: Messages, results: Results, kind: MetricKind): string | null {
  const ids: string[] = [];
  for (const g of results.groups) for (const [id, m] of Object.entries(g.metrics)) if (metricKind(id) === kind) ids.push(m.method);
  return ids.length ? methodList(T, ids) : null;
}

function intervalsText(T: Messages, results: Results): string {
  const m = results.manifest;
  const clauses = (['rate', 'ratio', 'difference', 'other'] as const)
    .map((kind) => ({ kind, methods: methodsFor(T, results, kind) }))
    .filter((c) => c.methods !== null || c.kind !== 'other');
  // only the level and alpha are put in the language's format: method references carry years
  return T.tables.methods.intervals(T.num(formatLevel(1 - m.alpha)), m.alpha, clauses);
}

const fixedPercent = (x: number): string => `${Number((x * 100).toPrecision(3))} %`;

/** The verdict rule in words a lawyer can quote: what fail, pass and a direction mean, and the error controlled. */
export function verdictRuleText(results: Results, lang: Lang = 'en'): string {
  const T = messagesFor(lang);
  const M = T.tables.methods;
  const rule = results.summary.rule;
  const m = results.checks.length;
  if (!rule || m === 0) return M.rule;
  const level = formatLevel(rule.level);
  const holm = rule.requested === 'holm' ? M.holm : '';
  const error =
    rule.error === 'family-wise'
      ? M.familyWise({ checks: formatCount(m), level, nominal: formatLevel(1 - rule.alpha), alpha: rule.alpha, percent: fixedPercent(rule.alpha), holm })
      : rule.error === 'false-discovery'
        ? M.falseDiscovery(level, fixedPercent(rule.alpha))
        : M.uncorrected(level, fixedPercent(rule.alpha), formatCount(m));
  return `${M.rule} ${T.num(error)} ${M.pValues}`;
}

function counterfactualText(T: Messages, results: Results): string[] {
  const c = results.counterfactual;
  if (c.length === 0) return [];
  const flip = methodList(T, c.map((x) => x.flip_rate.method));
  const change = methodList(T, c.map((x) => x.selection_rate_difference.method));
  const shift = methodList(T, c.map((x) => x.mean_score_shift.method));
  return [T.tables.methods.counterfactual(flip, change, shift)];
}

/**
 * The methods section as plain sentences, in the words of `lang`: interval and test methods
 * actually used (named in prose with their references from the `method` fields, see each catalogue's `detail.method`),
 * confidence level and alpha, multiple-comparison correction, minimum cell size, label provenance,
 * decision rule and the adverse-outcome convention. The decision rule and the label provenance are
 * the results' own records, quoted as written.
 */
export function methodsText(results: Results, lang: Lang = 'en'): string[] {
  const T = messagesFor(lang);
  const M = T.tables.methods;
  const m = results.manifest;
  return [
    M.outcome(m.decision),
    intervalsText(T, results),
    verdictRuleText(results, lang),
    ...counterfactualText(T, results),
    T.num(M.smallCells(formatCount(m.min_cell), T.unit(unitNoun(m)))),
    M.labels(m.labels),
    ...privacyText(T, results),
  ];
}
