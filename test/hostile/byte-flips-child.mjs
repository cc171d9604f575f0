// Reads one file many times, each time with one byte changed, through the built readers (dist/), and
// prints one JSON line per case: the outcome and its time. Run by byte-flips.test.ts in a child process
// with a memory cap and a timeout, so that an exhausted heap or a hang fails the test instead of the run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [kind, source, dir, positions, values] = process.argv.slice(2);
const root = process.cwd();
const { DisparateError } = await import(join(root, 'dist/harness/errors/index.js'));
const { readPopulation } = await import(join(root, 'dist/datasets/io/index.js'));
const { aggregateDecisions } = await import(join(root, 'dist/datasets/sql/index.js'));
const bytes = readFileSync(source);
const ext = source.slice(source.lastIndexOf('.'));
for (const at of positions.split(',').map(Number)) {
  for (const value of values.split(',').map(Number)) {
    if (bytes[at] === value) continue;
    const copy = Buffer.from(bytes);
    copy[at] = value;
    const file = join(dir, `flip-${at}-${value}${ext}`);
    writeFileSync(file, copy);
    const started = performance.now();
    let outcome;
    try {
      if (kind === 'population') readPopulation(file);
      else await aggregateDecisions(file, { protected: ['nat'], flag: 'flag', label: 'label', score: 'score' });
      outcome = { read: true };
    } catch (e) {
      outcome = e instanceof DisparateError ? { error: e.message } : { internal: String(e instanceof Error ? e.stack : e).slice(0, 400) };
    }
    process.stdout.write(`${JSON.stringify({ at, value, ms: Math.round(performance.now() - started), file, ...outcome })}\n`);
  }
}
