/**
 * Escapes text for one GitHub-flavoured Markdown table cell or inline run: backslash-escapes
 * Markdown punctuation (`|`, backticks, emphasis, links), turns `<`, `>`, `&` and `@` into entities
 * (no raw HTML, no @-mentions) and folds newlines into spaces so a cell stays on one row.
 *
 * @example escapeMarkdown('a|b\n`c`') // "a\\|b \\`c\\`"
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n|\u2028|\u2029/g, ' ')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;');
}
