import type { Results } from '../../harness/results/index.js';
import { INTERSECTION_SEPARATOR } from './intersection.js';
import { REST_REFERENCE } from '../../harness/metrics/index.js';
import { messagesFor, type Lang } from '../i18n/index.js';

/** Attributes, levels and groups in words, from `manifest.display_labels` (codes where none is given). */
export interface DisplayNames {
  /** "Nationality" for nationality; an intersection joined with " × ". */
  attribute: (attribute: string) => string;
  /** The attribute inside a sentence: a capital kept only for a name or acronym ("income", but "EU status"). */
  attributeInText: (attribute: string) => string;
  /** One level in words: "non-EU" for non_eu. */
  level: (attribute: string, level: string) => string;
  /** A group in words, intersections as a list: "non-EU, disabled, low income". */
  group: (attribute: string, group: string) => string;
}

/** Without a label a code is shown as written, so reports without labels read as before. */
const plain = (code: string): string => code;

/**
 * The names a person reads for the attributes and groups of a results file. Labels come from the
 * battery (`labels:`) over the population spec's; a code without one is shown as written. The
 * reference "(rest)" (everyone not in the group) is named in the words of `lang`.
 *
 * @example displayNames(results).group('nationality×disability', 'non_eu×disabled') // "non-EU, disabled"
 */
export function displayNames(results: Pick<Results, 'manifest'>, lang: Lang = 'en'): DisplayNames {
  const rest = messagesFor(lang).restReference;
  const labels = results.manifest.display_labels ?? {};
  const attribute1 = (a: string): string => labels[a]?.label ?? plain(a);
  const level = (a: string, l: string): string => labels[a]?.levels[l] ?? plain(l);
  const attribute = (a: string): string => {
    const parts = a.split(INTERSECTION_SEPARATOR);
    return parts.every((x) => labels[x] === undefined) ? a : parts.map(attribute1).join(' × ');
  };
  return {
    attribute,
    attributeInText: (a) => attribute(a).replace(/(^|× )(\p{Lu})(?!\p{Lu})/gu, (_, pre: string, c: string) => pre + c.toLowerCase()),
    level,
    group: (a, g) => {
      if (g === REST_REFERENCE) return rest;
      const attributes = a.split(INTERSECTION_SEPARATOR);
      const levels = g.split(INTERSECTION_SEPARATOR);
      // without any label the code stays as written, "×" included, so unlabelled reports read as before
      if (attributes.length !== levels.length || attributes.every((x) => labels[x] === undefined)) return plain(g);
      return levels.map((l, i) => level(attributes[i]!, l)).join(', ');
    },
  };
}
