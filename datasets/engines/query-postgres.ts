import { DisparateError } from '../../harness/errors/index.js';
import { redactUrl } from './redact-url.js';

/** Rows an engine returned: column names and one array of values per row (numbers, bigints, text or null). */
export interface QueryRows {
  readonly columns: readonly string[];
  /** PostgreSQL's type of each column (its OID, e.g. 25 text, 23 integer, 701 double precision). */
  readonly types: readonly number[];
  readonly rows: readonly (readonly unknown[])[];
}

/** Node's and libpq's words for a connection that could not be made; the SQLSTATE classes 08 and 28. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'ENOENT', 'EACCES', '3D000', '57P03', '53300']);

function describe(error: unknown): { code: string; message: string } {
  const e = error as { code?: unknown; message?: unknown; errors?: unknown };
  // Node reports a refused connection to a name with several addresses as an AggregateError with an empty message.
  const inner = Array.isArray(e.errors) && e.errors.length > 0 ? (e.errors[0] as { code?: unknown; message?: unknown }) : null;
  const code = String(e.code ?? inner?.code ?? '');
  const text = String(e.message || inner?.message || code || error).split('\n')[0]!;
  return { code, message: text };
}

/**
 * Runs one read-only query on PostgreSQL through `pg` (its wire protocol) and returns the rows as
 * arrays. The query runs in a READ ONLY transaction, so even a query that tried to write would be
 * refused by the server; the caller has already checked every expression it contains.
 *
 * Every failure is a DisparateError (exit 2) whose message starts with `where` and the URL with its
 * password redacted: "cannot connect: …" when no session could be opened (refused, unknown host,
 * authentication, unknown database), otherwise the server's own words ("column "x" does not exist").
 * bigint and numeric values come back as text, so counts beyond 2^53 are never rounded silently.
 */
export async function queryPostgres(url: string, sql: string, where: string): Promise<QueryRows> {
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new DisparateError('usage', `${where} ${redactUrl(url)}: expected a URL postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE`);
  }
  const shown = `${where} ${redactUrl(url)}`;
  const { default: pg } = await import('pg');
  let client: InstanceType<typeof pg.Client>;
  try {
    client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 15_000, application_name: 'disparate', types: { getTypeParser: () => (value: string) => value } });
  } catch (error) {
    throw new DisparateError('usage', `${shown}: ${describe(error).message}`);
  }
  // A server that goes away mid-query also emits 'error' on the client; the query's rejection reports it.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    const { code, message } = describe(error);
    throw new DisparateError('data', `${shown}: cannot connect: ${message}${code && !message.includes(code) ? ` (${code})` : ''}`);
  }
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    const result = await client.query({ text: sql, rowMode: 'array' });
    await client.query('COMMIT');
    return { columns: result.fields.map((f) => f.name), types: result.fields.map((f) => f.dataTypeID), rows: result.rows as unknown[][] };
  } catch (error) {
    const { code, message } = describe(error);
    if (CONNECTION_CODES.has(code) || code.startsWith('08') || code.startsWith('28')) throw new DisparateError('data', `${shown}: connection lost: ${message}`);
    throw new DisparateError('data', `${shown}: ${message}${/^[0-9A-Z]{5}$/.test(code) ? ` (SQLSTATE ${code})` : ''}`);
  } finally {
    await client.end().catch(() => {});
  }
}
