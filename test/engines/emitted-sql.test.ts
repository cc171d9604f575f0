import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { spawnCli } from '../cli/spawn-cli.js';
import { csvRows, duckdbExport, loadPostgres, loadSqlite, queryPostgresRows, sqliteJson, type ColumnType } from './load-table.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';

/**
 * Acceptance of issue 17 item 4: the aggregation query `disparate audit --emit-sql` prints runs where the
 * data lives — PostgreSQL 15 (a throwaway cluster), SQLite (Debian's sqlite3 shell) and DuckDB — and
 * `disparate audit CELLS --cells` on what each returned gives the same results.json as the row-level audit
 * of the same rows, apart from the manifest's description of the input (title, file, hash, command, times, and the
 * decision's wording, which says the input was cells).
 * `--postgres URL --table T` runs the query itself and gives the same results again.
 *
 * The data: datasets/examples/compas-shaped.csv (ProPublica's COMPAS layout, synthetic values) with a
 * probability-like score that is not a short binary fraction (so the fixed-point sums are exercised) and
 * an unknown label on every eleventh row.
 */
const pg = await startPostgres();
if (pg.skipped) console.warn(`\n⚠ PostgreSQL tests skipped: ${pg.skipped}\n`);
const server = pg.server as PostgresServer;

const dir = mkdtempSync(join(tmpdir(), 'emitted-sql-'));
const data = join(dir, 'decisions.csv');
const COLUMNS: ColumnType[] = [
  { name: 'id', type: 'integer' },
  { name: 'sex', type: 'text' },
  { name: 'age', type: 'integer' },
  { name: 'age_cat', type: 'text' },
  { name: 'race', type: 'text' },
  { name: 'priors_count', type: 'integer' },
  { name: 'decile_score', type: 'integer' },
  { name: 'score_text', type: 'text' },
  { name: 'two_year_recid', type: 'integer' },
  { name: 'risk', type: 'double' },
  { name: 'recid', type: 'integer' },
];
{
  const source = csvRows(resolve('datasets/examples/compas-shaped.csv'));
  const lines = source.rows.map((r) => {
    const id = Number(r[0]);
    const risk = Number(r[6]) / 10 - (id % 13) / 997;
    return [...r, String(risk), id % 11 === 0 ? '' : r[8]!].join(',');
  });
  writeFileSync(data, `${[...source.header, 'risk', 'recid'].join(',')}\n${lines.join('\n')}\n`);
}

/** The audits compared: a flag expression, a label with unknowns, a score; and the same with --where. */
const ROLES = ['--protected', 'race,sex', '--flag', 'decile_score >= 5', '--label', 'recid', '--score', 'risk'];
const VARIANTS = {
  plain: ROLES,
  where: [...ROLES, '--where', "age >= 30 AND score_text IN ('Low', 'Medium', 'High')"],
} as const;

/**
 * results.json without the manifest's description of the input: its title, the file or table and its
 * hash, the command and its times, and `decision`, which for cells says they are the query's output.
 */
function comparable(out: string): string {
  const r = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { manifest: Record<string, unknown> };
  for (const key of ['title', 'data', 'command', 'started', 'finished', 'decision']) delete r.manifest[key];
  return JSON.stringify(r, null, 1);
}

/** Only results.json is compared: the audits write it alone (--formats json, no charts rendered). */
function audit(args: readonly string[], out: string) {
  const r = runCli(['audit', ...args, '--out', out, '--formats', 'json']);
  expect(r.stderr, `disparate audit ${args.join(' ')}`).toBe('');
  expect(r.status).toBe(1);
  return comparable(out);
}

/** A CSV of query rows as psql's \copy would write it: quoted where needed, NULL as an empty field. */
function writeCsv(file: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): void {
  const field = (v: unknown) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
  writeFileSync(file, `${columns.join(',')}\n${rows.map((r) => r.map(field).join(',')).join('\n')}\n`);
}

