import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExpression, expressionSql, inferType, parseExpression, quoteName, type ColumnTypes } from '../../datasets/sql/expression/index.js';

/**
 * The same expressions, printed once by expressionSql, evaluated row by row on DuckDB (in process), SQLite
 * (Debian's sqlite3 shell on a temporary file) and PostgreSQL 15 (a throwaway cluster on a Unix socket in a
 * temporary folder): every engine must give the same value for every row, NULLs included.
 */

const PG_BIN = '/usr/lib/postgresql/15/bin';

// A small table with NULLs in every column, negative and half-way numbers, text with quotes and accents.
const COLUMNS = [
  { name: 'id', type: 'INTEGER', kind: 'number' },
  { name: 'age', type: 'INTEGER', kind: 'number' },
  { name: 'score', type: 'DOUBLE PRECISION', kind: 'number' },
  { name: 'race', type: 'TEXT', kind: 'text' },
  { name: 'two words', type: 'TEXT', kind: 'text' },
  { name: 'a"b', type: 'INTEGER', kind: 'number' },
  { name: 'recid', type: 'BOOLEAN', kind: 'boolean' },
] as const;
type Value = number | string | boolean | null;
const ROWS: Value[][] = [
  [1, 19, 2.5, 'Black', '  padded ', 0, true],
  [2, 25, -2.5, 'White', "'); DROP TABLE t; --", 7, false],
  [3, null, 0.15, 'Hispanic', 'Émilie', null, null],
  [4, 44, null, null, null, -3, true],
  [5, 60, -0.05, 'Other', '', 2, null],
  [6, 31, 7, 'black', '\tzz ', 1, false],
  [7, 0, -7.75, 'Asian', 'a', 0, true],
  [8, 101, 1e-9, 'Roma', 'na\u0308ive 👍🏽', -1, false],
];
const COLUMN_TYPES: ColumnTypes = Object.fromEntries(COLUMNS.map((c) => [c.name, c.kind]));

const EXPRESSIONS = [
  // comparison and three-valued logic
  'age >= 25',
  'age >= 25 AND recid',
  'age >= 25 OR recid',
  'NOT recid',
  'NOT (age > 30 AND score > 0)',
  'recid = TRUE',
  'recid IS NULL',
  'age IS NOT NULL AND score IS NULL',
  'age <> 25',
  '(age > 30) = recid',
  // IN, BETWEEN with NULLs on either side
  "race IN ('Black', 'White')",
  "race NOT IN ('Black', 'White')",
  'age IN (19, 44, 0)',
  'age NOT IN (19, -1)',
  'score IN (2.5, -7.75)',
  'recid IN (TRUE)',
  'age BETWEEN 19 AND 44',
  'age NOT BETWEEN 25 AND 60',
  'score BETWEEN -2.5 AND age',
  "race BETWEEN 'B' AND 'P'",
  // text: byte order (PostgreSQL under the C locale, as the test cluster is), quotes, accents, spaces
  "race < 'White'",
  "race = 'black'",
  "\"two words\" = 'O''Brien'",
  "\"two words\" > 'a'",
  'LENGTH("two words")',
  'TRIM("two words")',
  "LENGTH(TRIM(\"two words\")) = 6",
  "COALESCE(race, 'unknown')",
  "NULLIF(race, 'Other')",
  // arithmetic: integer division, division by zero, minus signs, decimals
  'age / 2',
  'age / 0',
  'score / "a""b"',
  '7 / 2',
  '-age + 3 * 2 - 1',
  'age - -1',
  'age * 1.5 - score',
  'ABS(score)',
  'FLOOR(score)',
  'CEIL(score)',
  'FLOOR(age / 10) * 10',
  'ROUND(score)',
  'ROUND(score, 1)',
  'ROUND(-score, 1)',
  'ROUND(age / 7, 3)',
  'COALESCE(score, age, 0)',
  'NULLIF(age, 0)',
  // CASE: searched, simple, without ELSE, with NULL results
  "CASE WHEN age < 25 THEN 'under 25' WHEN age < 50 THEN '25 to 49' ELSE '50 and over' END",
  "CASE WHEN age < 25 THEN 'under 25' WHEN age >= 25 THEN '25 and over' END",
  "CASE race WHEN 'Black' THEN 1 WHEN 'White' THEN 2 ELSE 0 END",
  'CASE recid WHEN TRUE THEN score ELSE NULL END',
  'CASE WHEN recid THEN age > 30 ELSE NOT (age > 30) END',
  "CASE WHEN score IS NULL THEN 'missing' END",
  // literals alone: each engine must settle the literal types the same way
  'FLOOR(7 / 2)',
  'ABS(-3)',
  'CEIL(2.1)',
  'ROUND(2.5)',
  'ROUND(-0.125, 2)',
  "LENGTH('abc')",
  "TRIM('  x ')",
  "'a' < 'b'",
  "'B' < 'a'",
  'COALESCE(NULL, 1)',
  'NULLIF(1, 1)',
  '-(-1)',
  'CASE WHEN TRUE THEN NULL ELSE 1 END',
  'TRUE AND NULL IS NULL',
  '1 IN (1, 2) AND NOT 3 BETWEEN 1 AND 2',
  '0.5 * 4 = 2',
  '1e3 / 8',
  '1 / 3 > 0.333',
  // text that would end a statement if quoting failed: compared as a value on every engine
  "\"two words\" = '''); DROP TABLE t; --' OR \"a\"\"b\" = 7",
  'score / 3',
] as const;

