import type { Results } from '../../harness/results/index.js';
import { formatCount, formatLevel } from './format-number.js';
import { METHOD_NAMES, methodProse } from './method-names.js';
import { metricKind, type MetricKind } from './metric-kind.js';
import { privacyThreshold } from './privacy.js';
import { unitNoun } from './unit-noun.js';

function privacyText(results: Results): string[] {
  const k = privacyThreshold(results);
  if (k === null) return [];
  return [
    `Privacy: counts below ${formatCount(k)} are shown as "<${formatCount(k)}", and every rate, ratio, difference, interval and p-value built on such a count ` +
      '(or on a complement below it) is withheld; verdicts are still shown. There is no secondary suppression across tables, so a withheld ' +
      'intersection cell may be recoverable from a marginal. The results.json beside this report keeps the full numbers for merging and gating: do not publish it.',
  ];
}

/** "A", "A and B", "A, B and C". */
function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * A method named in prose with its reference: "the Wilson score interval (Wilson 1927)", "Fisher's
 * exact test (Fisher 1935)" (a possessive name takes no article); an unknown id as it is.
 */
function theMethod(id: string): string {
  const known = METHOD_NAMES[id];
  if (known === undefined) return id;
  return /^\S+'s\s/.test(known.name) ? methodProse(id) : `the ${methodProse(id)}`;
}

/** Method ids in order of first use, named in prose. */
function methodList(ids: Iterable<string>): string {
  return listInWords([...new Set(ids)].map(theMethod));
}

function methodsFor(results: Results, kind: MetricKind): string | null {
  const ids: string[] = [];
  for (const g of results.groups) for (const [id, m] of Object.entries(g.metrics)) if (metricKind(id) === kind) ids.push(m.method);
  return ids.length ? methodList(ids) : null;
}

function intervalsText(results: Results): string {
  const m = results.manifest;
  const clauses = (
    [
      ['rate', 'rates use'],
      ['ratio', 'ratios'],
      ['difference', 'differences'],
      ['other', 'other statistics'],
    ] as const
  )
    .map(([kind, words]) => [words, methodsFor(results, kind)] as const)
    .filter(([words, list]) => list !== null || words !== 'other statistics')
    .map(([words, list]) => `${words} ${list ?? 'none reported'}`);
  return `Intervals (${formatLevel(1 - m.alpha)}, alpha = ${m.alpha}): ${clauses.join('; ')}.`;
}

/** The verdict rule in words a lawyer can quote: what fail, pass and a direction mean, and the error controlled. */
export function verdictRuleText(results: Results): string {
  const rule = results.summary.rule;
  const m = results.checks.length;
  const base =
    'Verdicts: a check fails only when its interval lies wholly outside the tolerance, passes only when it lies wholly inside, and is inconclusive otherwise; ' +
    'a sentence says a group is flagged more (or less) often only when the interval lies wholly on one side of parity (ratio 1, difference 0).';
  if (!rule || m === 0) return base;
  const level = formatLevel(rule.level);
  const holm = rule.requested === 'holm' ? ' (The battery asked for Holm\'s correction; a check can be wrong in two directions, a false fail or a false pass, which Holm\'s step-down cannot both control, so Bonferroni\'s is used.)' : '';
  const error =
    rule.error === 'family-wise'
      ? `All ${formatCount(m)} check intervals are computed at ${level} instead of ${formatLevel(1 - rule.alpha)} (Bonferroni: alpha ${rule.alpha} divided by ${formatCount(m)}), so that they hold all together with probability at least ${formatLevel(1 - rule.alpha)}. The chance that even one fail, pass or direction stated in this report is wrong is therefore at most ${fixedPercent(rule.alpha)}.${holm}`
      : rule.error === 'false-discovery'
        ? `The intervals are at ${level} (Benjamini–Hochberg with false-coverage-rate intervals, Benjamini & Yekutieli 2005): among the fails and passes stated, the expected share of wrong ones is at most ${fixedPercent(rule.alpha)}; the chance that at least one is wrong is not controlled.`
        : `Each check's interval is at ${level} on its own (no correction): each claim alone is wrong with probability at most ${fixedPercent(rule.alpha)}, but across ${formatCount(m)} checks the chance that some claim is wrong is larger.`;
  return `${base} ${error} p-values test the claim made (for a fail, that the disparity lies within the tolerance; for a pass, that it lies outside) and are read off the same intervals, so they never disagree with a verdict.`;
}

const fixedPercent = (x: number): string => `${Number((x * 100).toPrecision(3))} %`;

function counterfactualText(results: Results): string[] {
  const c = results.counterfactual;
  if (c.length === 0) return [];
  const flip = methodList(c.map((x) => x.flip_rate.method));
  const change = methodList(c.map((x) => x.selection_rate_difference.method));
  const shift = methodList(c.map((x) => x.mean_score_shift.method));
  return [`Counterfactual twins: flip rates use ${flip}; the change in selection rate ${change}; the mean score shift ${shift}.`];
}

/**
 * The methods section as plain sentences: interval and test methods actually used (named in prose
 * with their references from the `method` fields, see METHOD_NAMES), confidence level and alpha,
 * multiple-comparison correction, minimum cell size, label provenance, decision rule and the
 * adverse-outcome convention.
 */
export function methodsText(results: Results): string[] {
  const m = results.manifest;
  return [
    `Outcome convention: the adverse outcome is being flagged for investigation (decision rule: ${m.decision}). ` +
      'A ratio of 2.00 means the group is flagged twice as often as its reference group; differences are group minus reference in percentage points (pp).',
    intervalsText(results),
    verdictRuleText(results),
    ...counterfactualText(results),
    `Small cells: groups with fewer than ${formatCount(m.min_cell)} ${unitNoun(m)} are reported but marked as unreliable.`,
    `Ground-truth labels (for error rates and precision): ${m.labels}.`,
    ...privacyText(results),
  ];
}
