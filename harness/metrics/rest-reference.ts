import type { GroupCounts } from '../accumulate/index.js';

/**
 * The reference "everyone else": each group compared with all rows not in it (its complement), as a
 * battery's `reference: overall` or `--reference attribute=overall` asks. results.json records it as
 * this value wherever a reference group's name would stand (manifest.references, metrics' reference,
 * checks' reference); no group row carries it, and no group is the reference.
 */
export const REST_REFERENCE = '(rest)';

/** Whether a reference (as results.json records it) is everyone else rather than a group. */
export const isRestReference = (reference: string | null | undefined): boolean => reference === REST_REFERENCE;

/**
 * The counts of everyone in `groups` but `g` (its complement, disjoint from it), summed in order so
 * that the result does not depend on anything but the groups: confusion counts, score moments and the
 * score histogram. The reference of `g` when the attribute's reference is {@link REST_REFERENCE}.
 *
 * @example complementOf(groups, groups[0]).n // rows of every other group
 */
export function complementOf(groups: readonly GroupCounts[], g: GroupCounts): GroupCounts {
  const out: GroupCounts = {
    attribute: g.attribute,
    group: REST_REFERENCE,
    n: 0, flagged: 0, tp: 0, fp: 0, tn: 0, fn: 0, labelled: 0, scoreSum: 0, scoreSumSq: 0, scoreCount: 0,
    histogram: g.histogram ? new Float64Array(g.histogram.length) : null,
  };
  for (const x of groups) {
    if (x === g || x.group === g.group) continue;
    out.n += x.n;
    out.flagged += x.flagged;
    out.tp += x.tp;
    out.fp += x.fp;
    out.tn += x.tn;
    out.fn += x.fn;
    out.labelled += x.labelled;
    out.scoreSum += x.scoreSum;
    out.scoreSumSq += x.scoreSumSq;
    out.scoreCount += x.scoreCount;
    if (out.histogram && x.histogram) for (let j = 0; j < out.histogram.length; j++) out.histogram[j]! += x.histogram[j]!;
  }
  return out;
}
