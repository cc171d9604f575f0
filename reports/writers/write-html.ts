import type { Results } from '../../harness/results/index.js';
import {
  VERDICT_STYLE, attributesOf, buildComparisonChecksTable, buildComparisonGroupsTable, buildFrontPage, unitNoun, displayNames, buildCounterfactualTable, buildGroupTable, buildReproductionTables, buildSelectiveLabelsTable, buildSuppressedTable, buildWorstGroupsTable, buildToleranceTable, buildVerdictTable, methodsText, provenanceRows, summarySentences, verdictText,
} from '../shared/index.js';
import { escapeHtml } from './escape-html.js';
import { frontPageHtml } from './front-page-html.js';
import { HTML_STYLE } from './html-style.js';
import { htmlTable } from './html-table.js';
import { printStyle } from './print-style.js';
import { warningGroups } from './warning-groups.js';
import { messagesFor, type Lang, type Messages } from '../i18n/index.js';

/** A table in its own scrolling box, so a wide table never widens the page on a phone. */
function scrollTable(html: string, label: string): string {
  return `<div class="table-scroll" role="region" tabindex="0" aria-label="${escapeHtml(label)}">${html}</div>`;
}

/** Folded detail: closed on screen, printed open. */
function fold(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}>\n<summary>${escapeHtml(summary)}</summary>\n${body}\n</details>`;
}

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
  /** The language of the front page and the section titles (default English). */
  lang?: Lang;
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

function figure(chart: ReportChart, i: number, interactive: boolean, T: Messages): string {
  const label = escapeHtml(chart.description ?? chart.title);
  const live = interactive && chart.spec !== undefined;
  const data = live ? `\n<script type="application/json" id="spec-c${i}">${jsonText(chart.spec)}</script>\n<div class="chart-live" role="img" aria-label="${label}"></div>` : '';
  return `<figure id="chart-${escapeHtml(chart.name)}"${live ? ` data-spec="spec-c${i}"` : ''}>\n<div class="chart" role="img" aria-label="${label}">${scopeIds(chart.svg, `c${i}`)}</div>${data}\n<figcaption>${escapeHtml(T.tables.figure(i + 1))} ${escapeHtml(chart.title)}. ${label}</figcaption>\n</figure>`;
}

/**
 * The self-contained HTML report: inline CSS and SVG only (no scripts, fonts or links to fetch).
 * A front page first (title, question, verdict sentence, findings, headline chart, what the audit
 * cannot tell, contents), then numbered h2 sections — every check in words, Verdicts, Charts, Group
 * metrics, Warnings, Methods, Provenance — with long detail folded in <details> (printed open).
 * Every string from results is escaped; verdicts carry symbol and word besides colour.
 *
 * @example writeHtml(results, [{ name: 'ratio-forest', title: 'Ratios', svg }])
 */
export function writeHtml(results: Results, charts: ReportChart[], options: WriteHtmlOptions = {}): string {
  const m = results.manifest;
  const lang = options.lang ?? 'en';
  const T = messagesFor(lang);
  const interactive = options.interactive !== undefined && options.interactive.length > 0;
  const W = T.tables;
  const names = displayNames(results, lang);
  const sentences = summarySentences(results, lang).filter((s) => s.kind === 'finding');
  const summary = sentences
    .map((s) => {
      const badge = s.verdict ? `<span class="badge v-${s.verdict}">${escapeHtml(verdictText(s.verdict, lang))}</span> ` : '';
      return `<li>${badge}${escapeHtml(s.text)}</li>`;
    })
    .join('\n');
  const table = (t: NonNullable<ReturnType<typeof buildSelectiveLabelsTable>>): string => scrollTable(htmlTable(t), t.caption);
  const folded = (t: NonNullable<ReturnType<typeof buildSelectiveLabelsTable>>): string => fold(W.tableFold(t.caption, t.rows.length), table(t));
  const reproduction = buildReproductionTables(results, lang);
  const verdicts = `${reproduction.map((t) => `${t.rows.length > 12 ? folded(t) : table(t)}\n`).join('')}${
    results.checks.length ? `${folded(buildVerdictTable(results, lang))}\n${table(buildToleranceTable(results, lang))}` : `<p>${escapeHtml(T.noChecks)}</p>`
  }`;
  const extras = (
    [
      [W.comparisonChecks, buildComparisonChecksTable(results, lang)],
      [W.comparisonGroups, buildComparisonGroupsTable(results, lang)],
      [W.selectiveLabels, buildSelectiveLabelsTable(results, lang)],
      [W.counterfactual, buildCounterfactualTable(results, lang)],
      [W.worstGroups, buildWorstGroupsTable(results, lang)],
      [W.cellsNotChecked, buildSuppressedTable(results, lang)],
    ] as const
  )
    .filter(([, t]) => t !== null)
    .map(([title, t]) => `<h3>${escapeHtml(title)}</h3>\n${folded(t!)}`);
  const groups = [
    ...attributesOf(results).map((a) => `<h3>${escapeHtml(names.attribute(a))}</h3>\n${folded(buildGroupTable(results, a, lang))}`),
    ...extras,
  ].join('\n');
  const warnings = !results.warnings.length
    ? `<p>${escapeHtml(T.noWarnings)}</p>`
    : W.groupWarnings
      ? `<dl class="warnings">\n${warningGroups(results.warnings).map(([code, messages]) =>
        `<dt>${escapeHtml(code)}</dt><dd>${escapeHtml(W.warning(code, messages.length))}\n<details lang="en"><summary lang="${lang}">${escapeHtml(W.warningsOriginal)}</summary>\n<ul>\n${messages.map((t) => `<li>${escapeHtml(t)}</li>`).join('\n')}\n</ul>\n</details></dd>`).join('\n')}\n</dl>`
      : `<dl class="warnings">\n${results.warnings.map((w) => `<dt>${escapeHtml(w.code)}</dt><dd>${escapeHtml(w.message)}</dd>`).join('\n')}\n</dl>`;
  const methods = `<ul>\n${methodsText(results, lang).map((t) => `<li>${escapeHtml(t)}</li>`).join('\n')}\n</ul>`;
  const provenance = scrollTable(`<table>\n<caption>${escapeHtml(W.manifest)}</caption>\n<tbody>\n${provenanceRows(m, lang)
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('\n')}\n</tbody>\n</table>`, W.manifest);
  const symbol = VERDICT_STYLE[results.summary.verdict].symbol;
  const front = buildFrontPage(results, lang);
  const headlineAt = charts.findIndex((c) => c.name === 'over-representation');
  const headline = headlineAt >= 0 ? charts[headlineAt]! : null;
  const rest = charts.map((c, i) => ({ c, i })).filter(({ i }) => i !== headlineAt);
  const sections = [
    ['summary', T.sections.summary, sentences.length ? fold(W.sentencesFold(sentences.length), `<ul class="summary">\n${summary}\n</ul>`) : `<p>${escapeHtml(T.noFindingsSection)}</p>`],
    ['verdicts', T.sections.verdicts, verdicts],
    ['charts', T.sections.charts, rest.length ? rest.map(({ c, i }) => figure(c, i, interactive, T)).join('\n') : `<p>${escapeHtml(T.noCharts)}</p>`],
    ['groups', T.sections.groups, groups || `<p>${escapeHtml(T.noGroups)}</p>`],
    ['warnings', T.sections.warnings, warnings],
    ['methods', T.sections.methods, methods],
    ['provenance', T.sections.provenance, provenance],
  ] as const;
  const contents = sections.map(([id, title], i) => ({ id, title: `${i + 1}. ${title}` }));
  const print = printStyle({ title: m.title, verdict: `${symbol} ${T.verdictWord[results.summary.verdict]}`, hash: m.battery_hash, page: T.page, of: T.of });

  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(`${m.tool} ${m.tool_version}`)}">
<title>${escapeHtml(`${m.title} — ${T.verdictWord[results.summary.verdict]}`)}</title>
<style>${HTML_STYLE}${print}</style>
</head>
<body>
${frontPageHtml(front, headline ? { svg: scopeIds(headline.svg, 'h0'), description: headline.description ?? headline.title } : null, contents, unitNoun(m), m.finished, lang)}
<main>
${sections.map(([id, title, body], i) => section(i + 1, id, title, body)).join('\n')}
</main>${interactive ? `\n${(options.interactive ?? []).map((js) => `<script>${scriptText(js)}</script>`).join('\n')}\n<script>${EMBED}</script>` : ''}
</body>
</html>
`;
}
