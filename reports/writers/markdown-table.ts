import type { Table } from '../shared/index.js';
import { escapeMarkdown } from './escape-markdown.js';

const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;

/** Renders a {@link Table} as a GitHub-flavoured Markdown table, escaping every cell. */
export function markdownTable(table: Table): string {
  const align = table.header.map((_, i) => (table.numeric.includes(i) ? '---:' : '---'));
  return [
    row(table.header.map(escapeMarkdown)),
    row(align),
    ...table.rows.map((r) => row(r.cells.map((c, i) => (i === table.verdictColumn ? `**${escapeMarkdown(c)}**` : escapeMarkdown(c))))),
    // footnotes as a numbered list, matching the "[n]" in the cells
    ...(table.notes?.length ? ['', ...table.notes.map((n, i) => `${i + 1}. ${escapeMarkdown(n)}`)] : []),
  ].join('\n');
}
