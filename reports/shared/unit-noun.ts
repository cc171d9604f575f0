import type { Manifest } from '../../harness/results/index.js';

/** The plural noun for one row when the manifest names none. */
export const DEFAULT_UNIT = 'people';

/**
 * What one row is, in the plural, for sentences: `manifest.unit`, or "people" when absent or blank.
 * @example unitNoun({ ...manifest, unit: 'students' }) // "students"
 */
export function unitNoun(manifest: Pick<Manifest, 'unit'>): string {
  const unit = manifest.unit?.trim() ?? '';
  return unit === '' ? DEFAULT_UNIT : unit;
}

/** Text with its first letter in upper case, for the start of a sentence. @example upperFirst('students') // "Students" */
export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
