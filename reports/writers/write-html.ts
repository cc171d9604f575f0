import type { Results } from '../../harness/results/index.js';
import {
  VERDICT_STYLE, attributesOf, buildComparisonChecksTable, buildComparisonGroupsTable, buildCounterfactualTable, buildGroupTable, buildReproductionTables, buildSelectiveLabelsTable, buildSuppressedTable, buildWorstGroupsTable, buildToleranceTable, buildVerdictTable, methodsText, provenanceRows, summarySentences, verdictText,
} from '../shared/index.js';
import { escapeHtml } from './escape-html.js';
import { HTML_STYLE } from './html-style.js';
import { htmlTable } from './html-table.js';

/** A rendered chart for the HTML report. `svg` is trusted renderer output (vega escapes its text). */
export interface ReportChart {
  name: string;
  title: string;
  svg: string;
  /** Accessible description; defaults to the title. */
  description?: string;
  /** The Vega-Lite spec, embedded for the interactive report. */
  spec?: unknown;
}

/** Options for {@link writeHtml}. */
export interface WriteHtmlOptions {
  /**
   * Script texts to inline (vega, vega-lite, vega-embed, in that order; see `loadVegaBundles`) to
   * redraw each chart live with tooltips. The static SVG stays in the page as the fallback and for print.
   */
  interactive?: readonly string[];
}

/** Makes script text safe inside an HTML <script> element (no early end tag, no comment state). */
function scriptText(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON safe inside <script type="application/json">: "<" never appears raw. */
function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const EMBED = `
document.querySelectorAll('figure[data-spec]').forEach(function (fig) {
  var data = document.getElementById(fig.getAttribute('data-spec'));
  var live = fig.querySelector('.chart-live');
  if (!data || !live || typeof vegaEmbed !== 'function') return;
  vegaEmbed(live, JSON.parse(data.textContent), { actions: false, renderer: 'svg', tooltip: true })
    .then(function () { fig.classList.add('live'); })
    .catch(function (e) { live.textContent = ''; console.warn('interactive chart unavailable: ' + e); });
});`;

/**
 * Several inline SVGs share one id namespace, and vega numbers gradients and clip paths with a
 * process-wide counter: renumber each chart's ids under its own prefix (unique and deterministic).
 */
function scopeIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) if (!ids.has(m[1]!)) ids.set(m[1]!, `${prefix}-${ids.size}`);
  const to = (id: string): string => ids.get(id) ?? id;
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${to(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${to(id)})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${to(id)}"`);
}

