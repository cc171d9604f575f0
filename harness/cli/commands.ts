import type { ArgumentsCamelCase, Argv } from 'yargs';
import { batteryRunOptions } from './battery-run-options.js';
import { langOption, REPORT_LANGS } from './lang-option.js';
import { formatsOption } from './output-options.js';

/**
 * The command table: each command's name, options and a handler imported only when the command runs.
 * Options live here, handlers in one module per command, so that `disparate --help` (and a usage
 * error) loads yargs and this file but none of the pipeline, zod, arquero, hyparquet or vega; the
 * handlers' argument types are inferred from the options below, so the two cannot drift apart.
 */

/** The arguments a builder gives its command's handler (yargs adds camelCase aliases, `_` and `$0`). */
export type ArgsOf<B> = B extends (y: Argv) => Argv<infer A> ? ArgumentsCamelCase<A> : never;

/** A command's work: the parsed arguments and the raw argv (recorded in the manifest) in, an exit status out. */
export type Handler<A> = (args: ArgumentsCamelCase<A>, rawArgs: readonly string[]) => Promise<number> | number;

/** One row of the table. */
export interface Command<A> {
  readonly command: string;
  readonly describe: string;
  readonly builder: (y: Argv) => Argv<A>;
  /** Imports the command's module, when (and only when) the command runs. */
  readonly load: () => Promise<Handler<A>>;
}

/** A row with its argument type closed over: registers itself on yargs and reports the exit status. */
export type Registration = (y: Argv, rawArgs: readonly string[], done: (status: number) => void) => Argv;

function define<A>(spec: Command<A>): Registration {
  return (y, rawArgs, done) =>
    y.command(spec.command, spec.describe, spec.builder, async (args) => {
      const handler = await spec.load();
      done(await handler(args, rawArgs));
    });
}

const encodingOption = { choices: ['utf8', 'latin1'] as const, default: 'utf8' as const, describe: 'how the data file\'s bytes are read: utf8 (strict) or latin1 (ISO-8859-1)' };
const junitOption = { type: 'string', describe: 'also write junit.xml here (where CI collects test reports)' } as const;
/** --json of a command that writes a report folder. */
const REPORT_JSON = 'print results.json to stdout and write no report folder (unless --out or --formats asks for one)';
const jsonOption = (what: string) => ({ type: 'boolean', default: false, describe: what }) as const;

export const runOptions = (y: Argv) =>
  batteryRunOptions(y.positional('battery', { type: 'string', demandOption: true, describe: 'battery file (YAML)' }))
    .option('shard', { type: 'string', describe: 'score only shard I of N (I from 0; auto/N: I from JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX) or take rows I of N of a data: file, and write its part file into --out; disparate merge joins the N parts' });
export type RunArgs = ArgsOf<typeof runOptions>;

