import type { Argv } from 'yargs';
import { DisparateError, EXIT } from '../errors/index.js';

export interface VerifyArgs {
  model: string;
  data: string;
  expect: string;
  tolerance: number;
  column?: string | undefined;
}

/**
 * `disparate verify --model M --data sample.csv --expect predictions.csv [--tolerance 1e-6]`: exit 0
 * when the model reproduces every expected prediction within the tolerance, 1 beyond it (naming the
 * worst row), 2 on bad input.
 */
export const verifyCommand = {
  command: 'verify',
  describe: "Check that a model reproduces the deployed system's own predictions on a sample",
  builder: (y: Argv) =>
    y
      .option('model', { type: 'string', demandOption: true, describe: 'model file (JSON)' })
      .option('data', { type: 'string', demandOption: true, describe: 'sample of applicants: .csv, .jsonl, .parquet or .arrow' })
      .option('expect', { type: 'string', demandOption: true, describe: 'the deployed system\'s predictions for those rows, in the same order' })
      .option('column', { type: 'string', describe: 'predictions column (default: the only column besides id, else score)' })
      .option('tolerance', { type: 'number', default: 1e-6, describe: 'largest absolute difference accepted' }),
  async handler(argv: VerifyArgs): Promise<number> {
    if (!Number.isFinite(argv.tolerance) || argv.tolerance < 0) throw new DisparateError('usage', `--tolerance ${argv.tolerance}: must be a number ≥ 0`);
    const { verifyModel, describeVerification } = await import('../pipeline/index.js');
    const v = await verifyModel({ model: argv.model, data: argv.data, expect: argv.expect, column: argv.column, tolerance: argv.tolerance });
    const line = `${argv.model}: ${describeVerification(v)}\n`;
    if (v.pass) {
      process.stdout.write(`verified ${line}`);
      return EXIT.pass;
    }
    process.stderr.write(`not verified: ${line}`);
    return EXIT.fail;
  },
};
