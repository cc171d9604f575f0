import type { Results } from '../harness/results/index.js';
import { buildChartSpecs } from './specs/index.js';
import { renderSvg, writeHtml, writeMarkdown } from './writers/index.js';

/** The files of one report, keyed by file name (no folders); the CLI writes them to `--out`. */
export interface Report {
  files: Map<string, string | Uint8Array>;
}

/**
 * Builds every report artefact from results, without touching the file system:
 *
 * ```
 * results ──► buildChartSpecs ──► renderSvg ──► writeHtml ──► report.html
 *        ├──► writeMarkdown ─────────────────────────────────► report.md
 *        ├──► JSON.stringify ────────────────────────────────► results.json
 *        └──► each chart spec ───────────────────────────────► <name>.vl.json
 * ```
 *
 * @param options.onWarning receives Vega-Lite/Vega warnings (e.g. to add them to the CLI's log).
 * @example
 * const { files } = await buildReport(results);
 * for (const [name, body] of files) await writeFile(join(outDir, name), body);
 */
export async function buildReport(results: Results, options: { onWarning?: (message: string) => void } = {}): Promise<Report> {
  const charts = buildChartSpecs(results);
  const svgs = await Promise.all(charts.map((c) => renderSvg(c.spec, options)));
  const files = new Map<string, string | Uint8Array>();
  files.set(
    'report.html',
    writeHtml(
      results,
      charts.map((c, i) => ({ name: c.name, title: c.title, svg: svgs[i] ?? '', description: c.spec.description })),
    ),
  );
  files.set('report.md', writeMarkdown(results));
  files.set('results.json', `${JSON.stringify(results, null, 2)}\n`);
  for (const c of charts) files.set(`${c.name}.vl.json`, `${JSON.stringify(c.spec, null, 2)}\n`);
  return { files };
}
