import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Results } from '../../harness/results/index.js';
import { runCli } from './run-cli.js';

/** What `npm start` does: the default battery end to end through the built CLI. */
let outA: string;
let outB: string;
let first: ReturnType<typeof runCli>;
let second: ReturnType<typeof runCli>;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'disparate-default-'));
  outA = join(dir, 'a');
  outB = join(dir, 'b');
  first = runCli(['run', 'batteries/default.yaml', '--out', outA]);
  second = runCli(['run', 'batteries/default.yaml', '--out', outB]);
}, 600_000);

function withoutTimestamps(dir: string) {
  const results = JSON.parse(readFileSync(`${dir}/results.json`, 'utf8')) as Results;
  const { started, finished, command, ...manifest } = results.manifest;
  expect(started).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(finished >= started).toBe(true);
  expect(command).toContain('batteries/default.yaml');
  return JSON.stringify({ ...results, manifest });
}

describe('default battery', () => {
  it('exits 1, as the README says (its checks fail), and writes the report folder', () => {
    expect(first.stderr).toBe('');
    const results = Results.parse(JSON.parse(readFileSync(`${outA}/results.json`, 'utf8')));
    expect(results.summary.verdict).toBe('fail');
    expect(first.status).toBe(1);
    for (const f of ['report.html', 'report.md', 'results.json', 'ratio-forest.vl.json', 'selection-rate-nationality.vl.json', 'intersection-heatmap.vl.json']) {
      expect(existsSync(`${outA}/${f}`), f).toBe(true);
    }
    expect(first.stdout).toMatch(/verdict: (PASS|FAIL|INCONCLUSIVE)/);
  });

  it('records provenance: tool version, hashes, seed, RNG and rows', () => {
    const { manifest } = Results.parse(JSON.parse(readFileSync(`${outA}/results.json`, 'utf8')));
    expect(manifest.tool_version).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.unit).toBe('households'); // from the population spec
    expect(manifest.battery_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(manifest.model?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(manifest.population?.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(manifest.seed).toBe(20231204);
    expect(manifest.rng).toBe('philox4x32-10');
    expect(manifest.rows).toBe(200000);
  });

  it('nationality is not a model input, yet the report measures nationality', () => {
    const model = JSON.parse(readFileSync('models/zoo/caf-like/model.json', 'utf8')) as { inputs: { name: string }[] };
    expect(model.inputs.map((i) => i.name)).not.toContain('nationality');
    const { groups } = Results.parse(JSON.parse(readFileSync(`${outA}/results.json`, 'utf8')));
    expect(groups.filter((g) => g.attribute === 'nationality').map((g) => g.group).sort()).toEqual(['eu', 'french', 'non_eu']);
  });

  it('two runs give identical results.json apart from the manifest timestamps', () => {
    expect(second.status).toBe(first.status);
    expect(withoutTimestamps(outB)).toBe(withoutTimestamps(outA));
  });
});