export const auditOptions = (y: Argv) =>
  formatsOption(langOption(y))
    .positional('file', { type: 'string', describe: 'decisions file or glob: .csv, .tsv, .parquet, .json, .jsonl (optionally .gz), .arrow (Arrow IPC: .arrow/.feather file, .arrows/.ipc stream; uncompressed, LZ4 or ZSTD); with --cells, the aggregation query\'s output' })
    .option('protected', { type: 'string', describe: 'protected columns (or --derive names), comma-separated (with --long: attributes to keep, default all)' })
    .option('flag', { type: 'string', describe: '0/1 column (1 = flagged for investigation), COL=VALUE, or a condition such as "decile_score >= 5"' })
    .option('label', { type: 'string', describe: '0/1 ground-truth column (fraud or error found; empty = unknown), COL=VALUE or a condition; with --count, all of a row\'s cases positive (1) or negative (0)' })
    .option('count', { type: 'string', describe: 'aggregated counts: column with the number of rows each row stands for (blank, "<k" or a --suppressed marker: withheld)' })
    .option('positives', { type: 'string', describe: 'with --count: column with the number of positives among the row\'s count (not with --label)' })
    .option('suppressed', { type: 'string', array: true, describe: 'with --count: a marker of a withheld count besides blank and "<k" (repeatable), e.g. "x"' })
    .option('where', { type: 'string', describe: 'audit only rows where this condition holds, e.g. "year = 2023"' })
    .option('derive', { type: 'string', array: true, describe: 'NAME=EXPRESSION: add a column (repeatable), usable with --protected, e.g. "age_band=CASE WHEN age < 25 THEN \'<25\' ELSE \'25+\' END"' })
    .option('emit-sql', { type: 'boolean', default: false, describe: 'print the aggregation query (portable SQL) instead of auditing; run it where the data lives and audit its output with --cells' })
    .option('table', { type: 'string', default: 'decisions', describe: 'with --emit-sql or --postgres: the table the query reads' })
    .option('cells', { type: 'boolean', default: false, describe: 'the file is the aggregation query\'s output (cells), not rows' })
    .option('postgres', { type: 'string', describe: 'run the aggregation query on this PostgreSQL, postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE (or PGPASSWORD), on --table; only the cells come back' })
    .option('encoding', encodingOption)
    .option('long', { type: 'string', describe: 'long format ATTRIBUTE_COL,GROUP_COL: one protected attribute per row (marginal tables)' })
    .option('label-source', { type: 'string', describe: 'COL=VALUE marking the random-audit sample (selective labels, the Sweden method)' })
    .option('population-size', { type: 'number', describe: 'applicants the samples come from (with --label-source)' })
    .option('selection-probability', { type: 'string', describe: 'column: known probability that a flagged row was investigated (inverse-probability weighting)' })
    .option('correction', { type: 'string', choices: ['holm', 'bonferroni', 'benjamini-hochberg', 'none'] as const, default: 'bonferroni' as const, describe: 'error control across all checks: bonferroni (family-wise), benjamini-hochberg (false discoveries), none; holm is judged as bonferroni' })
    .option('bootstrap', { type: 'number', describe: 'multinomial bootstrap replicates of the cell counts (bootstrap_ci beside each interval)' })
    .option('seed', { type: 'number', default: 1, describe: 'seed of the bootstrap' })
    .option('intersections', { type: 'string', default: 'full', describe: 'full, all, none, or subsets a+b,a*c' })
    .option('score', { type: 'string', describe: 'numeric score column' })
    .option('reference', { type: 'string', array: true, describe: 'reference group, attribute=value (repeatable); attribute=overall compares each group with everyone else, and overall alone does so for every attribute; default the largest group' })
    .option('alpha', { type: 'number', default: 0.05, describe: 'significance level of the intervals' })
    .option('min-cell', { type: 'number', default: 30, describe: 'groups smaller than this are flagged as small cells' })
    .option('out', { type: 'string', describe: 'output folder (default out/audit-<file name>)' })
    .option('json', jsonOption(REPORT_JSON))
    .option('junit', junitOption)
    .option('interactive', { type: 'boolean', default: false, describe: 'inline vega into report.html for tooltips' })
    .option('unit', { type: 'string', describe: 'what one row is, plural, for the report\'s sentences (default "people"), e.g. households' })
    .option('privacy-min-cell', { type: 'number', describe: 'show counts below this as "<k" and withhold the rates built on them in the reports (results.json keeps them)' });
export type AuditArgs = ArgsOf<typeof auditOptions>;

export const mergeOptions = (y: Argv) =>
  formatsOption(y)
    .positional('files', { type: 'string', array: true, demandOption: true, describe: 'results.json files, one per part (at least two); or the N part files of run --shard I/N' })
    .option('out', { type: 'string', describe: 'output folder (default out/merged)' })
    .option('json', jsonOption(REPORT_JSON))
    .option('junit', junitOption)
    .option('interactive', { type: 'boolean', default: false, describe: 'inline vega into report.html for tooltips' })
    .option('lang', { type: 'string', choices: REPORT_LANGS, describe: 'report language: en, fr or nl (default en; for part files, the battery\'s lang)' });
export type MergeArgs = ArgsOf<typeof mergeOptions>;

