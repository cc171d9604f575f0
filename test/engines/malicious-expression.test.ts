import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { spawnCli } from '../cli/spawn-cli.js';
import { loadPostgres, type ColumnType } from './load-table.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';

/**
 * Nothing a user types reaches an engine unchecked: an expression that is a second statement, a file
 * read, or a subquery exits 2 naming the option, and the engine never sees it. On PostgreSQL this is
 * proved from the server's side: the table the statement would drop is still there, and the server's
 * log (every connection and every statement is logged) has not one line more. The same expressions
 * exit 2 from the in-process audit and from --emit-sql, which then prints no SQL.
 */
const pgStart = await startPostgres();
if (pgStart.skipped) console.warn(`\n⚠ PostgreSQL tests skipped: ${pgStart.skipped}\n`);
const server = pgStart.server as PostgresServer;

const dir = mkdtempSync(join(tmpdir(), 'malicious-'));
const data = join(dir, 'decisions.csv');
writeFileSync(data, `race,flagged,decile_score\n${Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'a' : 'b'},${i % 3 === 0 ? 1 : 0},${(i % 10) + 1}`).join('\n')}\n`);
const COLUMNS: ColumnType[] = [
  { name: 'race', type: 'text' },
  { name: 'flagged', type: 'integer' },
  { name: 'decile_score', type: 'integer' },
];

/** Option, value, and the words the one-line message must contain. */
const MALICIOUS: [string, string, RegExp][] = [
  ['--flag', '1; DROP TABLE x', /^disparate: --flag: .*;/],
  ['--flag', 'decile_score >= 5; DROP TABLE x', /^disparate: --flag: .*;/],
  ['--flag', "read_csv('/etc/passwd') IS NOT NULL", /^disparate: --flag: .*read_csv/i],
  ['--flag', 'decile_score >= (SELECT 5)', /^disparate: --flag: .*subquer/i],
  ['--where', 'race IN (SELECT race FROM x)', /^disparate: --where: .*subquer/i],
  ['--where', "pg_read_file('/etc/passwd') = ''", /^disparate: --where: .*pg_read_file/i],
  ['--where', 'decile_score > 1 -- ; DROP TABLE x', /^disparate: --where: /],
  ['--label', '1) OR (1=1', /^disparate: --label: /],
];

/** The roles of a harmless audit with `option` set to `value` (one --flag: a second would make it a list). */
const roles = (option: string, value: string) => ['--protected', 'race', ...(option === '--flag' ? [] : ['--flag', 'flagged']), option, value];

/** Lines of the server's log that record a connection or a statement. */
const activity = () => readFileSync(server.logFile, 'utf8').split('\n').filter((l) => /connection received|statement: /.test(l)).length;

async function tableExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    const r = await client.query('SELECT to_regclass($1) IS NOT NULL AS present', [name]);
    return (r.rows[0] as { present: boolean }).present;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (!server) return;
  await loadPostgres(server.url, 'decisions', COLUMNS, data);
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query('CREATE TABLE x (keep integer); INSERT INTO x VALUES (1)');
  await client.end();
}, 120_000);

afterAll(() => server?.stop());

describe('a malicious expression exits 2 before any engine sees it', () => {
  for (const [option, value, words] of MALICIOUS) {
    it(`in process: ${option} "${value}"`, () => {
      const r = runCli(['audit', data, ...roles(option, value), '--json']);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(words);
    });

    it(`--emit-sql prints no SQL: ${option} "${value}"`, () => {
      const r = runCli(['audit', data, ...roles(option, value), '--emit-sql', '--table', 'decisions']);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim()).toMatch(words);
    });

    it.skipIf(!server)(`--postgres: ${option} "${value}" — no connection, no statement, table x still there`, async () => {
      const before = activity();
      const r = await spawnCli(['audit', '--postgres', server.url, '--table', 'decisions', ...roles(option, value), '--json']);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(words);
      expect(activity()).toBe(before);
      expect(await tableExists('x')).toBe(true);
    });
  }

  it.skipIf(!server)('the log does record a run that is let through (so an unchanged log means something)', async () => {
    const before = activity();
    const r = await spawnCli(['audit', '--postgres', server.url, '--table', 'decisions', '--protected', 'race', '--flag', 'decile_score >= 5', '--json']);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.status);
    expect(activity()).toBeGreaterThan(before);
    expect(await tableExists('x')).toBe(true);
  });
});
