import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/**
 * `disparate audit CELLS --cells` on cells SQLite's shell wrote in its CSV mode (the emitted query run
 * on a table loaded from a small file): groups keep their spelling ("01" is not the number 1), and a
 * cells file that breaks the contract exits 2 with one line naming the file, the column and the cell.
 */
const dir = mkdtempSync(join(tmpdir(), 'cells-input-'));
const data = join(dir, 'd.csv');
writeFileSync(data, 'region,flagged,label,score\n01,1,1,0.9\n01,0,0,0.2\n01,0,,0.35\n02,1,0,0.7\n02,0,1,0.1\n02,0,0,0.15\n');
const cells = join(dir, 'cells.csv');
let lines: string[] = [];

/** The cells file with line `index` (0 = header) edited by `edit`, written beside it. */
function edited(name: string, index: number, edit: (line: string) => string): string {
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, `${lines.map((l, i) => (i === index ? edit(l) : l)).join('\n')}\n`);
  return file;
}

beforeAll(() => {
  const emitted = runCli(['audit', data, '--protected', 'region', '--flag', 'flagged', '--label', 'label', '--score', 'score', '--emit-sql', '--table', 'd']);
  expect(emitted.status, emitted.stderr).toBe(0);
  const db = join(dir, 'd.sqlite');
  const sqlite = (args: string[], input: string) => spawnSync('/usr/bin/sqlite3', [...args, db], { input, encoding: 'utf8' });
  sqlite([], `CREATE TABLE d (region TEXT, flagged INTEGER, label INTEGER, score REAL);\n.import --csv --skip 1 ${data} d\nUPDATE d SET label = NULL WHERE label = '';\n`);
  const out = sqlite(['-csv', '-header'], emitted.stdout);
  expect(out.stderr).toBe('');
  writeFileSync(cells, out.stdout);
  lines = out.stdout.trim().split('\n');
});

describe('audit --cells', () => {
  it('reads the cells as written: "01" stays a group, counts and flags as the rows give them', () => {
    expect(lines[0]).toBe('region,flagged,label,score_bin,invalid,row_count,score_sum,score_sumsq,score_lo,score_hi,score_bins');
    const r = runCli(['audit', cells, '--cells', '--flag', 'flagged', '--json']);
    expect(r.stderr).toBe('');
    const results = JSON.parse(r.stdout) as { groups: { attribute: string; group: string; n: number; flagged: number; tp: number; fp: number }[] };
    expect(results.groups.map((g) => [g.attribute, g.group, g.n, g.flagged, g.tp, g.fp])).toEqual([
      ['region', '01', 3, 1, 1, 0],
      ['region', '02', 3, 1, 0, 1],
    ]);
  });

  const cases: [string, () => string, string[], string][] = [
    ['no flagged column', () => edited('no-flagged', 0, (l) => l.replace('flagged', 'flag')), [], 'no-flagged.csv: column "flagged" not found: not the output of the aggregation query (columns: region, flag, label, score_bin, invalid, row_count, score_sum, score_sumsq, score_lo, score_hi, score_bins)'],
    ['a flag that is not 0/1', () => edited('flag-2', 1, (l) => l.replace(/^01,0,/, '01,2,')), [], 'flag-2.csv: column "flagged" must be 0 or 1, found "2" in cell 1'],
    ['a bin outside the binning', () => edited('bin', 2, (l) => l.replace(/^(01,0,0,)200,/, '$11200,')), [], 'bin.csv: column "score_bin" must be an integer from 0 to 999, found "1200" in cell 2'],
    ['a negative count', () => edited('negative', 1, (l) => l.replace(/,,1,/, ',,-1,')), [], 'negative.csv: column "row_count" must hold a non-negative integer below 2^53, found "-1" in cell 1'],
    ['a cell of source rows that fit no rule', () => edited('invalid', 1, (l) => l.replace(/,,1,/, ',"flag ""x""",1,')), [], 'invalid.csv: cell 1: source rows fit no rule (flag "x"); find them with the query\'s checks and correct the data'],
    ['a protected column that is not there', () => cells, ['--protected', 'nat'], 'cells.csv: protected column "nat" not found (columns: region, flagged, label, score_bin, invalid, row_count, score_sum, score_sumsq, score_lo, score_hi, score_bins)'],
    ['a file that is not there', () => join(dir, 'missing.csv'), [], 'missing.csv: file not found'],
  ];
  it.each(cases)('%s exits 2 with one line naming it', (_, file, extra, message) => {
    const r = runCli(['audit', file(), '--cells', '--flag', 'flagged', ...extra, '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`disparate: ${join(dir, message.split(':')[0]!)}${message.slice(message.indexOf(':'))}\n`);
  });
});