const sqliteDb = join(dir, 'decisions.sqlite');
const queries: Record<string, string> = {};
const expected: Record<string, string> = {};

beforeAll(async () => {
  loadSqlite(sqliteDb, 'decisions', COLUMNS, data);
  if (server) await loadPostgres(server.url, 'decisions', COLUMNS, data);
  for (const [name, roles] of Object.entries(VARIANTS)) {
    expected[name] = audit([data, ...roles], join(dir, `rows-${name}`));
    const emitted = runCli(['audit', data, ...roles, '--emit-sql', '--table', 'decisions']);
    expect(emitted.stderr).toBe('');
    expect(emitted.status).toBe(0);
    queries[name] = emitted.stdout;
  }
}, 300_000);

afterAll(() => server?.stop());

describe('the emitted aggregation query, run on three engines, audited with --cells', () => {
  it('is one portable SELECT: no engine-specific reader, no file access', () => {
    for (const sql of Object.values(queries)) {
      expect(sql).toMatch(/^WITH /);
      expect(sql).toContain('FROM "decisions"');
      expect(sql).not.toMatch(/read_csv|read_parquet|read_json|COPY|ATTACH|pg_read|;\s*\S/i);
    }
  });

  for (const name of Object.keys(VARIANTS) as (keyof typeof VARIANTS)[]) {
    const roles = VARIANTS[name];

    it(`${name}: DuckDB's cells (Parquet) give the row-level results`, async () => {
      const cells = join(dir, `duckdb-${name}.parquet`);
      await duckdbExport(data, 'decisions', COLUMNS, queries[name]!, cells);
      expect(audit([cells, '--cells', ...roles], join(dir, `duckdb-${name}`))).toBe(expected[name]);
    });

    it(`${name}: SQLite's cells (the shell's JSON) give the row-level results`, () => {
      const cells = join(dir, `sqlite-${name}.json`);
      sqliteJson(sqliteDb, queries[name]!, cells);
      expect(audit([cells, '--cells', ...roles], join(dir, `sqlite-${name}`))).toBe(expected[name]);
    });

    it.skipIf(!server)(`${name}: PostgreSQL's cells (CSV) give the row-level results`, async () => {
      const cells = join(dir, `postgres-${name}.csv`);
      const result = await queryPostgresRows(server.url, queries[name]!);
      writeCsv(cells, result.columns, result.rows);
      expect(audit([cells, '--cells', ...roles], join(dir, `postgres-${name}`))).toBe(expected[name]);
    });

    it.skipIf(!server)(`${name}: --postgres URL --table runs the query there and gives the row-level results`, async () => {
      const out = join(dir, `live-${name}`);
      const r = await spawnCli(['audit', '--postgres', server.url, '--table', 'decisions', ...roles, '--out', out, '--formats', 'json']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      expect(comparable(out)).toBe(expected[name]);
      const manifest = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).manifest as { data: { file: string; hash: string } };
      expect(manifest.data.file).toBe(`postgresql://disparate:***@127.0.0.1:${server.port}/postgres table decisions`);
      expect(manifest.data.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(readFileSync(join(out, 'results.json'), 'utf8')).not.toContain(server.password);
    });
  }

  it('the --where audit differs from the plain one: 96 of the 1,804 rows are under 30 (so equal results mean the filter ran on every engine)', () => {
    expect(expected['where']).not.toBe(expected['plain']);
    const rows = (name: string) => (JSON.parse(readFileSync(join(dir, name, 'results.json'), 'utf8')) as { manifest: { rows: number } }).manifest.rows;
    expect(rows('rows-plain')).toBe(1804);
    expect(rows('rows-where')).toBe(1708);
    for (const engine of ['duckdb', 'sqlite', ...(server ? ['postgres', 'live'] : [])]) expect(existsSync(join(dir, `${engine}-where`, 'results.json'))).toBe(true);
  });
});
