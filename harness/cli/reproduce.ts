import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { PACKS, packDir } from '../../datasets/packs/index.js';
import { releaseWorkers, reproducePack, warmWorkers } from '../battery/index.js';
import { DisparateError, EXIT } from '../errors/index.js';
import { reproductionLine } from '../../reports/shared/index.js';
import { runContext } from './context.js';
import { emitResults } from './emit-results.js';

export interface ReproduceArgs {
  pack?: string | undefined;
  list: boolean;
  out?: string | undefined;
  json: boolean;
}

/** `disparate reproduce <pack>`: rerun a published audit and compare each published figure. Exit 0 when all match. */
export const reproduceCommand = {
  command: 'reproduce [pack]',
  describe: 'Reproduce a published audit (see --list)',
  builder: (y: Argv) =>
    y
      .positional('pack', { type: 'string', describe: 'pack id' })
      .option('list', { type: 'boolean', default: false, describe: 'list the packs' })
      .option('out', { type: 'string', describe: 'output folder (default out/<pack>)' })
      .option('json', { type: 'boolean', default: false, describe: 'print results.json to stdout' }),
  async handler(argv: ReproduceArgs, rawArgs: readonly string[]): Promise<number> {
    if (argv.list || !argv.pack) {
      const lines = PACKS.map((p) => `${p.id.padEnd(18)} ${p.title}`);
      process.stdout.write(`${lines.join('\n')}\n`);
      return argv.list ? EXIT.pass : EXIT.badInput;
    }
    const pack = PACKS.find((p) => p.id === argv.pack);
    if (!pack) throw new DisparateError('usage', `reproduce ${argv.pack}: no such pack (${PACKS.map((p) => p.id).join(', ')})`);
    warmWorkers(availableParallelism() - 1);
    const results = await reproducePack(pack, packDir(pack.id), { workers: availableParallelism(), context: runContext(rawArgs) });
    await releaseWorkers(); // scoring is done: free the threads' memory before the report is rendered
    await emitResults(results, argv.out ?? `out/${pack.id}`, argv.json);
    const r = results.reproduction!;
    if (!argv.json) process.stdout.write(`published vs reproduced: ${reproductionLine(r)}\n`);
    return r.matched === r.total ? EXIT.pass : EXIT.fail;
  },
};
