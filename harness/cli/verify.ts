import type { VerifyArgs } from './commands.js';
import { DisparateError, EXIT } from '../errors/index.js';

/**
 * `disparate verify --model M --data sample.csv --expect predictions.csv [--tolerance 1e-6]`: exit 0
 * when the model reproduces every expected prediction within the tolerance, 1 beyond it (naming the
 * worst row), 2 on bad input.
 */
export const verifyCommand = {
  async handler(argv: VerifyArgs): Promise<number> {
    if (!Number.isFinite(argv.tolerance) || argv.tolerance < 0) throw new DisparateError('usage', `--tolerance ${argv.tolerance}: must be a number ≥ 0`);
    // The library's verify: the CLI is a client of the same function.
    const [{ verify }, { describeVerification }] = await Promise.all([import('../api/index.js'), import('../pipeline/index.js')]);
    const v = await verify({ model: argv.model, data: argv.data, expect: argv.expect, column: argv.column, tolerance: argv.tolerance });
    const line = `${argv.model}: ${describeVerification(v)}\n`;
    if (v.pass) {
      process.stdout.write(`verified ${line}`);
      return EXIT.pass;
    }
    process.stderr.write(`not verified: ${line}`);
    return EXIT.fail;
  },
};
