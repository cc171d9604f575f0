import { availableParallelism } from 'node:os';
import type { ReproduceArgs } from './commands.js';
import { PACKS, packDir } from '../../datasets/packs/index.js';
import { reproducePack, reproductionOutcome } from '../pipeline/index.js';
import { releaseWorkers, warmWorkers } from '../scoring/index.js';
import { DisparateError, EXIT } from '../errors/index.js';
import type { Reproduction } from '../results/index.js';
import { reproductionSummary } from '../../reports/shared/index.js';
import { runContext } from './context.js';
import { emitResults } from './emit-results.js';
import { reportFormats } from './output-options.js';

/**
 * The exit code of a reproduction: 0 when every input reads back (the build holds) and every figure of
 * class `reproduced` is within tolerance; 1 when a reproduced figure misses, and 1 too when an input
 * does not read back (a broken build; the terminal says which). Informative figures never count.
 *
 * @example reproductionExitCode({ ..., reproduced: { within: 1, total: 2 }, inputs: { within: 3, total: 3 } }) // 1
 */
export function reproductionExitCode(r: Pick<Reproduction, 'reproduced' | 'inputs'>): number {
  return reproductionOutcome(r) === 'reproduced' ? EXIT.pass : EXIT.fail;
}

/** `disparate reproduce <pack>`: rerun a published audit and compare each published figure. Exit code: {@link reproductionExitCode}. */
export const reproduceCommand = {
  async handler(argv: ReproduceArgs, rawArgs: readonly string[]): Promise<number> {
    if (argv.list) {
      const lines = PACKS.map((p) => `${p.id.padEnd(18)} ${p.title}`);
      process.stdout.write(`${lines.join('\n')}\n`);
      return EXIT.pass;
    }
    if (!argv.pack) throw new DisparateError('usage', `reproduce: name a pack (${PACKS.map((p) => p.id).join(', ')}), or pass --list to see what each reproduces`);
    const pack = PACKS.find((p) => p.id === argv.pack);
    if (!pack) throw new DisparateError('usage', `reproduce ${argv.pack}: no such pack (${PACKS.map((p) => p.id).join(', ')})`);
    warmWorkers(availableParallelism() - 1);
    const results = await reproducePack(pack, packDir(pack.id), { workers: availableParallelism(), context: runContext(rawArgs) });
    await releaseWorkers(); // scoring is done: free the threads' memory before the report is rendered
    await emitResults(results, argv.out ?? `out/${pack.id}`, argv.json, { junit: argv.junit, lang: argv.lang, formats: reportFormats(argv) });
    const r = results.reproduction!;
    if (!argv.json) process.stdout.write(reproductionSummary(r, argv.lang));
    return reproductionExitCode(r);
  },
};
