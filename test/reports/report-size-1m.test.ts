import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Results } from '../../harness/results/index.js';
import { loadVegaBundles } from '../../reports/index.js';
import { runCli } from '../cli/run-cli.js';

/**
 * The default battery at 1,000,000 rows through the built CLI: the report's size does not grow with the
 * rows. Heavy, so it runs in the vitest project "heavy" (vitest.config.ts); `npm test` runs it too.
 */
let out: string;
let big: ReturnType<typeof runCli>;
beforeAll(() => {
  out = join(mkdtempSync(join(tmpdir(), 'disparate-report-1m-')), 'out');
  big = runCli(['run', 'batteries/default.yaml', '--out', out, '--size', '1000000']);
}, 300_000);

describe('report size', () => {
  it('the HTML of a 1 M-row battery stays under 2 MB (with room for --interactive)', () => {
    expect(big.stderr).toBe('');
    expect(big.status).toBe(1);
    expect(Results.parse(JSON.parse(readFileSync(`${out}/results.json`, 'utf8'))).manifest.rows).toBe(1_000_000);
    const size = statSync(`${out}/report.html`).size;
    expect(size).toBeLessThan(2_000_000);
    // --interactive adds the three bundles and one spec per chart
    const bundles = loadVegaBundles().reduce((a, b) => a + Buffer.byteLength(b), 0);
    expect(size * 1.5 + bundles).toBeLessThan(2_000_000);
  });
});
