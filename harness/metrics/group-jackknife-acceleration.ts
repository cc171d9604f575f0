import type { GroupCounts } from '../accumulate/index.js';
import { jackknifeAcceleration } from '../stats/index.js';

/** The six kinds of row a group is made of (the cell slots), each with how many the group has and what removing one changes. */
const ROW_KINDS: readonly { readonly count: (g: GroupCounts) => number; readonly remove: (g: GroupCounts) => void }[] = [
  { count: (g) => g.tp, remove: (g) => void ((g.tp -= 1), (g.flagged -= 1), (g.labelled -= 1), (g.n -= 1)) },
  { count: (g) => g.fp, remove: (g) => void ((g.fp -= 1), (g.flagged -= 1), (g.labelled -= 1), (g.n -= 1)) },
  { count: (g) => g.flagged - g.tp - g.fp, remove: (g) => void ((g.flagged -= 1), (g.n -= 1)) },
  { count: (g) => g.fn, remove: (g) => void ((g.fn -= 1), (g.labelled -= 1), (g.n -= 1)) },
  { count: (g) => g.tn, remove: (g) => void ((g.tn -= 1), (g.labelled -= 1), (g.n -= 1)) },
  { count: (g) => g.n - g.flagged - g.fn - g.tn, remove: (g) => void (g.n -= 1) },
];

/**
 * BCa acceleration of a value computed from a group's and its reference group's counts, by the
 * jackknife over all `total` rows without visiting them: leaving out a row of another group leaves the
 * value unchanged, so only the (at most twelve) kinds of row of the two groups give distinct
 * leave-one-out values; the other rows enter with the full-sample value.
 *
 * @example groupJackknifeAcceleration((g) => g.flagged / g.n, group, reference, 10_000)
 */
export function groupJackknifeAcceleration(
  value: (g: GroupCounts, ref: GroupCounts) => number,
  group: GroupCounts,
  ref: GroupCounts,
  total: number,
): number | null {
  const values: number[] = [value(group, ref)];
  const weights: number[] = [total - group.n - (ref === group ? 0 : ref.n)];
  const sides = ref === group ? [group] : [group, ref];
  for (const side of sides) {
    for (const kind of ROW_KINDS) {
      const k = kind.count(side);
      if (k <= 0) continue;
      const less = { ...side };
      kind.remove(less);
      values.push(side === group ? value(less, ref === group ? less : ref) : value(group, less));
      weights.push(k);
    }
  }
  return jackknifeAcceleration(Float64Array.from(values), Float64Array.from(weights));
}
