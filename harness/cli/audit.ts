import { basename } from 'node:path';
import type { z } from 'zod';
import type { AuditArgs } from './commands.js';
import { EVERY_ATTRIBUTE, OVERALL_KEYWORD, type IntersectionSetting } from '../findings/index.js';
import { Alpha, Check, PositiveInteger, Replicates, Seed, Unit, formatZodIssue, intersectionName } from '../config/index.js';
import { DisparateError } from '../errors/index.js';
import { exitStatus } from '../verdict/index.js';
import { runContext } from './context.js';
import { emitResults, loadEmitter } from './emit-results.js';
import { reportFormats } from './output-options.js';
import { auditInput, resolveAuditInput } from './audit-input.js';

/** --intersections: full, all, none, or subsets such as "nationality+disability,nationality*income" ("+", "*" or "×"). */
function parseIntersections(value: string): IntersectionSetting {
  if (value === 'full' || value === 'all' || value === 'none') return value;
  return value.split(',').map((subset) => {
    const names = subset.split(/[+*×]/).map((s) => s.trim()).filter(Boolean);
    if (names.length < 2) throw new DisparateError('usage', `--intersections ${value}: each subset names two or more attributes joined by "+"`);
    return names;
  });
}

function parseReferences(values: readonly string[]): Map<string, { group: string; origin: 'cli'; where: string }> {
  const map = new Map<string, { group: string; origin: 'cli'; where: string }>();
  for (const v of values) {
    // --reference overall: every attribute and intersection against everyone else
    if (v.trim() === OVERALL_KEYWORD) {
      map.set(EVERY_ATTRIBUTE, { group: OVERALL_KEYWORD, origin: 'cli', where: `--reference ${v}` });
      continue;
    }
    const eq = v.indexOf('=');
    if (eq <= 0) throw new DisparateError('usage', `--reference ${v}: expected attribute=value, attribute=overall or overall`);
    map.set(intersectionName(v.slice(0, eq)), { group: intersectionName(v.slice(eq + 1)), origin: 'cli', where: `--reference ${v}` });
  }
  return map;
}

/**
 * A --reference must name a protected attribute or an intersection of them ("a×b", typed "a*b"); a typo
 * would otherwise be ignored. With --long the attributes come from the data.
 */
function checkedReferences<T>(refs: Map<string, T>, protectedColumns: readonly string[] | null): Map<string, T> {
  for (const attribute of refs.keys()) {
    if (attribute === EVERY_ATTRIBUTE) continue;
    if (protectedColumns && !attribute.split('×').every((a) => protectedColumns.includes(a))) {
      throw new DisparateError('usage', `--reference ${attribute}=…: "${attribute}" is not a protected column (${protectedColumns.join(', ')})`);
    }
  }
  return refs;
}

/**
 * `disparate audit <file>`: audit recorded decisions. With no battery, the four-fifths check on
 * selection_rate_ratio is applied to every attribute (default tolerance, recorded as such).
 */
