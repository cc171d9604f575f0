/**
 * A file-name-safe kebab-case slug (ASCII letters, digits, hyphens), never empty.
 * @example slug('nationality×disability') // "nationality-disability"
 */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'x' : s.slice(0, 60);
}
