import { z } from 'zod';

/**
 * Names in words for attributes and their levels, for everything a person reads (sentences, tables,
 * charts). Codes stay the keys of results.json; only the reports translate them.
 *
 * @example
 * labels:
 *   nationality: { label: Nationality, levels: { non_eu: non-EU, french: French } }
 */
export const DisplayLabels = z
  .record(
    z.string().min(1),
    z
      .object({
        label: z.string().min(1).optional().describe('The attribute in words, e.g. "Nationality". Default: the column name.'),
        levels: z
          .record(z.string(), z.string().min(1))
          .default({})
          .describe('Level code → words, e.g. { non_eu: "non-EU", low: "low income" }. Levels not listed are shown as coded.'),
      })
      .strict(),
  )
  .describe('Attributes and levels in words, for the report: { <attribute>: { label, levels: { <code>: <words> } } }. Unlisted names are shown as coded.');
export type DisplayLabels = z.infer<typeof DisplayLabels>;

/** Intersections may be written with "*" (easy to type) or "×" (as the reports print them). */
export const INTERSECTION_INPUT = /\s*[*×]\s*/g;

/**
 * An attribute or group name with any "*" written for an intersection turned into "×".
 * @example intersectionName('nationality * disability') // "nationality×disability"
 */
export function intersectionName(name: string): string {
  return name.includes('*') || name.includes('×') ? name.trim().replace(INTERSECTION_INPUT, '×') : name;
}
