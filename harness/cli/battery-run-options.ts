import type { Argv } from 'yargs';
import { langOption } from './lang-option.js';
import { formatsOption } from './output-options.js';

/**
 * The options of every command that scores a battery's population (run, compare): where the report
 * goes and in which language, the seed and size overrides, how the work is spread (never what it computes), and what is printed.
 */
export function batteryRunOptions<T>(y: Argv<T>) {
  return formatsOption(langOption(y))
    .option('out', { type: 'string', describe: 'output folder (default out/<battery file name>)' })
    .option('seed', { type: 'number', describe: 'override the battery seed' })
    .option('size', { type: 'number', describe: 'override the population size' })
    .option('workers', { type: 'number', describe: 'worker threads (default: number of cores; results never depend on it)' })
    .option('chunk-size', { type: 'number', default: 65536, describe: 'rows per chunk (results never depend on it)' })
    .option('json', { type: 'boolean', default: false, describe: 'print results.json to stdout and write no report folder (unless --out or --formats asks for one)' })
    .option('junit', { type: 'string', describe: 'also write junit.xml here (where CI collects test reports)' })
    .option('interactive', { type: 'boolean', describe: 'inline vega into report.html for tooltips (default: the battery\'s report.interactive)' });
}
