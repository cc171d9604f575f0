import { INTERSECTION_SEPARATOR, type GroupCounts } from '../accumulate/index.js';
import { addToExactSum, createExactSum, exactSumValue, type ExactSum } from '../counterfactual/index.js';
import type { GroupResult, Results } from '../results/index.js';

/** The summed groups of one attribute (or intersection), in the order a single run lists them. */
export interface MergedAttribute {
  readonly attribute: string;
  readonly intersection: boolean;
  /** Every group; intersection cells with no rows in any part are kept with n = 0. */
  readonly stats: GroupCounts[];
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Values in order of first appearance across lists. */
function union(lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())];
}

/**
 * Levels of an attribute alone across the inputs: in code-point order when every input lists them
 * so (audits sort their levels), otherwise in order of first appearance (a spec's level order).
 */
function mergedLevels(lists: readonly (readonly string[])[]): string[] {
  const levels = union(lists);
  const sorted = lists.every((l) => l.every((x, i) => i === 0 || byCodePoint(l[i - 1]!, x) <= 0));
  return sorted ? levels.sort(byCodePoint) : levels;
}

/** Every combination of the components' levels, first component slowest (as computeGroupStats). */
function combinations(levels: readonly (readonly string[])[]): string[] {
  return levels.reduce<string[]>((acc, ls) => acc.flatMap((prefix) => ls.map((l) => (prefix === '' ? l : `${prefix}${INTERSECTION_SEPARATOR}${l}`))), ['']);
}

function zero(attribute: string, group: string): GroupCounts {
  return { attribute, group, n: 0, flagged: 0, tp: 0, fp: 0, tn: 0, fn: 0, labelled: 0, scoreSum: 0, scoreSumSq: 0, scoreCount: 0, histogram: null };
}

/** A group's running sums; the score sums exact, so that the order of the inputs cannot change a bit. */
interface Running {
  readonly counts: GroupCounts;
  readonly scoreSum: ExactSum;
  readonly scoreSumSq: ExactSum;
}

/** Adds one input's group into the running sums: its confusion counts and its score moments (mean_score's sum, count, sum of squares). */
function add({ counts: target, scoreSum, scoreSumSq }: Running, g: GroupResult): void {
  target.n += g.n;
  target.flagged += g.flagged;
  target.tp += g.tp ?? 0;
  target.fp += g.fp ?? 0;
  target.tn += g.tn ?? 0;
  target.fn += g.fn ?? 0;
  target.labelled += g.labelled;
  const scores = g.metrics['mean_score'];
  addToExactSum(scoreSum, scores?.numerator ?? 0);
  addToExactSum(scoreSumSq, scores?.sum_of_squares ?? 0);
  target.scoreCount += scores?.denominator ?? 0;
}

/**
 * Sums the groups of several results.json files, matched by (attribute, group): the sufficient
 * statistics every count-based metric is recomputed from. A group missing from an input counts as
 * zero there. An intersection of protected attributes spans every combination of the merged levels,
 * so a cell empty in every part is still listed (n = 0) and suppressed as a single run would.
 *
 *   results[] ──► (attribute, group) ──► Σ n, flagged, tp, fp, tn, fn, labelled, Σ score, Σ score², scored rows
 *
 * Score sums are added exactly (order-independent), so the inputs' order never changes a result.
 *
 * @example mergeGroupCounts([north, south])[0] // { attribute: 'nationality', intersection: false, stats: [...] }
 */
export function mergeGroupCounts(inputs: readonly Results[]): MergedAttribute[] {
  const protectedNames = inputs[0]!.manifest.protected;
  const listed = (r: Results) => [...r.groups.map((g) => g.attribute), ...(r.suppressed ?? []).map((s) => s.attribute)];
  const attributes = union(inputs.map(listed));
  const levels = new Map<string, string[]>();
  for (const attribute of attributes.filter((a) => protectedNames.includes(a))) {
    levels.set(attribute, mergedLevels(inputs.map((r) => r.groups.filter((g) => g.attribute === attribute).map((g) => g.group))));
  }
  return attributes.map((attribute) => {
    const intersection = !protectedNames.includes(attribute);
    const components = attribute.split(INTERSECTION_SEPARATOR).map((a) => levels.get(a));
    const named = union(inputs.map((r) => [...r.groups, ...(r.suppressed ?? [])].filter((g) => g.attribute === attribute).map((g) => g.group)));
    const universe = !intersection
      ? levels.get(attribute)!
      : components.every((c) => c !== undefined)
        ? union([combinations(components as string[][]), named])
        : named;
    const sums = new Map(universe.map((group): [string, Running] => [group, { counts: zero(attribute, group), scoreSum: createExactSum(), scoreSumSq: createExactSum() }]));
    for (const r of inputs) for (const g of r.groups) if (g.attribute === attribute) add(sums.get(g.group)!, g);
    const stats = [...sums.values()].map(({ counts, scoreSum, scoreSumSq }) => ({ ...counts, scoreSum: exactSumValue(scoreSum), scoreSumSq: exactSumValue(scoreSumSq) }));
    return { attribute, intersection, stats };
  });
}
