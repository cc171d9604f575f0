import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

/**
 * End to end: a synthetic run whose decision needs population columns (per-stratum capacity with a
 * second stage) and a run with a zoo tfjs model; both through `disparate run`.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-run-decisions-'));
function battery(name: string, model: string, decision: unknown): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, JSON.stringify({
    title: name,
    seed: 3,
    population: { spec: resolve('datasets/populations/caf-households.yaml'), size: 20000 },
    model: resolve(model),
    decision,
    protected: ['nationality'],
    reference: { nationality: 'french' },
  }));
  return file;
}
const flaggedBy = (out: string) => {
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { groups: { attribute: string; group: string; n: number; flagged: number }[]; manifest: { decision: string } };
  return { total: results.groups.filter((g) => g.attribute === 'nationality').reduce((s, g) => s + g.flagged, 0), decision: results.manifest.decision };
};

describe('disparate run with the new decision rules and model kinds', () => {
  it('stratum_capacity with a second stage flags exactly the capacities', () => {
    const out = join(dir, 'strata');
    const file = battery('strata', 'models/zoo/caf-like/model.json', {
      rule: 'stratum_capacity', stratum: 'deprived_neighbourhood', capacities: { no: 300, yes: 200 },
      second_stage: { pool: 2, uplift: [{ column: 'single_parent', factors: { yes: 1.5 } }] },
    });
    const r = runCli(['run', file, '--out', out, '--workers', '2']);
    expect(r.stderr).not.toMatch(/internal error/);
    const { total, decision } = flaggedBy(out);
    expect(total).toBe(500);
    expect(decision).toMatch(/within each deprived_neighbourhood up to its capacity \(no 300, yes 200/);
  });

  it('top_k with the caf-mlp tfjs model', () => {
    const out = join(dir, 'mlp');
    runCli(['run', battery('mlp', 'models/zoo/caf-mlp/model.json', { rule: 'top_k', k: 1000 }), '--out', out]);
    expect(flaggedBy(out).total).toBe(1000);
  });
});
