import type { Argv } from 'yargs';
import { DisparateError, EXIT } from '../errors/index.js';
import { ratioSampleSize } from '../stats/index.js';

export interface PlanArgs {
  ratio: number;
  'base-rate': number;
  share: number;
  'reference-share'?: number | undefined;
  alpha: number;
  power: number;
  tests: number;
  json: boolean;
}

/**
 * `disparate plan`: rows (population or audit sample) needed to detect a ratio of adverse rates for
 * a group of a given share, with given power. With --tests m the level is Bonferroni-split (α/m), a
 * conservative stand-in for the Holm correction the battery applies.
 */
export const planCommand = {
  command: 'plan',
  describe: 'Sample size needed to detect a ratio of selection rates (power analysis)',
  builder: (y: Argv) =>
    y
      .option('ratio', { type: 'number', default: 1.25, describe: 'ratio of adverse rates to detect, group ÷ reference' })
      .option('base-rate', { type: 'number', demandOption: true, describe: 'adverse (selection) rate of the reference group, e.g. 0.05' })
      .option('share', { type: 'number', demandOption: true, describe: 'share of the group among the rows, e.g. 0.1' })
      .option('reference-share', { type: 'number', describe: 'share of the reference group (default 1 − share)' })
      .option('alpha', { type: 'number', default: 0.05, describe: 'two-sided significance level' })
      .option('power', { type: 'number', default: 0.8, describe: 'power, 1 − β' })
      .option('tests', { type: 'number', default: 1, describe: 'number of checks sharing alpha (Bonferroni α/m)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the result as JSON' }),
  handler(argv: PlanArgs): number {
    if (!(Number.isInteger(argv.tests) && argv.tests >= 1)) throw new DisparateError('usage', `--tests ${argv.tests}: must be a positive integer`);
    let result;
    try {
      result = ratioSampleSize({
        ratio: argv.ratio,
        baseRate: argv['base-rate'],
        share: argv.share,
        referenceShare: argv['reference-share'],
        alpha: argv.alpha / argv.tests,
        power: argv.power,
      });
    } catch (e) {
      throw new DisparateError('usage', `plan: ${(e as Error).message}`);
    }
    const out = { ...result, ratio: argv.ratio, share: argv.share, alpha: argv.alpha, tests: argv.tests, power: argv.power };
    if (argv.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    else {
      const fmt = (x: number) => Math.round(x).toLocaleString('en');
      process.stdout.write(
        `To detect a ratio of ${argv.ratio} (group rate ${result.p1.toPrecision(3)} vs reference ${result.p0}) with power ${argv.power} ` +
          `at two-sided α = ${argv.alpha}${argv.tests > 1 ? ` / ${argv.tests} tests` : ''}:\n` +
          `  ${fmt(result.total)} rows in all: ${fmt(result.group)} in the group (share ${argv.share}), ${fmt(result.reference)} in the reference group\n` +
          `  expected flagged: ${fmt(result.groupFlagged)} in the group, ${fmt(result.referenceFlagged)} in the reference\n` +
          `  formula: ${result.formula}\n`,
      );
    }
    return EXIT.pass;
  },
};
