import { EN } from '../i18n/index.js';
import type { DisplayNames } from './display-names.js';
import { INTERSECTION_SEPARATOR } from './intersection.js';

/**
 * A group in words, splitting intersections into "attribute value" pairs, with the manifest's labels when `names` is given.
 * @example describeGroup('nationality×disability', 'non_eu×disabled') // "nationality non_eu and disability disabled"
 */
export function describeGroup(attribute: string, group: string, names?: DisplayNames, join: (pairs: readonly (readonly [string, string])[]) => string = EN.detail.group): string {
  const attr = (a: string): string => names?.attributeInText(a) ?? a;
  const level = (a: string, v: string): string => names?.level(a, v) ?? v;
  const attributes = attribute.split(INTERSECTION_SEPARATOR);
  const values = group.split(INTERSECTION_SEPARATOR);
  if (attributes.length < 2 || attributes.length !== values.length) return join([[attr(attribute), level(attribute, group)]]);
  return join(attributes.map((a, i) => [attr(a), level(a, values[i] ?? '')] as const));
}
