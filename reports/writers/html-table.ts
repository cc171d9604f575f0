import type { Table } from '../shared/index.js';
import { escapeHtml } from './escape-html.js';

/** "4.2 % (3.9–4.5 %)" may wrap before the bracket only: value and interval each stay on one line. */
function numeric(text: string): string {
  const at = text.indexOf(' (');
  return at < 0 ? text : `<span class="nw">${text.slice(0, at)}</span> <span class="nw">${text.slice(at + 1)}</span>`;
}

/** Renders a {@link Table} as an accessible HTML table (caption, scoped headers), escaping every cell. */
export function htmlTable(table: Table): string {
  const head = table.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const cls = [row.reference ? 'reference' : '', row.small ? 'small' : '', row.overall ? 'overall' : ''].filter(Boolean).join(' ');
      const cells = row.cells
        .map((cell, i) => {
          // Long intersection labels ("nationality×disability×income_band") may wrap after each "×".
          const text = escapeHtml(cell).replace(/×/g, '×<wbr>');
          if (i === 0) return `<th scope="row">${text}</th>`;
          if (i === table.verdictColumn && row.verdict) return `<td><span class="badge v-${row.verdict}">${text}</span></td>`;
          const small = /small cell/.test(cell) ? ' class="small-flag"' : '';
          return table.numeric.includes(i) ? `<td class="num">${numeric(text)}</td>` : `<td${small}>${text}</td>`;
        })
        .join('');
      return `<tr${cls ? ` class="${cls}"` : ''}>${cells}</tr>`;
    })
    .join('\n');
  const notes = table.notes?.length
    ? `\n<ol class="notes">\n${table.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('\n')}\n</ol>`
    : '';
  return `<table>\n<caption>${escapeHtml(table.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>${notes}`;
}
