import { writeFileSync } from 'node:fs';
import { run } from '../harness/api/index.js';

/** The single run of a battery in its own process (so its peak RSS is its own): writes its results and prints JSON figures. */
const [battery, workers, out] = process.argv.slice(2);
const t0 = performance.now();
const results = await run(battery!, { workers: Number(workers) });
const seconds = (performance.now() - t0) / 1000;
writeFileSync(out!, JSON.stringify(results));
process.stdout.write(`${JSON.stringify({ seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
