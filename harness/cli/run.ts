import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { run } from '../api/index.js';
import { MAX_ROWS, resolveBattery } from '../battery/index.js';
import { DisparateError } from '../errors/index.js';
import { exitStatus } from '../verdict/index.js';
import { runContext } from './context.js';
import { emitResults } from './emit-results.js';
import { progressReporter } from './progress.js';

export interface RunArgs {
  battery: string;
  out?: string | undefined;
  seed?: number | undefined;
  size?: number | undefined;
  workers?: number | undefined;
  'chunk-size'?: number | undefined;
  json: boolean;
  junit?: string | undefined;
  interactive?: boolean | undefined;
}

/** `disparate run <battery.yaml>`: score a synthetic population (or audit the battery's data) and test its checks. */
export const runCommand = {
  command: 'run <battery>',
  describe: 'Run a fairness battery (YAML) and write its report',
  builder: (y: Argv) =>
    y
      .positional('battery', { type: 'string', demandOption: true, describe: 'battery file (YAML)' })
      .option('out', { type: 'string', describe: 'output folder (default out/<battery file name>)' })
      .option('seed', { type: 'number', describe: 'override the battery seed' })
      .option('size', { type: 'number', describe: 'override the population size' })
      .option('workers', { type: 'number', describe: 'worker threads (default: number of cores; results never depend on it)' })
      .option('chunk-size', { type: 'number', default: 65536, describe: 'rows per chunk (results never depend on it)' })
      .option('json', { type: 'boolean', default: false, describe: 'print results.json to stdout' })
      .option('junit', { type: 'string', describe: 'also write junit.xml here (where CI collects test reports)' })
      .option('interactive', { type: 'boolean', describe: 'inline vega into report.html for tooltips (default: the battery\'s report.interactive)' }),
  async handler(argv: RunArgs, rawArgs: readonly string[]): Promise<number> {
    const resolved = resolveBattery(argv.battery);
    const results = await runWithProgress(argv, runContext(rawArgs));
    const name = resolved.file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
    const { report, privacy, inconclusive } = resolved.battery;
    await emitResults(results, argv.out ?? `out/${name}`, argv.json, { junit: argv.junit,
      interactive: argv.interactive ?? report?.interactive ?? false,
      formats: report?.formats,
      privacy: privacy ? { min_cell: privacy.min_cell, origin: 'battery' } : undefined,
      inconclusive,
    });
    return exitStatus(results.summary, resolved.battery.inconclusive);
  },
};

async function runWithProgress(argv: RunArgs, context: ReturnType<typeof runContext>) {
  for (const [flag, value] of [['--workers', argv.workers], ['--chunk-size', argv['chunk-size']], ['--size', argv.size]] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) throw new DisparateError('usage', `${flag} ${value}: must be a positive integer`);
  }
  if (argv.size !== undefined && argv.size > MAX_ROWS) throw new DisparateError('usage', `--size ${argv.size}: more rows than one run can hold (at most ${MAX_ROWS.toLocaleString('en-US')})`);
  const progress = progressReporter('scoring', !argv.json && process.stderr.isTTY === true);
  try {
    // The threads are freed when scoring is done, before the report is rendered.
    return await run(argv.battery, {
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
