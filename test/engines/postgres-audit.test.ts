import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../../datasets/engines/index.js';
import { spawnCli } from '../cli/spawn-cli.js';
import { loadPostgres, type ColumnType } from './load-table.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';

/**
 * `disparate audit --postgres URL --table T` on a throwaway PostgreSQL 15: hand-computed figures, and
 * every way it can go wrong exits 2 with one line naming the URL (password as ***) and the problem.
 */
const pgStart = await startPostgres();
if (pgStart.skipped) console.warn(`\n⚠ PostgreSQL tests skipped: ${pgStart.skipped}\n`);
const server = pgStart.server as PostgresServer;

const dir = mkdtempSync(join(tmpdir(), 'postgres-audit-'));
// 60 rows: group a flagged 1 in 3 (10 of 30), group b flagged 1 in 2 (15 of 30).
const data = join(dir, 'decisions.csv');
writeFileSync(data, `nat,flagged,outcome\n${Array.from({ length: 30 }, (_, i) => `a,${i % 3 === 0 ? 1 : 0},${i % 5 === 0 ? 1 : 0}\nb,${i % 2},${i % 4 === 0 ? 1 : 0}`).join('\n')}\n`);
const COLUMNS: ColumnType[] = [
  { name: 'nat', type: 'text' },
  { name: 'flagged', type: 'integer' },
  { name: 'outcome', type: 'integer' },
];

const audit = (url: string, ...args: string[]) => spawnCli(['audit', '--postgres', url, ...args]);
const shown = () => `postgresql://disparate:***@127.0.0.1:${server.port}/postgres`;

beforeAll(async () => {
  if (!server) return;
  await loadPostgres(server.url, 'decisions', COLUMNS, data);
  await loadPostgres(server.url, 'bad_flags', COLUMNS, data);
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query('UPDATE bad_flags SET flagged = 2 WHERE ctid = (SELECT ctid FROM bad_flags LIMIT 1)');
  await client.query('CREATE TABLE nobody (nat text, flagged integer)');
  await client.query("CREATE SCHEMA stats; CREATE TABLE stats.flags (nat text, flagged integer); INSERT INTO stats.flags VALUES ('a', 1), ('a', 0), ('b', 0), ('b', 0), ('b', 1)");
  await client.end();
}, 120_000);

afterAll(() => server?.stop());

describe.skipIf(!server)('audit --postgres', () => {
  it('audits the table where it lives: the selection rates counted by hand', async () => {
    const out = join(dir, 'ok');
    const r = await audit(server.url, '--table', 'decisions', '--protected', 'nat', '--flag', 'flagged', '--label', 'outcome', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { manifest: { title: string; rows: number }; groups: { group: string; n: number; flagged: number; tp: number }[] };
    expect(results.manifest.title).toBe('Audit of table decisions');
    expect(results.manifest.rows).toBe(60);
    expect(results.groups.map((g) => [g.group, g.n, g.flagged])).toEqual([['a', 30, 10], ['b', 30, 15]]);
  });

  it('a table in another schema: --table names it, the URL\'s options set the search path', async () => {
    const url = `${server.url}?options=${encodeURIComponent('-c search_path=stats')}`;
    const r = await audit(url, '--table', 'flags', '--protected', 'nat', '--flag', 'flagged', '--json');
    expect(r.stderr).toBe('');
    const results = JSON.parse(r.stdout) as { groups: { group: string; n: number; flagged: number }[] };
    expect(results.groups.map((g) => [g.group, g.n, g.flagged])).toEqual([['a', 2, 1], ['b', 3, 1]]);
  });

  it('the password never appears: not in a message, not in the output', async () => {
    expect(redactUrl(server.url)).toBe(shown());
    const r = await audit(server.url, '--table', 'missing', '--protected', 'nat', '--flag', 'flagged');
    expect(r.stderr).not.toContain(server.password);
    expect(r.stderr).not.toContain(encodeURIComponent(server.password));
  });

  it.each([
    ['a port nothing listens on', (): string => server.url.replace(`:${server.port}/`, ':1/'), [], /cannot connect: connect ECONNREFUSED 127\.0\.0\.1:1$/],
    ['a wrong password', (): string => server.url.replace(encodeURIComponent(server.password), 'wrong'), [], /cannot connect: password authentication failed for user "disparate"/],
    ['a database that does not exist', (): string => server.url.replace(/\/postgres$/, '/benefits'), [], /cannot connect: database "benefits" does not exist/],
    ['a table that does not exist', (): string => server.url, ['--table', 'decisons'], /relation "decisons" does not exist/],
    ['a column that does not exist', (): string => server.url, ['--protected', 'nationality'], /table decisions: protected column "nationality" not found \(columns: nat, flagged, outcome\)$/],
    ['a flag condition on a column that does not exist', (): string => server.url, ['--flag', 'score >= 5'], /^disparate: --flag: unknown column "score"/],
    ['a flag that is not 0/1', (): string => server.url, ['--table', 'bad_flags'], /table bad_flags: flag column "flagged" must be 0 or 1, found "2"$/],
    ['an empty table', (): string => server.url, ['--table', 'nobody'], /table nobody: no rows to audit$/],
    ['not a PostgreSQL URL', (): string => 'mysql://u:secret@host/db', [], /^disparate: --postgres mysql:\/\/u:\*\*\*@host\/db: expected a URL postgresql:\/\//],
  ] as [string, () => string, string[], RegExp][])('%s exits 2 with one line naming it', async (_, url, extra, message) => {
    const args = ['--table', 'decisions', '--protected', 'nat', '--flag', 'flagged'];
    for (let i = 0; i < extra.length; i += 2) {
      const at = args.indexOf(extra[i]!);
      args[at + 1] = extra[i + 1]!;
    }
    const r = await audit(url(), ...args, '--json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).not.toContain(server.password);
    if (!/--flag:|mysql/.test(lines[0]!)) expect(lines[0]).toMatch(/postgresql:\/\/disparate:\*\*\*@127\.0\.0\.1:\d+\//);
  });

  it('usage: --postgres takes no file, and --cells cannot be combined with it', async () => {
    const a = await spawnCli(['audit', data, '--postgres', server.url, '--protected', 'nat', '--flag', 'flagged']);
    expect(a.status).toBe(2);
    expect(a.stderr.trim()).toMatch(/^disparate: --postgres reads the decisions from a table: give --table T instead of the file /);
    const b = await spawnCli(['audit', '--postgres', server.url, '--cells', '--protected', 'nat', '--flag', 'flagged']);
    expect(b.status).toBe(2);
    expect(b.stderr.trim()).toBe('disparate: --cells reads a cells file; --postgres runs the query and reads its cells itself: use one of them');
  });
});
