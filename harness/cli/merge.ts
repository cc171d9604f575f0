import type { MergeArgs } from './commands.js';
import { closeSync, openSync, readSync } from 'node:fs';
import { mergeParts } from '../api/index.js';
import { isShardPart, loadResultsFile, mergeResults } from '../merge/index.js';
import { resolveBattery } from '../pipeline/index.js';
import { DisparateError } from '../errors/index.js';
import { exitStatus } from '../verdict/index.js';
import { runContext } from './context.js';
import { emitResults } from './emit-results.js';
import { reportFormats } from './output-options.js';

/**
 * `disparate merge <results.json ...>`: the results of disjoint parts of one population (audited or
 * scored separately) merged into the results and report of the whole, checks judged again.
 */
export const mergeCommand = {
  async handler(argv: MergeArgs, rawArgs: readonly string[]): Promise<number> {
    const files = argv.files.map(String);
    if (files.some(startsAsShardPart)) return mergePartsCommand(files, argv, rawArgs);
    if (files.length < 2) throw new DisparateError('usage', `merge ${files.join(' ')}: give at least two results.json files, one per part of the population (got ${files.length})`);
    const results = mergeResults(files.map(loadResultsFile), runContext(rawArgs));
    await emitResults(results, argv.out ?? 'out/merged', argv.json, { junit: argv.junit, interactive: argv.interactive, lang: argv.lang, formats: reportFormats(argv) });
    // The parts' own policy for inconclusive checks (checkMergeable made sure they share it).
    return exitStatus(results.summary, results.manifest.inconclusive ?? 'fail');
  },
};

function startsAsShardPart(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(48);
    return isShardPart(head.subarray(0, readSync(fd, head, 0, 48, 0)));
  } catch {
    return false; // unreadable: loadResultsFile names it
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * `merge shard-*.part`: the N parts of a sharded run joined into the run's own results and report
 * (the battery's report settings and exit status, as `run` gives them).
 */
async function mergePartsCommand(files: string[], argv: MergeArgs, rawArgs: readonly string[]): Promise<number> {
  const foreign = files.find((f) => !startsAsShardPart(f));
  if (foreign) throw new DisparateError('usage', `merge ${foreign}: not a part file of disparate run --shard; part files merge only with the other parts of their run`);
  const results = await mergeParts(files, runContext(rawArgs));
  const { report, privacy, inconclusive, lang } = resolveBattery(results.manifest.battery_file!).battery;
  await emitResults(results, argv.out ?? 'out/merged', argv.json, {
    lang: argv.lang ?? lang,
    interactive: argv.interactive || (report?.interactive ?? false),
    formats: reportFormats(argv, report?.formats),
    privacy: privacy ? { min_cell: privacy.min_cell, origin: 'battery' } : undefined,
    inconclusive,
  });
  return exitStatus(results.summary, inconclusive);
}
