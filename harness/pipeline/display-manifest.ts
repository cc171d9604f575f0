import type { DisplayLabels } from '../config/index.js';
import type { Manifest } from '../results/index.js';

/**
 * The manifest fields the reports need to speak in words: the battery's description (the question the
 * audit answers) and the attribute and level labels, the battery's over the population spec's, level by level.
 *
 * @example displayManifest('Does the score flag migrants more often?', { nationality: { label: 'Nationality', levels: {} } })
 */
export function displayManifest(
  description: string | undefined,
  battery: DisplayLabels | undefined,
  spec?: DisplayLabels | undefined,
): Pick<Manifest, 'description' | 'display_labels'> {
  const merged: NonNullable<Manifest['display_labels']> = {};
  for (const source of [spec, battery]) {
    for (const [attribute, l] of Object.entries(source ?? {})) {
      const before = merged[attribute];
      const label = l.label ?? before?.label;
      merged[attribute] = { ...(label !== undefined ? { label } : {}), levels: { ...before?.levels, ...l.levels } };
    }
  }
  const text = description?.trim().replace(/\s+/g, ' ');
  return {
    ...(text ? { description: text } : {}),
    ...(Object.keys(merged).length > 0 ? { display_labels: merged } : {}),
  };
}
