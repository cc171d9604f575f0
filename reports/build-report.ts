import type { Results } from '../harness/results/index.js';
import { markWithheld, redactResults } from './shared/index.js';
import { buildChartSpecs } from './specs/index.js';
import type { Lang } from './i18n/index.js';
import { type InconclusiveAs, renderPng, renderSvg, withoutVegaAria, writeHtml, writeJunit, writeMarkdown } from './writers/index.js';

/** The files of one report, keyed by file name (no folders); the CLI writes them to `--out`. */
export interface Report {
  files: Map<string, string | Uint8Array>;
}

/** A report file kind besides results.json (always written). */
export type ReportFormat = 'html' | 'md' | 'junit' | 'vl' | 'svg' | 'png';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'md', 'junit', 'vl', 'svg', 'png'];

/** Options for {@link buildReport}. */
export interface BuildReportOptions {
  /** Receives Vega-Lite/Vega warnings (e.g. to add them to the CLI's log). */
  onWarning?: (message: string) => void;
  /** Files to produce besides results.json; default all of {@link REPORT_FORMATS}. */
  formats?: readonly ReportFormat[];
  /**
   * Script texts of vega, vega-lite and vega-embed (from `loadVegaBundles()`, read by the caller so
   * this stays pure): inlined into report.html for live charts with tooltips.
   */
  interactive?: readonly string[];
  /** Battery `inconclusive`: junit.xml counts inconclusive checks as failures ("fail", default) or skipped ("pass"). */
  inconclusive?: InconclusiveAs;
  /** PNG scale over the SVG's size (default 2). */
  pngScale?: number;
  /** The language of everything a person reads: report.html, report.md and the charts (default English); results.json and junit.xml stay English. */
  lang?: Lang;
}

/**
 * Builds every report artefact from results, without touching the file system:
 *
 * ```
 * results ──► markWithheld ───────────────────────────────────────► results.json (full numbers + markers)
 *        └──► redactResults (privacy) ──► buildChartSpecs ──► renderSvg ──► renderPng ──► <name>.vl.json/.svg/.png
 *                                    ├──► writeHtml (+ charts, + inlined vega for --interactive) ► report.html
 *                                    ├──► writeMarkdown ──────────────────────────────────────► report.md
 *                                    └──► writeJunit ─────────────────────────────────────────► junit.xml
 * ```
 * Small-cell suppression (manifest.privacy, audits only) applies to everything a person reads:
 * HTML, Markdown, JUnit and the charts with their inline data. results.json keeps the numbers, with
 * `withheld` / `suppressed` markers, because `merge` and CI gates need them.
 *
 * @example
 * const { files } = await buildReport(results, { formats: ['html', 'junit'] });
 * for (const [name, body] of files) await writeFile(join(outDir, name), body);
 */
export async function buildReport(results: Results, options: BuildReportOptions = {}): Promise<Report> {
  const formats = new Set(options.formats ?? REPORT_FORMATS);
  const view = redactResults(results);
  const needCharts = formats.has('html') || formats.has('vl') || formats.has('svg') || formats.has('png');
  const charts = needCharts ? buildChartSpecs(view, options.lang) : [];
  const needSvg = formats.has('html') || formats.has('svg') || formats.has('png');
  const rendered = needSvg ? await Promise.all(charts.map((c) => renderSvg(c.spec, options))) : [];
  // Vega's own ARIA inside a chart is English: a report in another language keeps only the chart's accessible name from the catalogue
  const svgs = (options.lang ?? 'en') === 'en' ? rendered : rendered.map(withoutVegaAria);
  const files = new Map<string, string | Uint8Array>();
  if (formats.has('html')) {
    files.set(
      'report.html',
      writeHtml(
        view,
        charts.map((c, i) => ({ name: c.name, title: c.title, svg: svgs[i] ?? '', description: c.spec.description, spec: c.spec })),
        { interactive: options.interactive, lang: options.lang },
      ),
    );
  }
  if (formats.has('md')) files.set('report.md', writeMarkdown(view, options.lang));
  files.set('results.json', `${JSON.stringify(markWithheld(results), null, 2)}\n`);
  if (formats.has('junit')) files.set('junit.xml', writeJunit(view, options.inconclusive ?? 'fail'));
  charts.forEach((c, i) => {
    if (formats.has('vl')) files.set(`${c.name}.vl.json`, `${JSON.stringify(c.spec, null, 2)}\n`);
    const svg = svgs[i] ?? '';
    if (formats.has('svg')) files.set(`${c.name}.svg`, `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`);
    if (formats.has('png')) files.set(`${c.name}.png`, renderPng(svg, options.pngScale ?? 2));
  });
  return { files };
}
