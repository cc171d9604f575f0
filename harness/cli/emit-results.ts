import type { Results } from '../results/index.js';
import { writeOutputs } from './write-outputs.js';

/**
 * Builds the report files of a finished run or audit, writes them to `out` and prints either
 * results.json (--json) or a short summary. Returns nothing: the exit code is decided by the caller.
 */
export async function emitResults(results: Results, out: string, json: boolean): Promise<void> {
  const { buildReport } = await import('../../reports/index.js');
  const { files } = await buildReport(results);
  const written = writeOutputs(out, files);
  if (json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const { summary } = results;
  process.stdout.write(
    `${results.manifest.title}\n` +
      `verdict: ${summary.verdict.toUpperCase()} (${summary.pass} pass, ${summary.fail} fail, ${summary.inconclusive} inconclusive)` +
      `${results.warnings.length ? `, ${results.warnings.length} warning(s)` : ''}\n` +
      `report: ${written.find((p) => p.endsWith('report.html')) ?? out}\n`,
  );
}
