import { OKABE_ITO } from '../shared/index.js';

/** Text safe inside a CSS string in an inline <style>: no quote, backslash, newline or "<" left raw. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"\n\r<>]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/**
 * The printed page: A4 with margins, a running header (title, verdict, battery hash) and page
 * numbers in the page-margin boxes, the front page alone on the first sheet, folded details printed
 * open, tables and charts kept whole and fitted to the page width.
 *
 * @example printStyle({ title: 'CAF-like score', verdict: '✗ fail', hash: 'sha256:7c19…', page: 'Page' })
 */
export function printStyle(header: { title: string; verdict: string; hash: string | null; page: string; of: string }): string {
  const running = [header.title, header.verdict, header.hash ? header.hash.slice(0, 19) : null].filter((s) => s !== null).join(' · ');
  return `
@page { size: A4; margin: 16mm 14mm 16mm 14mm;
  @top-left { content: ${cssString(running)}; font: 8pt system-ui, sans-serif; color: #555; }
  @bottom-right { content: ${cssString(`${header.page} `)} counter(page) ${cssString(` ${header.of} `)} counter(pages); font: 8pt system-ui, sans-serif; color: #555; } }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  header.front { break-after: page; }
  header.front h1 { font-size: 15pt; } .verdict-line { font-size: 11pt; } .rule-line, .kicker, figure.headline figcaption { font-size: 8pt; }
  .question, ol.findings, .cannot ul, .unstable-note { font-size: 9pt; }
  figure.headline svg { width: auto; max-width: 100%; max-height: 52mm; }
  header.front h2 { margin: .3rem 0 .15rem; } header.front p, ol.findings li { margin-top: .15rem; margin-bottom: .15rem; }
  .front-grid { grid-template-columns: 1fr; }
  details::details-content { content-visibility: visible; display: contents; }
  details > summary { list-style: none; font-weight: 600; }
  .table-scroll { overflow: visible; }
  table { font-size: 7.5pt; table-layout: auto; width: 100%; }
  th, td { padding: .15rem .25rem; overflow-wrap: anywhere; }
  td.num { white-space: normal; } .nw { white-space: nowrap; }
  h2, h3 { break-after: avoid; } figure, tr, .finding { break-inside: avoid; }
  figure .chart { overflow: visible; } figure svg { max-width: 100%; height: auto; }
  figure.live .chart { display: block; } figure.live .chart-live { display: none; } nav.toc { display: none; }
  th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .badge.v-fail { color: ${OKABE_ITO.black}; }
}
`;
}
