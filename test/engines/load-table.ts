import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';

/**
 * Loads one CSV file into a table of each engine the emitted aggregation query is tested on, with
 * declared column types (a CSV import that left every column text would compare '10' >= '5' as text),
 * and runs a query there, returning its rows as the engine's own client exports them.
 */
export interface ColumnType {
  readonly name: string;
  readonly type: 'integer' | 'double' | 'text';
}

const sqlType = { integer: 'INTEGER', double: 'DOUBLE PRECISION', text: 'TEXT' } as const;

/** The CSV's rows as text; an empty field is NULL (the tests' fixtures quote nothing). */
export function csvRows(file: string): { header: string[]; rows: (string | null)[][] } {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return { header: lines[0]!.split(','), rows: lines.slice(1).map((l) => l.split(',').map((v) => (v === '' ? null : v))) };
}

function createTable(table: string, columns: readonly ColumnType[]): string {
  return `CREATE TABLE ${table} (${columns.map((c) => `"${c.name}" ${sqlType[c.type]}`).join(', ')})`;
}

/** PostgreSQL: CREATE TABLE and multi-row INSERTs with bound parameters, through `pg`. */
export async function loadPostgres(url: string, table: string, columns: readonly ColumnType[], file: string): Promise<void> {
  const { rows } = csvRows(file);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(createTable(table, columns));
    for (let start = 0; start < rows.length; start += 500) {
      const batch = rows.slice(start, start + 500);
      const values = batch.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
      await client.query(`INSERT INTO ${table} VALUES ${values}`, batch.flat());
    }
  } finally {
    await client.end();
  }
}

/** PostgreSQL: one query's rows (values as text, as the CSV a user would export holds them). */
export async function queryPostgresRows(url: string, sql: string): Promise<{ columns: string[]; rows: unknown[][] }> {
  const client = new pg.Client({ connectionString: url, types: { getTypeParser: () => (v: string) => v } });
  await client.connect();
  try {
    const r = await client.query({ text: sql, rowMode: 'array' });
    return { columns: r.fields.map((f) => f.name), rows: r.rows as unknown[][] };
  } finally {
    await client.end();
  }
}

/** Debian's sqlite3 shell; throws with its stderr when it fails. */
export function sqlite(db: string, args: readonly string[], input: string): string {
  const r = spawnSync('/usr/bin/sqlite3', [...args, db], { input, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0 || r.stderr) throw new Error(`sqlite3 ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** SQLite: CREATE TABLE with declared types, the shell's .import, then empty fields back to NULL (.import stores ''). */
export function loadSqlite(db: string, table: string, columns: readonly ColumnType[], file: string): void {
  const nulls = columns.map((c) => `UPDATE ${table} SET "${c.name}" = NULL WHERE "${c.name}" = '';`).join('\n');
  sqlite(db, [], `${createTable(table, columns)};\n.import --csv --skip 1 ${file} ${table}\n${nulls}\n`);
}

/**
 * SQLite: a query's rows in the shell's JSON mode, written to `out`. JSON mode prints a REAL with 17
 * significant digits (its CSV mode prints 15, which does not give back every double).
 */
export function sqliteJson(db: string, sql: string, out: string): void {
  writeFileSync(out, sqlite(db, ['-json'], `${sql}\n`) || '[]');
}

/** DuckDB in process: the table from the CSV with declared types, then the query's rows written to `out` (CSV or Parquet by extension). */
export async function duckdbExport(file: string, table: string, columns: readonly ColumnType[], sql: string, out: string): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const types = columns.map((c) => `'${c.name}': '${sqlType[c.type] === 'DOUBLE PRECISION' ? 'DOUBLE' : sqlType[c.type]}'`).join(', ');
    await connection.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${file}', header = true, columns = {${types}})`);
    const format = out.endsWith('.parquet') ? 'PARQUET' : 'CSV, HEADER';
    await connection.run(`COPY (${sql.trim().replace(/;\s*$/, '')}) TO '${out}' (FORMAT ${format})`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
