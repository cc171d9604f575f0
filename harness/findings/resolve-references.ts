import type { GroupCounts } from '../accumulate/index.js';
import { DisparateError } from '../errors/index.js';

export type ReferenceOrigin = 'battery' | 'cli' | 'default';

export interface ResolvedReference {
  readonly group: string;
  readonly origin: ReferenceOrigin;
}

/**
 * Chooses the reference group of one attribute: the one the user named (battery or --reference),
 * otherwise the largest group (ties: first in level order). A named group that does not exist or
 * has no rows is an input error naming the attribute and the groups that do exist.
 */
export function resolveReference(
  attribute: string,
  groups: readonly GroupCounts[],
  named: { group: string; origin: Exclude<ReferenceOrigin, 'default'>; where: string } | undefined,
): ResolvedReference {
  if (named) {
    const found = groups.find((g) => g.group === named.group);
    const present = groups.filter((g) => g.n > 0).map((g) => g.group);
    if (!found || found.n === 0) {
      throw new DisparateError('config', `${named.where}: reference group "${named.group}" of "${attribute}" ${found ? 'has no rows' : 'does not exist'} (groups: ${present.join(', ')})`);
    }
    return { group: named.group, origin: named.origin };
  }
  let best: GroupCounts | undefined;
  for (const g of groups) if (!best || g.n > best.n) best = g;
  return { group: best!.group, origin: 'default' };
}
