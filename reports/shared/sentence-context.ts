import type { GroupCounts } from '../../harness/accumulate/index.js';
import { RATE_METRICS } from '../../harness/metrics/index.js';
import type { GroupResult, Results } from '../../harness/results/index.js';
import { displayNames, type DisplayNames } from './display-names.js';
import { privacyThreshold } from './privacy.js';
import { unitNoun } from './unit-noun.js';

/** A group's rate with the counts behind it (counts null when results.json does not carry them). */
export interface RateCounts {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** What sentences need from the results besides the comparison itself. Build it once with {@link sentenceContext}. */
export interface SentenceContext {
  /** Plural noun for one row ("households", "students"); "people" when the manifest names none. */
  unit: string;
  /** The battery's min_cell, for the small-cell note. */
  minCell: number;
  /** privacy.min_cell when the reports suppress small counts, else null. */
  privacyK: number | null;
  /** Attributes and groups in words (the manifest's labels; codes where none is given). Absent: codes. */
  names?: DisplayNames;
  /** A group's rate metric with its counts; null when absent or withheld for privacy. */
  rate: (attribute: string, group: string, metric: string) => RateCounts | null;
  /** The rate metric of everyone not in the group (the reference "(rest)"), from its `rest` counts; null without them. */
  restRate?: (attribute: string, group: string, metric: string) => RateCounts | null;
}

/**
 * The {@link SentenceContext} of a results file: unit noun, thresholds and a lookup of the
 * groups' rates, built once so that sentence builders stay pure and need not search results.groups.
 *
 * @example describeCheck(results.checks[0], sentenceContext(results))
 */
export function sentenceContext(results: Results): SentenceContext {
  const groups = new Map<string, GroupResult>();
  for (const g of results.groups) groups.set(`${g.attribute}\u0000${g.group}`, g);
  const k = privacyThreshold(results);
  // Results not yet redacted carry no `withheld` markers: never print a count below k either way.
  const small = (x: number | null, d: number | null): boolean => k !== null && (x === null || d === null || x < k || d < k || d - x < k);
  return {
    unit: unitNoun(results.manifest),
    minCell: results.manifest.min_cell,
    privacyK: k,
    names: displayNames(results),
    restRate: (attribute, group, metric) => {
      const rest = groups.get(`${attribute}\u0000${group}`)?.rest;
      const base = RATE_METRICS.find((m) => m.id === metric);
      if (!rest || !base) return null;
      const counts = { ...rest, tp: rest.tp ?? 0, fp: rest.fp ?? 0, tn: rest.tn ?? 0, fn: rest.fn ?? 0 } as unknown as GroupCounts;
      const x = base.numerator(counts);
      const d = base.denominator(counts);
      return small(x, d) ? null : { value: d > 0 ? x / d : null, numerator: x, denominator: d };
    },
    rate: (attribute, group, metric) => {
      const m = groups.get(`${attribute}\u0000${group}`)?.metrics[metric];
      if (m === undefined || m.withheld === true) return null;
      const counts = { value: m.value, numerator: m.numerator ?? null, denominator: m.denominator ?? null };
      return small(counts.numerator, counts.denominator) ? null : counts;
    },
  };
}
