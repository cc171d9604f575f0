import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPostgres, type ColumnType } from '../engines/load-table.js';
import { startPostgres, type PostgresServer } from '../engines/postgres-server.js';
import { runCli } from './run-cli.js';

/**
 * README "Published tables, and the agency's own database": every command of the section, as written,
 * run from a fresh folder (`npx disparate` standing for the built CLI, datasets/examples/ for the
 * repository's copy, $DATABASE_URL and the --postgres URL for a throwaway PostgreSQL holding the COMPAS-
 * shaped file as table "compas"); the figures the section quotes are checked against results.json.
 */
const root = process.cwd();
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### Published tables'), readme.indexOf('### The battery format'));
const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/\\\n\s*/g, '').trim().split('\n'));

/** A command line split as a POSIX shell would split these (double quotes, `> file`, VAR=value prefixes). */
function words(line: string): { env: Record<string, string>; argv: string[]; stdout: string | null } {
  const tokens = [...line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  const env: Record<string, string> = {};
  while (tokens[0] && /^[A-Z_]+=/.test(tokens[0])) {
    const [k, v] = tokens.shift()!.split(/=(.*)/s) as [string, string];
    env[k] = v;
  }
  const gt = tokens.indexOf('>');
  const stdout = gt >= 0 ? tokens[gt + 1]! : null;
  return { env, argv: gt >= 0 ? tokens.slice(0, gt) : tokens, stdout };
}

const COMPAS: ColumnType[] = [
  { name: 'id', type: 'integer' },
  { name: 'sex', type: 'text' },
  { name: 'age', type: 'integer' },
  { name: 'age_cat', type: 'text' },
  { name: 'race', type: 'text' },
  { name: 'priors_count', type: 'integer' },
  { name: 'decile_score', type: 'integer' },
  { name: 'score_text', type: 'text' },
  { name: 'two_year_recid', type: 'integer' },
];

const pgStart = await startPostgres();
if (pgStart.skipped) console.warn(`\n⚠ PostgreSQL examples of the README skipped: ${pgStart.skipped}\n`);
const server = pgStart.server as PostgresServer;

interface Outcome { line: string; status: number | null; stdout: string; stderr: string; out: string }
interface Results {
  manifest: Record<string, unknown> & { references: Record<string, { group: string }> };
  groups: { attribute: string; group: string; n: number; flagged: number; tp: number | null; fp: number | null; tn: number | null; fn: number | null; metrics: Record<string, { value: number | null }> }[];
}

const cwd = mkdtempSync(join(tmpdir(), 'readme-examples-'));
const outcomes: Outcome[] = [];

/** Runs one line of the README in `cwd`; `npx disparate` gets --out so each run keeps its own folder. */
function runLine(line: string, index: number): Outcome {
  const { env, argv, stdout } = words(line.replaceAll('datasets/examples/', `${resolve(root, 'datasets/examples')}/`));
  const out = join(cwd, `out-${index}`);
  let r: { status: number | null; stdout: string; stderr: string };
  if (argv[0] === 'npx' && argv[1] === 'disparate') {
    let args = argv.slice(2);
    const at = args.indexOf('--postgres');
    if (at >= 0) {
      // The README's URL names no password (it comes from PGPASSWORD): the throwaway server's, without its password.
      args = args.map((a, i) => (i === at + 1 ? server.url.replace(/:[^:@/]*@/, '@') : a));
      env['PGPASSWORD'] = server.password;
    }
    const emits = args.includes('--emit-sql');
    r = runCli(emits ? args : [...args, '--out', out], { cwd, env });
  } else if (argv[0] === 'psql') {
    const spawned = spawnSync('psql', argv.slice(1).map((a) => a.replace('$DATABASE_URL', server.url)), { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
    r = { status: spawned.status, stdout: spawned.stdout, stderr: spawned.stderr };
  } else throw new Error(`README line not understood by the test: ${line}`);
  if (stdout) writeFileSync(join(cwd, stdout), r.stdout);
  return { line, ...r, out };
}

const read = (o: Outcome) => JSON.parse(readFileSync(join(o.out, 'results.json'), 'utf8')) as Results;
const find = (needle: string) => {
  const o = outcomes.find((x) => x.line.includes(needle));
  if (!o) throw new Error(`no README command with ${needle}`);
  return o;
};
const group = (r: Results, attribute: string, name: string) => r.groups.find((g) => g.attribute === attribute && g.group === name)!;

beforeAll(async () => {
  if (server) await loadPostgres(server.url, 'compas', COMPAS, resolve(root, 'datasets/examples/compas-shaped.csv'));
  blocks.flat().forEach((line, i) => {
    if (!server && (line.startsWith('psql') || line.includes('--postgres') || line.includes('--cells'))) return;
    outcomes.push(runLine(line, i));
  });
}, 600_000);

afterAll(() => server?.stop());

describe('README: published tables and the agency\'s own database', () => {
  it('the section has the six worked examples and the emit/cells pipeline', () => {
    expect(blocks).toHaveLength(6);
    for (const o of outcomes) expect(o.stderr, o.line).toBe('');
  });

  it('--count with a 0/1 label per confusion cell: the rates computed by hand', () => {
    const o = find('confusion-cells.csv');
    expect(o.status).toBe(1);
    const r = read(o);
    const nd = group(r, 'group', 'non_dutch');
    const d = group(r, 'group', 'dutch');
    expect([nd.n, nd.flagged, nd.tp, nd.fp, nd.fn, nd.tn]).toEqual([400, 120, 24, 96, 6, 274]);
    expect([d.n, d.flagged, d.tp, d.fp, d.fn, d.tn]).toEqual([1000, 100, 30, 70, 20, 880]);
    expect(nd.metrics['false_positive_rate']!.value).toBeCloseTo(96 / 370, 12);
    expect(d.metrics['false_positive_rate']!.value).toBeCloseTo(70 / 950, 12);
    expect(nd.metrics['selection_rate_ratio']!.value).toBeCloseTo(3, 12);
    expect(section).toContain('96 of 370 = 25.9 %');
  });

  it('--count with --positives: the same cases in the other layout, the same figures', () => {
    const a = read(find('confusion-cells.csv'));
    const o = find('positives.csv');
    expect(o.status).toBe(1);
    const b = read(o);
    const cells = (r: Results) => r.groups.map((g) => [g.attribute, g.group, g.n, g.flagged, g.tp, g.fp, g.tn, g.fn]);
    expect(cells(b)).toEqual(cells(a));
  });

  it('--long: each attribute on its own, rates as quoted', () => {
    const o = find('marginals-long.csv');
    expect(o.status).toBe(1);
    const r = read(o);
    const rate = (a: string, g: string) => group(r, a, g).metrics['selection_rate']!.value;
    expect(rate('sex', 'female')).toBeCloseTo(40 / 600, 12);
    expect(rate('sex', 'male')).toBeCloseTo(80 / 800, 12);
    expect(rate('age', 'under_27')).toBeCloseTo(50 / 300, 12);
    expect(rate('age', '27_plus')).toBeCloseTo(70 / 1100, 12);
    expect(r.groups.some((g) => g.attribute.includes('×'))).toBe(false);
  });

  it('a condition as the flag and the intersection\'s reference set with "*"', () => {
    const o = find('--reference "race*sex=Caucasian*Female"');
    expect(o.status).toBe(1);
    expect(read(o).manifest.references['race×sex']!.group).toBe('Caucasian×Female');
  });

  it.skipIf(!server)('--emit-sql, psql --csv, --cells: the row-level results', () => {
    const sql = readFileSync(join(cwd, 'cells.sql'), 'utf8');
    expect(sql).toContain('FROM "compas"');
    const psql = find('psql');
    expect(psql.status, psql.stderr).toBe(0);
    const cells = find('audit cells.csv --cells');
    expect(cells.status).toBe(1);
    const rows = runCli(['audit', resolve(root, 'datasets/examples/compas-shaped.csv'), '--protected', 'race,sex', '--flag', "score_text IN ('Medium', 'High')", '--label', 'two_year_recid', '--score', 'decile_score', '--out', join(cwd, 'rows')], { cwd });
    expect(rows.status).toBe(1);
    const strip = (file: string) => {
      const r = JSON.parse(readFileSync(file, 'utf8')) as Results;
      for (const k of ['title', 'data', 'command', 'started', 'finished', 'decision']) delete r.manifest[k];
      return JSON.stringify(r);
    };
    const expected = strip(join(cwd, 'rows', 'results.json'));
    expect(strip(join(cells.out, 'results.json'))).toBe(expected);
    expect(strip(join(find('--postgres').out, 'results.json'))).toBe(expected);
  });

  it.skipIf(!server)('--postgres with PGPASSWORD: the manifest names the URL and table, no password', () => {
    const o = find('--postgres');
    expect(o.status).toBe(1);
    const text = readFileSync(join(o.out, 'results.json'), 'utf8');
    expect((JSON.parse(text) as Results).manifest['data']).toMatchObject({ file: `postgresql://disparate@127.0.0.1:${server.port}/postgres table compas` });
    expect(text).not.toContain(server.password);
  });
});
