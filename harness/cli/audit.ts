import { basename } from 'node:path';
import type { Argv } from 'yargs';
import { auditDecisions } from '../battery/index.js';
import { Check } from '../config/index.js';
import { DisparateError } from '../errors/index.js';
import { exitStatus } from '../verdict/index.js';
import { runContext } from './context.js';
import { emitResults } from './emit-results.js';

export interface AuditArgs {
  file: string;
  protected: string;
  flag: string;
  label?: string | undefined;
  score?: string | undefined;
  reference?: string[] | undefined;
  alpha: number;
  'min-cell': number;
  out?: string | undefined;
  json: boolean;
}

function parseReferences(values: readonly string[]): Map<string, { group: string; origin: 'cli'; where: string }> {
  const map = new Map<string, { group: string; origin: 'cli'; where: string }>();
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new DisparateError('usage', `--reference ${v}: expected attribute=value`);
    map.set(v.slice(0, eq), { group: v.slice(eq + 1), origin: 'cli', where: `--reference ${v}` });
  }
  return map;
}

/**
 * `disparate audit <file>`: audit recorded decisions. With no battery, the four-fifths check on
 * selection_rate_ratio is applied to every attribute (default tolerance, recorded as such).
 */
export const auditCommand = {
  command: 'audit <file>',
  describe: 'Audit recorded decisions (CSV or JSONL) for disparities',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'decisions file (.csv or .jsonl)' })
      .option('protected', { type: 'string', demandOption: true, describe: 'protected columns, comma-separated' })
      .option('flag', { type: 'string', demandOption: true, describe: '0/1 column: 1 = flagged for investigation' })
      .option('label', { type: 'string', describe: '0/1 ground-truth column (fraud or error found); empty = unknown' })
      .option('score', { type: 'string', describe: 'numeric score column' })
      .option('reference', { type: 'string', array: true, describe: 'reference group, attribute=value (repeatable); default the largest group' })
      .option('alpha', { type: 'number', default: 0.05, describe: 'significance level of the intervals' })
      .option('min-cell', { type: 'number', default: 30, describe: 'groups smaller than this are flagged as small cells' })
      .option('out', { type: 'string', describe: 'output folder (default out/audit-<file name>)' })
      .option('json', { type: 'boolean', default: false, describe: 'print results.json to stdout' }),
  async handler(argv: AuditArgs, rawArgs: readonly string[]): Promise<number> {
    const protectedColumns = argv.protected.split(',').map((s) => s.trim()).filter(Boolean);
    if (protectedColumns.length === 0) throw new DisparateError('usage', '--protected: name at least one column');
    if (!(argv.alpha > 0 && argv.alpha < 0.5)) throw new DisparateError('usage', `--alpha ${argv.alpha}: must be in (0, 0.5)`);
    const checks = [Check.parse({ id: 'four-fifths', metric: 'selection_rate_ratio' })];
    const results = auditDecisions({
      file: argv.file,
      protected: protectedColumns,
      flag: argv.flag,
      label: argv.label,
      score: argv.score,
      references: parseReferences(argv.reference ?? []),
      alpha: argv.alpha,
      correction: 'holm',
      minCell: argv['min-cell'],
      checks,
      title: `Audit of ${basename(argv.file)}`,
      battery: null,
      context: runContext(rawArgs),
    });
    await emitResults(results, argv.out ?? `out/audit-${basename(argv.file).replace(/\.[^.]+$/, '')}`, argv.json);
    return exitStatus(results.summary, 'fail');
  },
};
