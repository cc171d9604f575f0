import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRIC_IDS, RATE_METRICS } from '../../harness/metrics/index.js';
import { runCli } from './run-cli.js';

describe('disparate list', () => {
  it('lists every rate metric and the bundled batteries, from any working directory', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'disparate-list-'));
    const r = runCli(['list'], { cwd: elsewhere });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    for (const m of RATE_METRICS) expect(r.stdout).toMatch(new RegExp(`^  ${m.id} `, 'm'));
    expect(r.stdout).toContain(`${METRIC_IDS.length} ids in all`);
    const bundled = readdirSync('batteries').filter((f) => /\.ya?ml$/.test(f));
    expect(bundled).toContain('default.yaml');
    expect(r.stdout).toContain(`batteries (in ${join(process.cwd(), 'batteries')}):`);
    for (const b of bundled) expect(r.stdout).toMatch(new RegExp(`^  ${b.replace('.', '\\.')}$`, 'm'));
  });
});
