import type { GroupCounts } from '../accumulate/index.js';
import { DisparateError } from '../errors/index.js';
import { REST_REFERENCE } from '../metrics/index.js';

export { REST_REFERENCE, complementOf, isRestReference } from '../metrics/index.js';

export type ReferenceOrigin = 'battery' | 'cli' | 'default';

/** What a battery or the command line writes to ask for {@link REST_REFERENCE}. */
export const OVERALL_KEYWORD = 'overall';

/** The key of a battery's `reference` map (or the bare `reference: overall`) that applies to every attribute not named. */
export const EVERY_ATTRIBUTE = '*';

export interface ResolvedReference {
  readonly group: string;
  readonly origin: ReferenceOrigin;
}

/**
 * Chooses the reference group of one attribute: the one the user named (battery or --reference),
 * otherwise the largest group (ties: first in level order). `overall` (or "(rest)", as results.json
 * records it) is everyone else, {@link REST_REFERENCE}. A named group that does not exist or has no
 * rows is an input error naming the attribute and the groups that do exist; so is `overall` for an
 * attribute that has a level of that name (which of the two was meant cannot be told).
 */
export function resolveReference(
  attribute: string,
  groups: readonly GroupCounts[],
  named: { group: string; origin: Exclude<ReferenceOrigin, 'default'>; where: string } | undefined,
): ResolvedReference {
  if (named) {
    const found = groups.find((g) => g.group === named.group);
    const present = groups.filter((g) => g.n > 0).map((g) => g.group);
    if (named.group === REST_REFERENCE || (named.group === OVERALL_KEYWORD && !found)) return { group: REST_REFERENCE, origin: named.origin };
    if (named.group === OVERALL_KEYWORD) {
      throw new DisparateError('config', `${named.where}: "${OVERALL_KEYWORD}" asks for everyone else as the reference, but "${attribute}" also has a level named "${OVERALL_KEYWORD}"; rename that level to tell the two apart`);
    }
    if (!found || found.n === 0) {
      throw new DisparateError('config', `${named.where}: reference group "${named.group}" of "${attribute}" ${found ? 'has no rows' : 'does not exist'} (groups: ${present.join(', ')}; or ${OVERALL_KEYWORD}: everyone else)`);
    }
    return { group: named.group, origin: named.origin };
  }
  let best: GroupCounts | undefined;
  for (const g of groups) if (!best || g.n > best.n) best = g;
  return { group: best!.group, origin: 'default' };
}
