import type { Results } from '../results/index.js';
import { writeFileSync } from 'node:fs';
import { DisparateError } from '../errors/index.js';
import { stageFile } from './stage-file.js';
import { writeOutputs } from './write-outputs.js';

/** Report options from the battery's `report:` / `privacy:` blocks and the CLI flags (flags win). */
export interface EmitOptions {
  /** Inline vega, vega-lite and vega-embed into report.html (--interactive, report.interactive). */
  interactive?: boolean;
  /** Files besides results.json (report.formats); default all. */
  formats?: readonly ('html' | 'md' | 'junit' | 'vl' | 'svg' | 'png')[];
  /** Small-cell suppression (privacy.min_cell, --privacy-min-cell); recorded in the manifest, applied to audits. */
  privacy?: { min_cell: number; origin: 'battery' | 'cli' };
  /** A second place for junit.xml, where a CI system collects test reports (--junit). */
  junit?: string | undefined;
  /** The battery's `inconclusive` setting, so junit.xml agrees with the exit code. */
  inconclusive?: 'fail' | 'pass';
  /** The language of the reports, the charts and the terminal summary (--lang, the battery's lang); default English. */
  lang?: 'en' | 'fr' | 'nl' | undefined;
}

/**
 * Builds the report files of a finished run or audit, writes them to `out` and prints either
 * results.json (--json) or a short summary. Returns nothing: the exit code is decided by the caller.
 */
export async function emitResults(results: Results, out: string, json: boolean, options: EmitOptions = {}): Promise<void> {
  const { buildReport, isReportFileName, loadVegaBundles, markWithheld, redactResults, terminalSummary } = await import('../../reports/index.js');
  const stamped: Results = options.privacy ? { ...results, manifest: { ...results.manifest, privacy: options.privacy } } : results;
  const { files } = await buildReport(stamped, {
    // --junit asks for junit.xml even when the battery's report.formats leaves it out
    formats: options.junit && options.formats && !options.formats.includes('junit') ? [...options.formats, 'junit'] : options.formats,
    interactive: options.interactive ? loadVegaBundles() : undefined,
    inconclusive: options.inconclusive,
    lang: options.lang,
  });
  const written = writeOutputs(out, files, isReportFileName);
  if (options.junit) writeJunitCopy(options.junit, files);
  if (json) {
    process.stdout.write(`${JSON.stringify(markWithheld(stamped), null, 2)}\n`);
    return;
  }
  // what a person reads on the terminal respects the same small-cell suppression as the report
  process.stdout.write(terminalSummary(redactResults(stamped), written.find((p) => p.endsWith('report.html')) ?? out, options.lang));
}

/** junit.xml written whole (or not at all) at the path --junit names, beside the report's own copy. */
function writeJunitCopy(path: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  const content = files.get('junit.xml');
  if (content === undefined) throw new Error('junit.xml was not built');
  const staged = stageFile(path);
  try {
    writeFileSync(staged.path, content);
  } catch (e) {
    staged.discard();
    throw new DisparateError('usage', `--junit ${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  staged.commit();
}
