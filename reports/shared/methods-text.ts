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

function testsText(results: Results): string {
  const tests = results.checks.map((c) => c.p_method).filter((p): p is string => typeof p === 'string');
  return tests.length ? ` They come from ${methodList(tests)}.` : '';
}

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
  const adjusted =
    m.correction === 'none'
      ? 'not adjusted for multiple testing'
      : `adjusted with ${theMethod(m.correction)} across every check of the battery`;
  return [
    `Outcome convention: the adverse outcome is being flagged for investigation (decision rule: ${m.decision}). ` +
      'A ratio of 2.00 means the group is flagged twice as often as its reference group; differences are group minus reference in percentage points (pp).',
    intervalsText(results),
    `Multiple comparisons: p-values of "no disparity" are ${adjusted}.${testsText(results)} A check passes when its whole interval lies inside the tolerance, ` +
      'fails when it lies wholly outside and the disparity stays significant after that adjustment, and is inconclusive otherwise (the interval straddles a bound, or the disparity does not survive the adjustment). ' +
      'A summary sentence states a direction only when the whole interval lies on one side of parity (ratio 1, difference 0).',
    ...counterfactualText(results),
    `Small cells: groups with fewer than ${formatCount(m.min_cell)} ${unitNoun(m)} are reported but marked as unreliable.`,
    `Ground-truth labels (for error rates and precision): ${m.labels}.`,
    ...privacyText(results),
  ];
}
