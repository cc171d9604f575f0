import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { spawnCli } from './spawn-cli.js';

/**
 * The same battery and seed give the same results.json whatever the number of workers, the chunk
 * size and the output folder: every draw depends only on (seed, variable, row), chunks are placed by
 * row index, the recorded command leaves out placement options, and SOURCE_DATE_EPOCH pins the clock.
 * Only results.json is compared, so the runs write it alone (--formats json, itself a placement option),
 * and the three variants run at the same time.
 */
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };
const comparable = (dir: string): string => readFileSync(`${dir}/results.json`, 'utf8');

describe('results do not depend on workers or chunk size', () => {
  const variants = [
    ['--workers', '1', '--chunk-size', '65536'],
    ['--workers', '2', '--chunk-size', '7777'],
    ['--workers', '3', '--chunk-size', '50000'],
  ];
  let dir: string;
  let outputs: { out: string; status: number | null; stderr: string }[] = [];
  beforeAll(async () => {
    // A fresh folder: a results.json an earlier run left cannot stand in for one this run failed to write.
    dir = mkdtempSync(join(tmpdir(), 'disparate-determinism-'));
    outputs = await Promise.all(
      variants.map(async (v, i) => {
        const out = join(dir, `run-${i}`);
        const r = await spawnCli(['run', 'batteries/default.yaml', '--size', '120000', '--out', out, '--formats', 'json', ...v], { env: EPOCH, killAfterMs: 300_000 });
        return { out, status: r.status, stderr: r.stderr };
      }),
    );
  }, 600_000);

  it('every variant completes with the same exit status: 1, the default battery fails its checks', () => {
    for (const o of outputs) expect(o.stderr).toBe('');
    expect(outputs.map((o) => o.status)).toEqual([1, 1, 1]);
  });

  it('results.json is byte-identical, manifest included', () => {
    const first = comparable(outputs[0]!.out);
    for (const o of outputs.slice(1)) expect(comparable(o.out)).toBe(first);
    const manifest = (JSON.parse(first) as { manifest: { command: string; started: string; finished: string } }).manifest;
    expect(manifest.command).toBe('disparate run batteries/default.yaml --size 120000');
    expect([manifest.started, manifest.finished]).toEqual(['2023-11-14T22:13:20.000Z', '2023-11-14T22:13:20.000Z']);
  });

  it('a different seed gives different results', () => {
    const out = join(dir, 'seed-7');
    const r = runCli(['run', 'batteries/default.yaml', '--size', '120000', '--seed', '7', '--out', out, '--formats', 'json'], { env: EPOCH });
    expect(r.status).toBe(1);
    expect(comparable(out)).not.toBe(comparable(outputs[0]!.out));
  });
});
