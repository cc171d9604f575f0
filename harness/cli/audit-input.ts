import { basename } from 'node:path';
import { auditDecisions, auditPostgres, type AuditOptions, type PostgresTable } from '../audit/index.js';
import type { Results } from '../results/index.js';
import { DisparateError } from '../errors/index.js';

/** The audit's input options besides a decisions file: a cells file, or a table in the agency's PostgreSQL. */
export interface AuditInputArgs {
  file?: string | undefined;
  cells?: boolean | undefined;
  postgres?: string | undefined;
  table?: string | undefined;
  'emit-sql'?: boolean | undefined;
}

/** What the audit reads, and the name its title and default output folder use. */
export interface AuditInput {
  /** The decisions or cells file; for a table, the URL (password redacted) and table, as the manifest records it. */
  readonly file: string;
  readonly name: string;
  readonly postgres: PostgresTable | null;
}

/**
 * Checks the input options together: exactly one of a file or `--postgres URL --table T`; `--cells`
 * with a file only; `--emit-sql` prints the query, so it takes no database.
 */
export function resolveAuditInput(argv: AuditInputArgs): AuditInput {
  if (argv.postgres !== undefined) {
    if (argv.file !== undefined) throw new DisparateError('usage', `--postgres reads the decisions from a table: give --table T instead of the file ${argv.file}`);
    if (argv.cells) throw new DisparateError('usage', '--cells reads a cells file; --postgres runs the query and reads its cells itself: use one of them');
    if (argv['emit-sql']) throw new DisparateError('usage', '--emit-sql prints the query for you to run; --postgres runs it: use one of them');
    if (!argv.table || !argv.table.trim()) throw new DisparateError('usage', '--postgres needs --table T: the table or view that holds the decisions');
    return { file: '', name: argv.table, postgres: { url: argv.postgres, table: argv.table } };
  }
  if (argv.file === undefined) throw new DisparateError('usage', 'name the decisions file (or cells file with --cells), or give --postgres URL --table T');
  return { file: argv.file, name: basename(argv.file).replace(/\.[^.]+$/, ''), postgres: null };
}

/** Runs the audit on its input: a table through PostgreSQL, otherwise the file (rows, or cells with --cells). */
export function auditInput(input: AuditInput, options: AuditOptions): Promise<Results> {
  return input.postgres ? auditPostgres(input.postgres, options) : auditDecisions(options);
}