export const compareOptions = (y: Argv) =>
  batteryRunOptions(y.positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'a battery file (YAML) naming models: { deployed, candidate }' }));
export type CompareArgs = ArgsOf<typeof compareOptions>;

/** The schemas `disparate schema` prints (harness/cli/schema.ts checks at compile time that they are config's SCHEMAS). */
export const SCHEMA_KINDS = ['battery', 'population', 'model', 'results'] as const;

export const schemaOptions = (y: Argv) =>
  y
    .positional('kind', { choices: SCHEMA_KINDS, default: 'battery' as const, describe: 'which schema' })
    .option('write', { type: 'boolean', default: false, describe: 'rewrite every committed schema file instead' });
export type SchemaArgs = ArgsOf<typeof schemaOptions>;

export const reproduceOptions = (y: Argv) =>
  formatsOption(y)
    .positional('pack', { type: 'string', describe: 'pack id' })
    .option('list', { type: 'boolean', default: false, describe: 'list the packs' })
    .option('out', { type: 'string', describe: 'output folder (default out/<pack>)' })
    .option('json', jsonOption(REPORT_JSON))
    .option('junit', junitOption)
    .option('lang', { type: 'string', choices: REPORT_LANGS, describe: 'report language: en, fr or nl (default en); results.json and junit.xml stay English' });
export type ReproduceArgs = ArgsOf<typeof reproduceOptions>;

export const planOptions = (y: Argv) =>
  y
    .option('ratio', { type: 'number', demandOption: true, describe: 'true ratio of adverse rates, group ÷ reference, e.g. 1.5' })
    .option('base-rate', { type: 'number', demandOption: true, describe: 'adverse (selection) rate of the reference group, e.g. 0.05' })
    .option('share', { type: 'number', demandOption: true, describe: 'share of the group among the rows, e.g. 0.1' })
    .option('reference-share', { type: 'number', describe: 'share of the reference group (default 1 − share)' })
    .option('bounds', { type: 'string', default: '0.8,1.25', describe: 'tolerance L,U of the ratio (default: the four-fifths rule and its reciprocal)' })
    .option('goal', { type: 'string', choices: ['fail', 'pass'] as const, describe: 'verdict to reach: fail (default when --ratio is outside --bounds) or pass (default when inside)' })
    .option('alpha', { type: 'number', default: 0.05, describe: 'family-wise significance level of the battery' })
    .option('power', { type: 'number', default: 0.8, describe: 'probability of reaching the verdict, 1 − β' })
    .option('tests', { type: 'number', default: 1, describe: 'rows in the battery\'s family (check × compared group): intervals at level 1 − α/m' })
    .option('json', jsonOption('print the result as JSON'));
export type PlanArgs = ArgsOf<typeof planOptions>;

export const generateOptions = (y: Argv) =>
  y
    .positional('population', { type: 'string', demandOption: true, describe: 'population spec (YAML)' })
    .option('size', { type: 'number', demandOption: true, describe: 'number of rows' })
    .option('seed', { type: 'number', demandOption: true, describe: 'master seed, an integer in [0, 2^53)' })
    .option('out', { type: 'string', demandOption: true, describe: 'output file: .csv, .parquet, .arrow / .feather (Arrow IPC file) or .arrows / .ipc (IPC stream)' })
    .option('chunk-size', { type: 'number', default: 65536, describe: 'rows per chunk (the file never depends on it)' });
export type GenerateArgs = ArgsOf<typeof generateOptions>;

export const scoreOptions = (y: Argv) =>
  y
    .option('model', { type: 'string', demandOption: true, describe: 'model file (JSON)' })
    .option('data', { type: 'string', demandOption: true, describe: 'applicants: .csv, .jsonl, .parquet or .arrow' })
    .option('out', { type: 'string', demandOption: true, describe: 'output: .csv, .parquet or .arrow' })
    .option('threshold', { type: 'number', describe: 'also write flagged = score ≥ threshold' })
    .option('encoding', encodingOption);
