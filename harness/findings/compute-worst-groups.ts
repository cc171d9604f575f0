import { resolveMetricId } from '../metrics/index.js';
import type { GroupResult, WorstGroup } from '../results/index.js';

/**
 * The worst-group summary: for each attribute and each ratio or difference metric, the non-reference
 * group whose value lies furthest in the metric's worse direction (highest selection-rate ratio,
 * lowest precision ratio, ...). Groups with an undefined value are skipped.
 */
export function computeWorstGroups(groups: readonly GroupResult[]): WorstGroup[] {
  const out: WorstGroup[] = [];
  const attributes = [...new Set(groups.map((g) => g.attribute))];
  for (const attribute of attributes) {
    const members = groups.filter((g) => g.attribute === attribute && !g.is_reference);
    const ids = [...new Set(members.flatMap((g) => Object.keys(g.metrics)))];
    for (const id of ids) {
      const resolved = resolveMetricId(id);
      if (!resolved || resolved.variant === 'rate') continue;
      const sign = resolved.base.worse === 'higher' ? 1 : -1;
      let worst: { g: GroupResult; value: number } | null = null;
      for (const g of members) {
        const v = g.metrics[id]?.value;
        if (v === null || v === undefined) continue;
        if (!worst || sign * v > sign * worst.value) worst = { g, value: v };
      }
      if (!worst) continue;
      const m = worst.g.metrics[id]!;
      out.push({ attribute, metric: id, group: worst.g.group, reference: m.reference, value: worst.value, ci: m.ci, method: m.method, worse: resolved.base.worse });
    }
  }
  return out;
}
