import { benchPipeline } from './pipeline.js';

/** Runs one pipeline benchmark in its own process (so its peak RSS is its own) and prints JSON. */
const [rows, workers] = process.argv.slice(2).map(Number);
const figures = await benchPipeline(rows!, workers!);
process.stdout.write(`${JSON.stringify(figures)}\n`);
