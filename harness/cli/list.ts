import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../config/index.js';
import { METRIC_IDS, RATE_METRICS } from '../metrics/index.js';

/** `disparate list`: the metrics the registry knows and the bundled batteries. */
export const listCommand = {
  handler(): number {
    const lines = ['metrics (adverse outcome = flagged; _ratio = group ÷ reference, _difference = group − reference):'];
    for (const m of RATE_METRICS) lines.push(`  ${m.id.padEnd(22)} ${m.meaning}${m.needsLabels ? ' (needs labels)' : ''}`);
    lines.push(`  ${METRIC_IDS.length} ids in all, with the _ratio and _difference variants`);
    const dir = join(packageRoot(), 'batteries');
    const batteries = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
    lines.push(`batteries (in ${dir}):`, ...batteries.map((b) => `  ${b}`));
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