/** SQL literal for the table's rows (only test data; expressions go through expressionSql). */
const literal = (v: Value): string => (v === null ? 'NULL' : typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v));
const DDL = `CREATE TABLE t (${COLUMNS.map((c) => `${quoteName(c.name)} ${c.type}`).join(', ')});\nINSERT INTO t VALUES ${ROWS.map((r) => `(${r.map(literal).join(', ')})`).join(', ')};`;

const checked = EXPRESSIONS.map((text) => {
  const expr = parseExpression(text, '--derive');
  checkExpression(expr, COLUMNS.map((c) => c.name), '--derive', 'any', COLUMN_TYPES);
  return { text, sql: expressionSql(expr), type: inferType(expr, '--derive', COLUMN_TYPES) };
});
const QUERY = `SELECT "id", ${checked.map((c, i) => `${c.sql} AS "v${i}"`).join(', ')} FROM t ORDER BY "id"`;

/** One engine's value in a common form: booleans as true/false (SQLite gives 1/0, PostgreSQL 't'/'f'), numbers to 12 digits. */
function normalise(value: unknown, type: string): Value {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') {
    if (value === true || value === 1 || value === 't' || value === '1') return true;
    if (value === false || value === 0 || value === 'f' || value === '0') return false;
    throw new Error(`not a boolean: ${String(value)}`);
  }
  if (type === 'number') {
    const n = typeof value === 'bigint' ? Number(value) : Number(value as string | number);
    if (!Number.isFinite(n)) throw new Error(`not a number: ${String(value)}`);
    return n === 0 ? 0 : Number(n.toPrecision(12));
  }
  return String(value);
}

type Table = Value[][];
const tidy = (rows: readonly (readonly unknown[])[]): Table => rows.map((r) => [Number(r[0]), ...checked.map((c, i) => normalise(r[i + 1], c.type))]);

