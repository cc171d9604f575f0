import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mergeParts } from '../harness/api/index.js';

export interface ShardFigures {
  /** Wall time from the first shard's start to the last shard's end. */
  readonly shardsSeconds: number;
  readonly perShard: readonly { seconds: number; maxRssMB: number }[];
  readonly mergeSeconds: number;
}

/**
 * A battery split into `count` local shards (one process each, one worker thread each, all at once),
 * then merged in this process: the shards' wall time and peak RSS, and the merge's time. Compare with
 * the single run of the same battery (benchRun).
 */
export async function benchShards(battery: string, count: number, size: number): Promise<ShardFigures> {
  const out = mkdtempSync(join(tmpdir(), 'disparate-bench-shards-'));
  const run = promisify(execFile);
  const t0 = performance.now();
  const perShard = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const { stdout } = await run(process.execPath, ['dist/bench/shard-child.js', battery, String(i), String(count), String(size), out], { maxBuffer: 1 << 20 });
      return JSON.parse(stdout) as { seconds: number; maxRssMB: number };
    }),
  );
  const shardsSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await mergeParts(readdirSync(out).map((f) => join(out, f)));
  return { shardsSeconds, perShard, mergeSeconds: (performance.now() - t1) / 1000 };
}
