import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runShard } from '../harness/api/index.js';
import { encodeShardPart } from '../harness/merge/index.js';

/** Scores one shard in its own process (so its peak RSS is its own), writes its part and prints JSON. */
const [battery, index, count, size, out] = process.argv.slice(2);
const t0 = performance.now();
const part = await runShard(battery!, { index: Number(index), count: Number(count), source: 'bench' }, { size: Number(size), workers: 1 });
writeFileSync(join(out!, `shard-${index}-of-${count}.part`), encodeShardPart(part));
process.stdout.write(`${JSON.stringify({ seconds: (performance.now() - t0) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
