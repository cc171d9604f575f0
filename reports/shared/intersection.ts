import type { Results } from '../../harness/results/index.js';

/** Joins attribute names and group values of an intersection ("nationality×disability"). */
export const INTERSECTION_SEPARATOR = '×';

/** The intersection attribute of a results file and the attributes it crosses. */
export interface Intersection {
  attribute: string;
  parts: string[];
}

/**
 * The widest intersection present in `results.groups` (the one crossing the most attributes),
 * or null when there is none (fewer than two protected attributes).
 */
export function findIntersection(results: Results): Intersection | null {
  let best: Intersection | null = null;
  for (const g of results.groups) {
    const parts = g.attribute.split(INTERSECTION_SEPARATOR);
    if (parts.length >= 2 && (best === null || parts.length > best.parts.length)) {
      best = { attribute: g.attribute, parts };
    }
  }
  return best;
}

/** Attributes in the order they first appear in `results.groups` (protected first, then intersections). */
export function attributesOf(results: Results): string[] {
  return [...new Set(results.groups.map((g) => g.attribute))];
}

/** The reference group of an attribute, from `is_reference`, else the manifest. */
export function referenceOf(results: Results, attribute: string): string | null {
  const row = results.groups.find((g) => g.attribute === attribute && g.is_reference);
  return row?.group ?? results.manifest.references[attribute]?.group ?? null;
}
