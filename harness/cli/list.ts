import { readdirSync } from 'node:fs';
import { METRIC_IDS, RATE_METRICS } from '../metrics/index.js';

/** `disparate list`: the metrics the registry knows and the bundled batteries. */
export const listCommand = {
  command: 'list',
  describe: 'List metrics and bundled batteries',
  handler(): number {
    const lines = ['metrics (adverse outcome = flagged; _ratio = group ÷ reference, _difference = group − reference):'];
    for (const m of RATE_METRICS) lines.push(`  ${m.id.padEnd(22)} ${m.meaning}${m.needsLabels ? ' (needs labels)' : ''}`);
    lines.push(`  ${METRIC_IDS.length} ids in all, with the _ratio and _difference variants`);
    let batteries: string[] = [];
    try {
      batteries = readdirSync('batteries').filter((f) => /\.ya?ml$/.test(f));
    } catch {
      // not run from the repository root
    }
    if (batteries.length) lines.push('batteries:', ...batteries.map((b) => `  batteries/${b}`));
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
