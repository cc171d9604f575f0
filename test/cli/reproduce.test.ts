import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Results } from '../../harness/results/index.js';
import { runCli } from './run-cli.js';

describe('disparate reproduce', () => {
  it('a pack whose only published figure is an input: says it reproduces nothing, reads the input back, exits 0', () => {
    const out = mkdtempSync(join(tmpdir(), 'disparate-reproduce-'));
    const r = runCli(['reproduce', 'rs-social-card', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Reproduced: none; every published figure is one the pack was built or calibrated from; build checks: 1 of 1 inputs read back',
    );
    const results = Results.parse(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')));
    expect(results.reproduction!.figures.map((f) => [f.id, f.class, f.within])).toEqual([['share_removed', 'input', true]]);
    expect(results.reproduction!.inputs).toEqual({ within: 1, total: 1 });
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('Build checks (rs-social-card): 1 of 1 inputs read back.');
  });
});