export const auditCommand = {
  async handler(argv: AuditArgs, rawArgs: readonly string[]): Promise<number> {
    const input = resolveAuditInput(argv);
    // NFC, as the column names and labels of the file are read (see normaliseLabels).
    const protectedColumns = (argv.protected ?? '').split(',').map((s) => s.trim().normalize('NFC')).filter(Boolean);
    const twice = protectedColumns.find((c, i) => protectedColumns.indexOf(c) !== i);
    if (twice !== undefined) throw new DisparateError('usage', `--protected: "${twice}" is named twice`);
    // --min-cell (the small-cell flag) stays at least 1, where the battery's min_cell admits 0: the
    // help and the bad-input tests document "a positive integer", and no audit of a file wants every cell unflagged.
    flag('min-cell', argv['min-cell'], PositiveInteger);
    if (argv['privacy-min-cell'] !== undefined) flag('privacy-min-cell', argv['privacy-min-cell'], PositiveInteger);
    if (argv.unit !== undefined) flag('unit', argv.unit, Unit);
    if (protectedColumns.length === 0 && !argv.long && !argv.cells) throw new DisparateError('usage', '--protected: name at least one column');
    if (!argv.flag && !argv.cells) throw new DisparateError('usage', '--flag: required (a 0/1 column, COL=VALUE or a condition)');
    if (argv.cells && argv['emit-sql']) throw new DisparateError('usage', '--cells and --emit-sql: choose one (--emit-sql prints the query whose output --cells reads)');
    flag('alpha', argv.alpha, Alpha);
    let long: { attribute: string; group: string } | undefined;
    if (argv.long) {
      const [attribute, group, extra] = argv.long.split(',').map((s) => s.trim());
      if (!attribute || !group || extra !== undefined) throw new DisparateError('usage', `--long ${argv.long}: expected ATTRIBUTE_COL,GROUP_COL`);
      long = { attribute, group };
    }
    if (argv['label-source'] && !argv['label-source'].includes('=')) throw new DisparateError('usage', `--label-source ${argv['label-source']}: expected COL=VALUE`);
    if (argv['population-size'] !== undefined) flag('population-size', argv['population-size'], PositiveInteger);
    if (argv.bootstrap !== undefined) flag('bootstrap', argv.bootstrap, Replicates);
    flag('seed', argv.seed, Seed);
    // With a label source the selective-labels checks (parity and equal burden against the random sample) replace the
    // sample-level four-fifths check, whose selection rates describe the investigated sample, not the population.
    const checks = argv['label-source'] ? [] : [Check.parse({ id: 'four-fifths', metric: 'selection_rate_ratio' })];
    const bootstrap = argv.bootstrap ? { replicates: argv.bootstrap, seed: argv.seed } : undefined;
    const roles = {
      protected: protectedColumns,
      flag: argv.flag ?? '',
      label: argv.label,
      score: argv.score,
      count: argv.count,
      positives: argv.positives,
      suppressed: argv.suppressed,
      where: argv.where,
      derive: argv.derive,
      long,
      labelSource: argv['label-source'],
      selectionProbability: argv['selection-probability'],
    };
    // The engine and the audit pipeline load only now: usage errors above answer at once.
    const { emittedQuery } = await import('../../datasets/sql/index.js');
    if (argv['emit-sql']) {
      process.stdout.write(await emittedQuery(input.file, roles, argv.table ?? 'decisions', argv.encoding ?? 'utf8'));
      return 0;
    }
    const results = await auditInput(input, {
      file: input.file,
      cells: argv.cells,
      protected: protectedColumns,
      flag: argv.flag ?? '',
      label: argv.label,
      positives: argv.positives,
      suppressed: argv.suppressed,
      where: argv.where,
      derive: argv.derive,
      score: argv.score,
      references: checkedReferences(parseReferences((argv.reference ?? []).map((r) => r.normalize('NFC'))), long || argv.cells ? null : protectedColumns),
      alpha: argv.alpha,
      correction: argv.correction,
      count: argv.count,
      encoding: argv.encoding,
      long,
      labelSource: argv['label-source'],
      populationSize: argv['population-size'],
      selectionProbability: argv['selection-probability'],
      bootstrap,
      intersections: parseIntersections(argv.intersections),
      minCell: argv['min-cell'],
      checks,
      title: `Audit of ${input.postgres ? `table ${input.name}` : basename(input.file)}`,
      unit: argv.unit,
      battery: null,
      context: runContext(rawArgs),
      whileAggregating: () => loadEmitter({ formats: reportFormats(argv), junit: argv.junit }),
    });
    const k = argv['privacy-min-cell'];
    await emitResults(results, argv.out ?? `out/audit-${input.name}`, argv.json, { junit: argv.junit, lang: argv.lang,
      interactive: argv.interactive,
      formats: reportFormats(argv),
      privacy: k !== undefined ? { min_cell: k, origin: 'cli' } : undefined,
    });
    return exitStatus(results.summary, 'fail');
  },
};

/**
 * A flag that duplicates a battery field is checked by that field's schema, and refused in the one
 * wording of schema errors with the flag and its value in place of the field: `--alpha 0.7: must be in (0, 0.5)`.
 */
function flag(name: string, value: unknown, schema: z.ZodType): void {
  const parsed = schema.safeParse(value);
  const issue = parsed.error?.issues[0];
  if (issue) throw new DisparateError('usage', formatZodIssue(issue, [`--${name} ${String(value)}`]));
}
