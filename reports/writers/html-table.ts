import type { Table } from '../shared/index.js';
import { escapeHtml } from './escape-html.js';

/** Renders a {@link Table} as an accessible HTML table (caption, scoped headers), escaping every cell. */
export function htmlTable(table: Table): string {
  const head = table.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const cls = [row.reference ? 'reference' : '', row.small ? 'small' : ''].filter(Boolean).join(' ');
      const cells = row.cells
        .map((cell, i) => {
          const text = escapeHtml(cell);
          if (i === 0) return `<th scope="row">${text}</th>`;
          if (i === table.verdictColumn && row.verdict) return `<td><span class="badge v-${row.verdict}">${text}</span></td>`;
          const small = /small cell/.test(cell) ? ' class="small-flag"' : '';
          return table.numeric.includes(i) ? `<td class="num">${text}</td>` : `<td${small}>${text}</td>`;
        })
        .join('');
      return `<tr${cls ? ` class="${cls}"` : ''}>${cells}</tr>`;
    })
    .join('\n');
  return `<table>\n<caption>${escapeHtml(table.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}
