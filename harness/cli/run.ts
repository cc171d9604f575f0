import { availableParallelism } from 'node:os';
import type { RunArgs } from './commands.js';
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, runShard } from '../api/index.js';
import { encodeShardPart, parseShard } from '../merge/index.js';
import { MAX_ROWS, resolveBattery, type ResolvedBattery } from '../pipeline/index.js';
import { DisparateError } from '../errors/index.js';
import { exitStatus } from '../verdict/index.js';
import { runContext } from './context.js';
import { emitResults } from './emit-results.js';
import { reportFormats } from './output-options.js';
import { progressReporter } from './progress.js';

/** `disparate run <battery.yaml>`: score a synthetic population (or audit the battery's data) and test its checks. */
export const runCommand = {
  async handler(argv: RunArgs, rawArgs: readonly string[]): Promise<number> {
    if (argv.shard !== undefined) return runShardCommand(argv, rawArgs);
    const resolved = resolveBattery(argv.battery);
    const results = await runWithProgress(argv, resolved, runContext(rawArgs));
    const name = resolved.file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
    const { report, privacy, inconclusive } = resolved.battery;
    await emitResults(results, argv.out ?? `out/${name}`, argv.json, { junit: argv.junit, lang: argv.lang ?? resolved.battery.lang,
      interactive: argv.interactive ?? report?.interactive ?? false,
      formats: reportFormats(argv, report?.formats),
      privacy: privacy ? { min_cell: privacy.min_cell, origin: 'battery' } : undefined,
      inconclusive,
    });
    return exitStatus(results.summary, resolved.battery.inconclusive);
  },
};

function checkPositive(argv: RunArgs): void {
  for (const [flag, value] of [['--workers', argv.workers], ['--chunk-size', argv['chunk-size']], ['--size', argv.size]] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) throw new DisparateError('usage', `${flag} ${value}: must be a positive integer`);
  }
  if (argv.size !== undefined && argv.size > MAX_ROWS) throw new DisparateError('usage', `--size ${argv.size}: more rows than one run can hold (at most ${MAX_ROWS.toLocaleString('en-US')})`);
}

async function runWithProgress(argv: RunArgs, resolved: ResolvedBattery, context: ReturnType<typeof runContext>) {
  checkPositive(argv);
  const progress = progressReporter('scoring', !argv.json && process.stderr.isTTY === true);
  try {
    // The threads are freed when scoring is done, before the report is rendered.
    return await run(resolved, {
      seed: argv.seed,
      size: argv.size,
      workers: argv.workers ?? availableParallelism(),
      chunkSize: argv['chunk-size'],
      onProgress: progress.update,
      provenance: context,
    });
  } finally {
    progress.stop();
  }
}

/**
 * `run --shard I/N`: scores one shard and writes `shard-I-of-N.part` into the output folder (the
 * shards of one run may share it), written beside and renamed into place so that a merge never reads
 * half a part. No report: `disparate merge` makes it from the N parts.
 */
async function runShardCommand(argv: RunArgs, rawArgs: readonly string[]): Promise<number> {
  const shard = parseShard(String(argv.shard), process.env);
  checkPositive(argv);
  const name = argv.battery.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
  const out = argv.out ?? `out/${name}`;
  const part = await runShard(argv.battery, shard, {
    seed: argv.seed,
    size: argv.size,
    workers: argv.workers ?? availableParallelism(),
    chunkSize: argv['chunk-size'],
    provenance: runContext(rawArgs),
  });
  const file = join(out, `shard-${shard.index}-of-${shard.count}.part`);
  mkdirSync(out, { recursive: true });
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, encodeShardPart(part));
  renameSync(temporary, file);
  process.stderr.write(`shard ${shard.index}/${shard.count} (${shard.source}): rows ${part.header.shard.start}–${part.header.shard.end - 1} of ${part.header.size} → ${file}\n`);
  return 0;
}
