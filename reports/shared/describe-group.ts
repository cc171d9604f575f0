import { INTERSECTION_SEPARATOR } from './intersection.js';

/**
 * A group in words, splitting intersections into "attribute value" pairs.
 * @example describeGroup('nationality×disability', 'non_eu×disabled') // "nationality non_eu and disability disabled"
 */
export function describeGroup(attribute: string, group: string): string {
  const attributes = attribute.split(INTERSECTION_SEPARATOR);
  const values = group.split(INTERSECTION_SEPARATOR);
  if (attributes.length < 2 || attributes.length !== values.length) return `${attribute} ${group}`;
  return attributes.map((a, i) => `${a} ${values[i] ?? ''}`).join(' and ');
}
