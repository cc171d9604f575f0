import { INTERSECTION_SEPARATOR } from '../accumulate/index.js';
import { DisparateError } from '../errors/index.js';
import type { GroupResult } from '../results/index.js';
import type { MergeInput } from './merge-results.js';

const COUNTS = ['n', 'flagged', 'labelled', 'tp', 'fp', 'tn', 'fn'] as const;
type Count = (typeof COUNTS)[number];
type Totals = Record<Count, number>;

const zero = (): Totals => ({ n: 0, flagged: 0, labelled: 0, tp: 0, fp: 0, tn: 0, fn: 0 });

function addInto(t: Totals, g: GroupResult): void {
  for (const c of COUNTS) t[c] += g[c] ?? 0;
}

/**
 * The identities one part's counts must satisfy for a merge to add them, beyond each count being a
 * count (see checkCounts): in every group, tp + fp + tn + fn = labelled, tp + fp ≤ flagged and
 * tn + fn ≤ n − flagged, with equality where every row is labelled; every protected attribute's
 * groups add up to the same flagged, labelled and confusion totals (each holds every row once);
 * and every intersection's cells, with suppressed cells not listed among the groups, add up to the rows, and,
 * when none is suppressed, project onto each component attribute's groups count for count (a
 * missing or invented cell shows there). The first contradiction is a DisparateError('data') naming
 * the file and the field. Long-format audits (one attribute per row) have only the per-group identities.
 *
 * @example checkPartInvariants({ file: 'a/results.json', results }) // throws 'a/results.json: groups.2.tp: …'
 */
export function checkPartInvariants(input: MergeInput): void {
  const { file, results } = input;
  const m = results.manifest;
  const bad = (field: string, what: string): never => {
    throw new DisparateError('data', `${file}: ${field}: ${what}`);
  };
  const protectedSet = new Set(m.protected);
  const marginals = new Map<string, Totals>();
  const groupsOf = new Map<string, Map<string, Totals>>();
  const labelled = results.groups.some((g) => g.tp !== null);
  results.groups.forEach((g, i) => {
    const at = `groups.${i}`;
    if (g.tp !== null) {
      const [tp, fp, tn, fn] = [g.tp, g.fp ?? 0, g.tn ?? 0, g.fn ?? 0];
      if (tp + fp + tn + fn !== g.labelled) bad(`${at}.labelled`, `tp + fp + tn + fn = ${tp + fp + tn + fn}, but labelled = ${g.labelled} (${g.attribute} = ${g.group})`);
      const every = g.labelled === g.n ? ' (every row of the group is labelled)' : '';
      if (every ? tp + fp !== g.flagged : tp + fp > g.flagged) bad(`${at}.tp`, `tp + fp = ${tp + fp}, but flagged = ${g.flagged}${every} (${g.attribute} = ${g.group})`);
      if (every ? tn + fn !== g.n - g.flagged : tn + fn > g.n - g.flagged) bad(`${at}.tn`, `tn + fn = ${tn + fn}, but n − flagged = ${g.n - g.flagged}${every} (${g.attribute} = ${g.group})`);
    } else if (labelled) bad(`${at}.tp`, `null in a part whose other groups have labels (${g.attribute} = ${g.group})`);
    const key = protectedSet.has(g.attribute) ? g.attribute : null;
    const totals = key ?? g.attribute;
    if (!marginals.has(totals)) marginals.set(totals, zero());
    addInto(marginals.get(totals)!, g);
    if (key) {
      if (!groupsOf.has(key)) groupsOf.set(key, new Map());
      const t = zero();
      addInto(t, g);
      groupsOf.get(key)!.set(g.group, t);
    }
  });
  const totals = m.protected.map((a) => marginals.get(a) ?? zero());
  const wide = totals.every((t) => t.n === m.rows);
  if (!wide) return; // long format: checkCounts has checked that the attributes together hold the rows
  const first = totals[0]!;
  m.protected.forEach((a, k) => {
    for (const c of COUNTS) {
      if (totals[k]![c] !== first[c]) bad(`groups (${a})`, `the groups of "${a}" add up to ${totals[k]![c]} ${c}, those of "${m.protected[0]}" to ${first[c]}; every attribute's groups hold the same rows`);
    }
  });
  const suppressed = new Map<string, number>();
  // Cells listed as suppressed are usually kept among the groups too; only those that are not add rows.
  const listed = new Set(results.groups.map((g) => `${g.attribute}\u0000${g.group}`));
  for (const s of results.suppressed ?? []) {
    if (!listed.has(`${s.attribute}\u0000${s.group}`)) suppressed.set(s.attribute, (suppressed.get(s.attribute) ?? 0) + s.n);
  }
  for (const [attribute, sums] of marginals) {
    if (protectedSet.has(attribute)) continue;
    const hidden = suppressed.get(attribute) ?? 0;
    if (sums.n + hidden !== m.rows) bad(`groups (${attribute})`, `the intersection cells add up to ${sums.n + hidden} rows${hidden ? ` (${hidden} in suppressed cells)` : ''}, but manifest.rows says ${m.rows}`);
    if (hidden > 0) continue;
    for (const c of COUNTS) if (sums[c] !== first[c]) bad(`groups (${attribute})`, `the intersection cells add up to ${sums[c]} ${c}, the groups of "${m.protected[0]}" to ${first[c]}`);
    projectCells(results.groups, attribute, groupsOf, bad);
  }
}

/** Each intersection's cells, summed per level of one component, equal that component's group. */
function projectCells(groups: readonly GroupResult[], attribute: string, groupsOf: Map<string, Map<string, Totals>>, bad: (field: string, what: string) => never): void {
  const components = attribute.split(INTERSECTION_SEPARATOR);
  if (!components.every((c) => groupsOf.has(c))) return;
  const projected = components.map(() => new Map<string, Totals>());
  for (const g of groups) {
    if (g.attribute !== attribute) continue;
    const levels = g.group.split(INTERSECTION_SEPARATOR);
    // A level that itself contains the separator makes the split ambiguous: the totals were checked.
    if (levels.length !== components.length) return;
    levels.forEach((level, k) => {
      const map = projected[k]!;
      if (!map.has(level)) map.set(level, zero());
      addInto(map.get(level)!, g);
    });
  }
  components.forEach((component, k) => {
    for (const [level, own] of groupsOf.get(component)!) {
      const sum = projected[k]!.get(level) ?? zero();
      for (const c of COUNTS) {
        if (sum[c] !== own[c]) bad(`groups (${attribute})`, `the cells with ${component} = ${level} add up to ${sum[c]} ${c}, but group ${level} of "${component}" has ${own[c]}`);
      }
    }
  });
}
