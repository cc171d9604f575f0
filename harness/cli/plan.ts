import type { PlanArgs } from './commands.js';
import { DisparateError, EXIT } from '../errors/index.js';
import { planTarget, verdictSampleSize, type RatioBounds } from '../stats/index.js';

function parseBounds(text: string): RatioBounds {
  const parts = text.split(',').map((t) => Number(t.trim()));
  const [lower, upper] = parts;
  if (parts.length !== 2 || lower === undefined || upper === undefined || !(lower > 0 && upper > lower && Number.isFinite(upper))) {
    throw new DisparateError('usage', `--bounds ${text}: must be two numbers L,U with 0 < L < U, e.g. 0.8,1.25`);
  }
  return { lower, upper };
}

/**
 * `disparate plan`: rows (population or audit sample) needed for a selection-rate-ratio check to
 * reach its verdict with the given power under the battery's rule: the row's interval (the check's
 * own, MOVER from Clopper–Pearson rates) at the Bonferroni level 1 − α/m (m = --tests) wholly outside
 * the tolerance --bounds (the check fails) when the true ratio is outside them, wholly inside (the
 * check passes) when it is inside. Power is exact.
 */
export const planCommand = {
  handler(argv: PlanArgs): number {
    if (!(Number.isInteger(argv.tests) && argv.tests >= 1)) throw new DisparateError('usage', `--tests ${argv.tests}: must be a positive integer`);
    if (!(argv.ratio > 0)) throw new DisparateError('usage', `--ratio ${argv.ratio}: must be a positive number`);
    const unit = (option: string, v: number | undefined) => {
      if (v !== undefined && !(v > 0 && v < 1)) throw new DisparateError('usage', `${option} ${v}: must lie strictly between 0 and 1`);
    };
    unit('--base-rate', argv['base-rate']);
    unit('--share', argv.share);
    unit('--alpha', argv.alpha);
    unit('--power', argv.power);
    const referenceShare = argv['reference-share'];
    if (referenceShare !== undefined && !(referenceShare > 0 && referenceShare <= 1 - argv.share + 1e-12)) {
      throw new DisparateError('usage', `--reference-share ${referenceShare}: must be positive and at most 1 − --share (${1 - argv.share})`);
    }
    if (!(argv.ratio * argv['base-rate'] < 1)) throw new DisparateError('usage', `--ratio ${argv.ratio}: the group's rate ${argv.ratio} × --base-rate ${argv['base-rate']} must be below 1`);
    const bounds = parseBounds(argv.bounds);
    const planned = planTarget(argv.ratio, bounds, argv.goal);
    if ('error' in planned) {
      const option = argv.goal !== undefined && argv.ratio !== bounds.lower && argv.ratio !== bounds.upper ? `--goal ${argv.goal}` : `--ratio ${argv.ratio}`;
      throw new DisparateError('usage', `${option}: ${planned.error} (--bounds ${bounds.lower},${bounds.upper})`);
    }
    let result;
    try {
      result = verdictSampleSize({
        ratio: argv.ratio,
        baseRate: argv['base-rate'],
        share: argv.share,
        referenceShare: argv['reference-share'],
        alpha: argv.alpha,
        tests: argv.tests,
        power: argv.power,
        bounds,
        goal: planned.goal,
      });
    } catch (e) {
      // Inputs are checked above; what is left is a ratio too close to a bound for any practical N.
      throw new DisparateError('usage', `--ratio ${argv.ratio}: ${(e as Error).message} (--bounds ${bounds.lower},${bounds.upper})`);
    }
    const out = { ...result, ratio: argv.ratio, share: argv.share, bounds: [bounds.lower, bounds.upper], alpha: argv.alpha, tests: argv.tests, power: argv.power };
    if (argv.json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    else {
      const fmt = (x: number) => Math.round(x).toLocaleString('en');
      const where = { above: `wholly above ${bounds.upper}`, below: `wholly below ${bounds.lower}`, inside: `wholly inside [${bounds.lower}, ${bounds.upper}]` }[result.target];
      process.stdout.write(
        `For the check to ${result.goal} (interval ${where}) when the true ratio is ${argv.ratio} (group rate ${result.p1.toPrecision(3)} vs reference ${result.p0}), ` +
          `with power ${argv.power} at α = ${argv.alpha}${argv.tests > 1 ? ` over ${argv.tests} rows (level 1 − α/${argv.tests})` : ''}, z = ${result.z.toFixed(3)}:\n` +
          `  ${fmt(result.total)} rows in all: ${fmt(result.group)} in the group (share ${argv.share}), ${fmt(result.reference)} in the reference group\n` +
          `  expected flagged: ${fmt(result.groupFlagged)} in the group, ${fmt(result.referenceFlagged)} in the reference\n` +
          `  exact power ${result.achievedPower.toFixed(4)}; at least ${result.windowMinPower.toFixed(4)} at every size from ${fmt(result.window.from)} to ${fmt(result.window.to)} rows\n` +
          `  (normal approximation: ${fmt(result.normalTotal)} rows)\n` +
          `  method: ${result.method}\n`,
      );
    }
    return EXIT.pass;
  },
};
