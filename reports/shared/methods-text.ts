import type { Results } from '../../harness/results/index.js';
import { formatCount, formatLevel } from './format-number.js';
import { metricKind } from './metric-kind.js';
import { privacyThreshold } from './privacy.js';

function privacyText(results: Results): string[] {
  const k = privacyThreshold(results);
  if (k === null) return [];
  return [
    `Privacy: counts below ${formatCount(k)} are shown as "<${formatCount(k)}", and every rate, ratio, difference, interval and p-value built on such a count ` +
      '(or on a complement below it) is withheld; verdicts are still shown. There is no secondary suppression across tables, so a withheld ' +
      'intersection cell may be recoverable from a marginal. The results.json beside this report keeps the full numbers for merging and gating: do not publish it.',
  ];
}

const METHOD_NAMES: Record<string, string> = {
  wilson: 'Wilson score interval',
  'katz-log': 'Katz log interval',
  'newcombe-hybrid-score': 'Newcombe hybrid score interval',
  'clopper-pearson': 'Clopper–Pearson exact interval',
  bootstrap: 'percentile bootstrap interval',
};

function methodsFor(results: Results, kind: 'rate' | 'ratio' | 'difference'): string {
  const names = new Set<string>();
  for (const g of results.groups)
    for (const [id, m] of Object.entries(g.metrics)) if (metricKind(id) === kind) names.add(METHOD_NAMES[m.method] ?? m.method);
  return names.size ? [...names].join(', ') : 'none reported';
}

/**
 * The methods section as plain sentences: interval methods actually used (named from the
 * `method` fields), confidence level and alpha, multiple-comparison correction, minimum cell size,
 * label provenance, decision rule and the adverse-outcome convention.
 */
export function methodsText(results: Results): string[] {
  const m = results.manifest;
  return [
    `Outcome convention: the adverse outcome is being flagged for investigation (decision rule: ${m.decision}). ` +
      'A ratio of 2.00 means the group is flagged twice as often as its reference group; differences are group minus reference in percentage points (pp).',
    `Intervals (${formatLevel(1 - m.alpha)}, alpha = ${m.alpha}): rates use the ${methodsFor(results, 'rate')}; ` +
      `ratios the ${methodsFor(results, 'ratio')}; differences the ${methodsFor(results, 'difference')}.`,
    `Multiple comparisons: p-values of "no disparity" adjusted with ${m.correction} across every check of the battery. A check passes when its whole interval lies inside the tolerance, ` +
      'fails when it lies wholly outside and the disparity stays significant after that adjustment, and is inconclusive otherwise (the interval straddles a bound, or the disparity does not survive the adjustment).',
    `Small cells: groups with fewer than ${formatCount(m.min_cell)} households are reported but marked as unreliable.`,
    `Ground-truth labels (for error rates and precision): ${m.labels}.`,
    ...privacyText(results),
  ];
}