export type ScoreArgs = ArgsOf<typeof scoreOptions>;

export const verifyOptions = (y: Argv) =>
  y
    .option('model', { type: 'string', demandOption: true, describe: 'model file (JSON)' })
    .option('data', { type: 'string', demandOption: true, describe: 'sample of applicants: .csv, .jsonl, .parquet or .arrow' })
    .option('expect', { type: 'string', demandOption: true, describe: 'the deployed system\'s predictions for those rows, in the same order' })
    .option('column', { type: 'string', describe: 'predictions column (default: the only column besides id, else score)' })
    .option('tolerance', { type: 'number', default: 1e-6, describe: 'largest absolute difference accepted' });
export type VerifyArgs = ArgsOf<typeof verifyOptions>;

export const explainOptions = (y: Argv) =>
  y
    .option('model', { type: 'string', demandOption: true, describe: 'model file (JSON)' })
    .option('applicant', { type: 'string', demandOption: true, describe: 'the applicant as a JSON object of the model inputs' })
    .option('threshold', { type: 'number', describe: 'flagged when score ≥ threshold' })
    .option('protected', { type: 'string', describe: 'protected attributes to vary, comma-separated (default: every categorical input)' })
    .option('proxies', { type: 'string', describe: 'proxies of a protected attribute to vary, comma-separated' })
    .option('reference', { type: 'string', describe: 'reference values for black-box contributions, a JSON object' })
    .option('json', jsonOption('print the explanation as JSON'));
export type ExplainArgs = ArgsOf<typeof explainOptions>;

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Registration[] = [
  define({ command: 'run <battery>', describe: 'Run a fairness battery (YAML) and write its report', builder: runOptions, load: async () => (await import('./run.js')).runCommand.handler }),
  define({ command: 'audit [file]', describe: 'Audit recorded decisions (CSV, TSV, Parquet, JSON; rows, counts or cells) for disparities', builder: auditOptions, load: async () => (await import('./audit.js')).auditCommand.handler }),
  define({
    command: 'merge <files..>',
    describe: 'Merge the results.json of disjoint parts of a population, or the part files of a sharded run (run --shard), into one report',
    builder: mergeOptions,
    load: async () => (await import('./merge.js')).mergeCommand.handler,
  }),
  define({
    command: 'compare <inputs..>',
    describe: 'Compare a deployed and a candidate model on the same applicants (battery with models: { deployed, candidate })',
    builder: compareOptions,
    load: async () => (await import('./compare.js')).compareCommand.handler,
  }),
  define({ command: 'schema [kind]', describe: 'Print the JSON Schema of a battery (or population, model, results)', builder: schemaOptions, load: async () => (await import('./schema.js')).schemaCommand.handler }),
  define({ command: 'reproduce [pack]', describe: 'Reproduce a published audit (see --list)', builder: reproduceOptions, load: async () => (await import('./reproduce.js')).reproduceCommand.handler }),
  define({ command: 'plan', describe: 'Rows needed for a ratio check to fail (or pass) with given power under the verdict rule', builder: planOptions, load: async () => (await import('./plan.js')).planCommand.handler }),
  define({ command: 'generate <population>', describe: 'Write a synthetic population (CSV, Parquet or Arrow) from a population spec', builder: generateOptions, load: async () => (await import('./generate.js')).generateCommand.handler }),
  define({ command: 'score', describe: 'Score a data file with a model and write the scores', builder: scoreOptions, load: async () => (await import('./score.js')).scoreCommand.handler }),
  define({ command: 'verify', describe: "Check that a model reproduces the deployed system's own predictions on a sample", builder: verifyOptions, load: async () => (await import('./verify.js')).verifyCommand.handler }),
  define({ command: 'explain', describe: "Explain one applicant's score: contributions, decision, flipping changes", builder: explainOptions, load: async () => (await import('./explain.js')).explainCommand.handler }),
  define({ command: 'list', describe: 'List metrics and bundled batteries', builder: (y: Argv) => y, load: async () => (await import('./list.js')).listCommand.handler }),
];
