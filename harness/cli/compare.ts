import { availableParallelism } from 'node:os';
import type { CompareArgs } from './commands.js';
import { compare } from '../api/index.js';
import { loadResultsFile } from '../merge/index.js';
import { resolveBattery } from '../pipeline/index.js';
import { DisparateError } from '../errors/index.js';
import { comparisonExitStatus } from '../verdict/index.js';
import { runContext } from './context.js';
import { emitResults } from './emit-results.js';
import { reportFormats } from './output-options.js';
import { progressReporter } from './progress.js';

/**
 * `disparate compare <battery>`: the deployed and candidate models of a battery's `models:` on the
 * same applicants, paired changes per group and per check. Two results.json files are read and
 * refused: they hold counts per group, not which applicants each model flagged.
 */
export const compareCommand = {
  async handler(argv: CompareArgs, rawArgs: readonly string[]): Promise<number> {
    const inputs = argv.inputs.map(String);
    if (inputs.length === 2) {
      inputs.forEach(loadResultsFile); // a missing or malformed file is named first
      throw new DisparateError(
        'usage',
        `${inputs.join(', ')}: paired changes need, in each group, the applicants flagged by one model and not by the other, which a results.json does not record (it holds counts per group); name both models in a battery, models: { deployed: <file>, candidate: <file> }, and run disparate compare <battery>`,
      );
    }
    if (inputs.length !== 1) throw new DisparateError('usage', `compare ${inputs.join(' ')}: give one battery file naming models: { deployed, candidate }`);
    for (const [flag, value] of [['--workers', argv.workers], ['--chunk-size', argv['chunk-size']], ['--size', argv.size]] as const) {
      if (value !== undefined && !(Number.isInteger(value) && value >= 1)) throw new DisparateError('usage', `--${flag.slice(2)} ${value}: must be a positive integer`);
    }
    const file = inputs[0]!;
    const resolved = resolveBattery(file);
    if (!resolved.models) throw new DisparateError('config', `${file}: models: disparate compare needs models: { deployed: <model file>, candidate: <model file> } instead of model:`);
    const progress = progressReporter('scoring both models', !argv.json && process.stderr.isTTY === true);
    let results;
    try {
      results = await compare(file, {
        seed: argv.seed,
        size: argv.size,
        workers: argv.workers ?? availableParallelism(),
        chunkSize: argv['chunk-size'],
        onProgress: progress.update,
        provenance: runContext(rawArgs),
      });
    } finally {
      progress.stop();
    }
    const name = resolved.file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
    const { report, inconclusive } = resolved.battery;
    await emitResults(results, argv.out ?? `out/${name}`, argv.json, { junit: argv.junit, lang: argv.lang ?? resolved.battery.lang, interactive: argv.interactive ?? report?.interactive ?? false, formats: reportFormats(argv, report?.formats), inconclusive });
    const c = results.comparison!;
    if (!argv.json) {
      const named = c.checks.filter((x) => x.verdict === 'worse' || x.verdict === 'better').slice(0, 10).map((x) => `  ${x.verdict}: ${x.id} ${x.attribute}=${x.group}`);
      process.stdout.write(`comparison: ${c.verdict.toUpperCase()} (${c.tally.worse} worse, ${c.tally.better} better, ${c.tally.no_change} no established change${c.tally.not_compared ? `, ${c.tally.not_compared} not compared` : ''}; fail_when ${c.fail_when})\n${named.map((l) => `${l}\n`).join('')}`);
    }
    return comparisonExitStatus(c);
  },
};