async function runDuckdb(): Promise<Table> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(DDL);
    const reader = await connection.runAndReadAll(QUERY);
    return tidy(reader.getRowsJS());
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function runSqlite(dir: string): Table {
  const db = join(dir, 'expr.sqlite');
  const r = spawnSync('/usr/bin/sqlite3', ['-json', db], { input: `${DDL}\n${QUERY};\n`, encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0 || r.stderr) throw new Error(`sqlite3 failed (${r.status}): ${r.stderr}`);
  const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
  return tidy(rows.map((row) => [row.id, ...checked.map((_, i) => row[`v${i}`])]));
}

/** A throwaway cluster owned by `postgres` when the tests run as root (initdb refuses root); null with the reason when it cannot start. */
function startPostgres(dir: string): { host: string; port: number; stop: () => void } | string {
  if (!existsSync(join(PG_BIN, 'initdb'))) return `${PG_BIN}/initdb not found`;
  const asRoot = process.getuid?.() === 0;
  let owner: { uid: number; gid: number } | null = null;
  if (asRoot) {
    const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (uid.status !== 0) return 'running as root and no "postgres" user to run the server as';
    owner = { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
    chownSync(dir, owner.uid, owner.gid);
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]) =>
    spawnSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
  const data = join(dir, 'data');
  const init = run(join(PG_BIN, 'initdb'), ['-D', data, '-U', 'expr', '--auth-local=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  if (init.status !== 0) return `initdb failed: ${(init.stderr || String(init.error)).trim().split('\n').pop()}`;
  // TCP is off (listen_addresses ''): the port only names the socket file in this test's own folder.
  const port = 40000 + (process.pid % 20000);
  const start = run(join(PG_BIN, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '30', '-o', `-p ${port} -k ${dir} -c listen_addresses='' -c fsync=off`, 'start']);
  if (start.status !== 0) return `pg_ctl start failed: ${existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').trim().split('\n').pop() : start.stderr}`;
  return { host: dir, port, stop: () => void run(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']) };
}

async function runPostgres(host: string, port: number): Promise<Table> {
  // Values as the server's text, so nothing is converted on the way (numeric stays exact, booleans 't'/'f').
  const client = new pg.Client({ host, port, user: 'expr', database: 'postgres', types: { getTypeParser: () => (v: string) => v } });
  await client.connect();
  try {
    await client.query(DDL);
    const r = await client.query({ text: QUERY, rowMode: 'array' });
    return tidy(r.rows as unknown[][]);
  } finally {
    await client.end();
  }
}

describe('expressions give the same rows on every engine', () => {
  let dir: string;
  let postgres: ReturnType<typeof startPostgres> = 'not started';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'disparate-expr-'));
    postgres = startPostgres(dir);
    if (typeof postgres === 'string') console.warn(`PostgreSQL engine agreement SKIPPED: ${postgres}`);
    writeFileSync(join(dir, 'query.sql'), QUERY); // kept beside the engines' files when debugging
  });
  afterAll(() => {
    if (typeof postgres !== 'string') postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('DuckDB gives the values worked out by hand for a few rows', async () => {
    const duck = await runDuckdb();
    const column = (text: string) => duck.map((r) => r[1 + EXPRESSIONS.indexOf(text as (typeof EXPRESSIONS)[number])]);
    // row 3 has age NULL, row 4 race NULL, rows 3 and 5 recid NULL; 'É' sorts after 'a' in byte order
    expect(column('age >= 25 AND recid')).toEqual([false, false, null, true, null, false, false, false]);
    expect(column('age >= 25 OR recid')).toEqual([true, true, null, true, true, true, true, true]);
    expect(column("race NOT IN ('Black', 'White')")).toEqual([false, false, true, null, true, true, true, true]);
    expect(column('age / 2')).toEqual([9.5, 12.5, null, 22, 30, 15.5, 0, 50.5]);
    expect(column('age / 0')).toEqual([null, null, null, null, null, null, null, null]);
    expect(column('ROUND(score)')).toEqual([3, -3, 0, null, 0, 7, -8, 0]);
    expect(column('ROUND(score, 1)')).toEqual([2.5, -2.5, 0.2, null, -0.1, 7, -7.8, 0]);
    // characters are code points: a tab counts, "ä" written as a + U+0308 is two, 👍🏽 is two
    expect(column('LENGTH("two words")')).toEqual([9, 20, 6, null, 0, 4, 1, 9]);
    expect(column('TRIM("two words")')).toEqual(['padded', "'); DROP TABLE t; --", 'Émilie', null, '', '\tzz', 'a', 'na\u0308ive 👍🏽']);
    expect(column("\"two words\" = '''); DROP TABLE t; --' OR \"a\"\"b\" = 7")).toEqual([false, true, null, null, false, false, false, false]);
    expect(column("\"two words\" > 'a'")).toEqual([false, false, true, null, false, false, false, true]);
    expect(column('ROUND(-0.125, 2)')[0]).toBe(-0.13);
    expect(column('1e3 / 8')[0]).toBe(125);
  });

  it('SQLite gives the same rows as DuckDB', async () => {
    expect(runSqlite(dir)).toEqual(await runDuckdb());
  });

  it('PostgreSQL gives the same rows as DuckDB', async (context) => {
    if (typeof postgres === 'string') {
      context.skip();
      return;
    }
    expect(await runPostgres(postgres.host, postgres.port)).toEqual(await runDuckdb());
  });
});
