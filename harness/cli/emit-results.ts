import type { Results } from '../results/index.js';
import { writeFileSync } from 'node:fs';
import { DisparateError } from '../errors/index.js';
import type { FolderFormat } from './output-options.js';
import { stageFile } from './stage-file.js';
import { writeOutputs } from './write-outputs.js';

/** Report options from the battery's `report:` / `privacy:` blocks and the CLI flags (flags win). */
export interface EmitOptions {
  /** Inline vega, vega-lite and vega-embed into report.html (--interactive, report.interactive). */
  interactive?: boolean;
  /**
   * Files besides results.json written into `out` (--formats, else report.formats; see reportFormats); default
   * all. null: no folder at all (--json alone), so no chart is rendered and no report library is loaded.
   */
  formats?: readonly FolderFormat[] | null;
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
 * Loads the modules emitResults will need for these options, ahead of time: for a command that waits
 * on other work (an audit while the engine aggregates the file) and can load them meanwhile.
 */
export async function loadEmitter(options: Pick<EmitOptions, 'formats' | 'junit'> = {}): Promise<void> {
  if (options.formats === null && !options.junit) await import('../../reports/shared/index.js');
  else await import('../../reports/index.js');
}

/**
 * Builds the report files of a finished run or audit, writes them to `out` and prints either
 * results.json (--json) or a short summary. Returns nothing: the exit code is decided by the caller.
 * Only what is asked is built: with `formats: null` (--json alone) nothing is rendered or written
 * except junit.xml where --junit names it, and vega, vega-lite and resvg are never loaded.
 */
export async function emitResults(results: Results, out: string, json: boolean, options: EmitOptions = {}): Promise<void> {
  const stamped: Results = options.privacy ? { ...results, manifest: { ...results.manifest, privacy: options.privacy } } : results;
  if (options.formats === null) {
    if (options.junit) {
      const { buildReport } = await import('../../reports/index.js');
      const { files } = await buildReport(stamped, { formats: ['junit'], inconclusive: options.inconclusive, lang: options.lang });
      writeJunitCopy(options.junit, files);
    }
    const { markWithheld, redactResults, terminalSummary } = await import('../../reports/shared/index.js');
    if (json) process.stdout.write(`${JSON.stringify(markWithheld(stamped), null, 2)}\n`);
    else process.stdout.write(terminalSummary(redactResults(stamped), out, options.lang));
    return;
  }
  const { buildReport, isReportFileName, loadVegaBundles, markWithheld, redactResults, terminalSummary } = await import('../../reports/index.js');
  // --junit asks for junit.xml at its own path even when the formats leave it out of the folder
  const junitOnly = options.junit !== undefined && options.formats !== undefined && !options.formats.includes('junit');
  const { files } = await buildReport(stamped, {
    formats: junitOnly ? [...options.formats!, 'junit'] : options.formats,
    // the bundles go into report.html only: not read when it is not written
    interactive: options.interactive && (options.formats === undefined || options.formats.includes('html')) ? loadVegaBundles() : undefined,
    inconclusive: options.inconclusive,
    lang: options.lang,
  });
  const written = writeOutputs(out, junitOnly ? new Map([...files].filter(([name]) => name !== 'junit.xml')) : files, isReportFileName);
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
