import type { Results } from '../results/index.js';
import { writeOutputs } from './write-outputs.js';

/** Report options from the battery's `report:` / `privacy:` blocks and the CLI flags (flags win). */
export interface EmitOptions {
  /** Inline vega, vega-lite and vega-embed into report.html (--interactive, report.interactive). */
  interactive?: boolean;
  /** Files besides results.json (report.formats); default all. */
  formats?: readonly ('html' | 'md' | 'junit' | 'vl' | 'svg' | 'png')[];
  /** Small-cell suppression (privacy.min_cell, --privacy-min-cell); recorded in the manifest, applied to audits. */
  privacy?: { min_cell: number; origin: 'battery' | 'cli' };
  /** The battery's `inconclusive` setting, so junit.xml agrees with the exit code. */
  inconclusive?: 'fail' | 'pass';
}

/**
 * Builds the report files of a finished run or audit, writes them to `out` and prints either
 * results.json (--json) or a short summary. Returns nothing: the exit code is decided by the caller.
 */
export async function emitResults(results: Results, out: string, json: boolean, options: EmitOptions = {}): Promise<void> {
  const { buildReport, isReportFileName, loadVegaBundles, markWithheld, redactResults, terminalSummary } = await import('../../reports/index.js');
  const stamped: Results = options.privacy ? { ...results, manifest: { ...results.manifest, privacy: options.privacy } } : results;
  const { files } = await buildReport(stamped, {
    formats: options.formats,
    interactive: options.interactive ? loadVegaBundles() : undefined,
    inconclusive: options.inconclusive,
  });
  const written = writeOutputs(out, files, isReportFileName);
  if (json) {
    process.stdout.write(`${JSON.stringify(markWithheld(stamped), null, 2)}\n`);
    return;
  }
  // what a person reads on the terminal respects the same small-cell suppression as the report
  process.stdout.write(terminalSummary(redactResults(stamped), written.find((p) => p.endsWith('report.html')) ?? out));
}
