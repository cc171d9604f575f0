import type { Argv } from 'yargs';
import { loadResultsFile, mergeResults } from '../battery/index.js';
import { DisparateError } from '../errors/index.js';
import { exitStatus } from '../verdict/index.js';
import { runContext } from './context.js';
import { emitResults } from './emit-results.js';

export interface MergeArgs {
  files: string[];
  out?: string | undefined;
  json: boolean;
  junit?: string | undefined;
  interactive: boolean;
}

/**
 * `disparate merge <results.json ...>`: the results of disjoint parts of one population (audited or
 * scored separately) merged into the results and report of the whole, checks judged again.
 */
export const mergeCommand = {
  command: 'merge <files..>',
  describe: 'Merge the results.json of disjoint parts of a population into one report',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'results.json files, one per part (at least two)' })
      .option('out', { type: 'string', describe: 'output folder (default out/merged)' })
      .option('json', { type: 'boolean', default: false, describe: 'print results.json to stdout' })
      .option('junit', { type: 'string', describe: 'also write junit.xml here (where CI collects test reports)' })
      .option('interactive', { type: 'boolean', default: false, describe: 'inline vega into report.html for tooltips' }),
  async handler(argv: MergeArgs, rawArgs: readonly string[]): Promise<number> {
    const files = argv.files.map(String);
    if (files.length < 2) throw new DisparateError('usage', `merge ${files.join(' ')}: give at least two results.json files, one per part of the population (got ${files.length})`);
    const results = mergeResults(files.map(loadResultsFile), runContext(rawArgs));
    await emitResults(results, argv.out ?? 'out/merged', argv.json, { junit: argv.junit, interactive: argv.interactive });
    // The parts' own policy for inconclusive checks (checkMergeable made sure they share it).
    return exitStatus(results.summary, results.manifest.inconclusive ?? 'fail');
  },
};