function section(n: number, id: string, title: string, body: string): string {
  return `<section id="${id}" aria-labelledby="${id}-h">\n<h2 id="${id}-h">${n}. ${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

function figure(chart: ReportChart, i: number, interactive: boolean): string {
  const label = escapeHtml(chart.description ?? chart.title);
  const live = interactive && chart.spec !== undefined;
  const data = live ? `\n<script type="application/json" id="spec-c${i}">${jsonText(chart.spec)}</script>\n<div class="chart-live" role="img" aria-label="${label}"></div>` : '';
  return `<figure id="chart-${escapeHtml(chart.name)}"${live ? ` data-spec="spec-c${i}"` : ''}>\n<div class="chart" role="img" aria-label="${label}">${scopeIds(chart.svg, `c${i}`)}</div>${data}\n<figcaption>Figure ${i + 1}. ${escapeHtml(chart.title)}. ${label}</figcaption>\n</figure>`;
}

/**
 * The self-contained HTML report: inline CSS and SVG only (no scripts, fonts or links to fetch),
 * one h1 and numbered h2 sections — Summary, Verdicts, Charts, Group metrics, Warnings, Methods,
 * Provenance. Every string from results is escaped; verdicts carry symbol and word besides colour.
 *
 * @example writeHtml(results, [{ name: 'ratio-forest', title: 'Ratios', svg }])
 */
export function writeHtml(results: Results, charts: ReportChart[], options: WriteHtmlOptions = {}): string {
  const m = results.manifest;
  const interactive = options.interactive !== undefined && options.interactive.length > 0;
  const sentences = summarySentences(results);
  const overall = sentences
    .filter((s) => s.kind === 'overall')
    .map((s) => `<p class="overall">${s.verdict ? `<span class="badge v-${s.verdict}">${escapeHtml(verdictText(s.verdict))}</span> ` : ''}${escapeHtml(s.text)}</p>`)
    .join('\n');
  const summary = sentences
    .filter((s) => s.kind === 'finding')
    .map((s) => {
      const badge = s.verdict ? `<span class="badge v-${s.verdict}">${escapeHtml(verdictText(s.verdict))}</span> ` : '';
      return `<li>${badge}${escapeHtml(s.text)}</li>`;
    })
    .join('\n');
  const reproduction = buildReproductionTables(results);
  const verdicts = `${reproduction.map((t) => `${htmlTable(t)}\n`).join('')}${
    results.checks.length ? `${htmlTable(buildVerdictTable(results))}\n${htmlTable(buildToleranceTable(results))}` : '<p>No checks were configured.</p>'
  }`;
  const extras = (
    [
      ['Comparison with the deployed model: checks', buildComparisonChecksTable(results)],
      ['Comparison with the deployed model: groups', buildComparisonGroupsTable(results)],
      ['Selective labels', buildSelectiveLabelsTable(results)],
      ['Counterfactual twins', buildCounterfactualTable(results)],
      ['Worst groups', buildWorstGroupsTable(results)],
      ['Cells not checked', buildSuppressedTable(results)],
    ] as const
  )
    .filter(([, t]) => t !== null)
    .map(([title, t]) => `<h3>${escapeHtml(title)}</h3>\n${htmlTable(t!)}`);
  const groups = [
    ...attributesOf(results).map((a) => `<h3>${escapeHtml(a)}</h3>\n${htmlTable(buildGroupTable(results, a))}`),
    ...extras,
  ].join('\n');
  const warnings = results.warnings.length
    ? `<dl class="warnings">\n${results.warnings.map((w) => `<dt>${escapeHtml(w.code)}</dt><dd>${escapeHtml(w.message)}</dd>`).join('\n')}\n</dl>`
    : '<p>No warnings.</p>';
  const methods = `<ul>\n${methodsText(results).map((t) => `<li>${escapeHtml(t)}</li>`).join('\n')}\n</ul>`;
  const provenance = `<table>\n<caption>Manifest</caption>\n<tbody>\n${provenanceRows(m)
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('\n')}\n</tbody>\n</table>`;
  const symbol = VERDICT_STYLE[results.summary.verdict].symbol;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(`${m.tool} ${m.tool_version}`)}">
<title>${escapeHtml(`${m.title} — ${results.summary.verdict}`)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(m.title)}</h1>
<p class="lede">Disparate-impact report · verdict <span class="badge v-${results.summary.verdict}">${escapeHtml(`${symbol} ${results.summary.verdict}`)}</span> · ${escapeHtml(m.finished)}</p>
</header>
<main>
${section(1, 'summary', 'Summary', `${overall}\n${summary ? `<ul class="summary">\n${summary}\n</ul>` : '<p>No findings to report.</p>'}`)}
${section(2, 'verdicts', 'Verdicts', verdicts)}
${section(3, 'charts', 'Charts', charts.length ? charts.map((c, i) => figure(c, i, interactive)).join('\n') : '<p>No charts.</p>')}
${section(4, 'groups', 'Group metrics', groups || '<p>No groups.</p>')}
${section(5, 'warnings', 'Warnings', warnings)}
${section(6, 'methods', 'Methods', methods)}
${section(7, 'provenance', 'Provenance', provenance)}
</main>${interactive ? `\n${(options.interactive ?? []).map((js) => `<script>${scriptText(js)}</script>`).join('\n')}\n<script>${EMBED}</script>` : ''}
</body>
</html>
`;
}
