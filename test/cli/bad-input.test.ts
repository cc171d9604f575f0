import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'disparate-bad-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const good = 'nat,flag,label,score\nfr,1,1,0.9\nfr,0,0,0.1\nnl,1,0,0.8\nnl,0,1,0.2\n';
const audit = (path: string, ...extra: string[]) => ['audit', path, '--protected', 'nat', '--flag', 'flag', '--out', join(dir, 'out'), ...extra];

/** Every bad input exits 2 with exactly one line on stderr naming the file and the field, and no stack trace. */
function expectBadInput(r: ReturnType<typeof runCli>, ...patterns: RegExp[]) {
  expect(r.status).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  for (const p of patterns) expect(lines[0]).toMatch(p);
  expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  expect(r.stdout).toBe('');
}

describe('bad input exits 2 with a one-line message', () => {
  it('missing file', () => {
    expectBadInput(runCli(audit(join(dir, 'absent.csv'))), /absent\.csv: file not found/);
  });
  it('unknown column', () => {
    expectBadInput(runCli(['audit', file('a.csv', good), '--protected', 'nationality', '--flag', 'flag']), /a\.csv: protected column "nationality" not found \(columns: nat, flag, label, score\)/);
  });
  it('flag values other than 0/1', () => {
    expectBadInput(runCli(audit(file('b.csv', good.replace('fr,1,1', 'fr,yes,1')))), /b\.csv: column "flag" must be 0 or 1, found "yes" at row 1/);
  });
  it('an empty group', () => {
    expectBadInput(runCli(audit(file('c.csv', good.replace('nl,1,0', ',1,0')))), /c\.csv: protected column "nat" is empty at row 3/);
  });
  it('an empty group in JSONL', () => {
    const jsonl = '{"nat":"fr","flag":1}\n{"nat":null,"flag":0}\n';
    expectBadInput(runCli(audit(file('d.jsonl', jsonl))), /d\.jsonl: protected column "nat" is empty at row 2/);
  });
  it('NaN scores', () => {
    expectBadInput(runCli(audit(file('e.csv', good.replace('0.8', 'NaN')), '--score', 'score')), /e\.csv: column "score" has a non-numeric or NaN score "NaN" at row 3/);
  });
  it('a reference group that does not exist', () => {
    expectBadInput(runCli(audit(file('f.csv', good), '--reference', 'nat=de')), /--reference nat=de: reference group "de" of "nat" does not exist \(groups: fr, nl; or overall: everyone else\)/);
  });
  it('a malformed battery', () => {
    expectBadInput(runCli(['run', file('g.yaml', 'title: t\nprotected: nat\n')]), /g\.yaml: protected: /);
  });
  it('flags shared with the battery are refused in the battery schema\'s words, naming the flag', () => {
    expectBadInput(runCli(audit(file('m.csv', good), '--alpha', '0.7')), /^disparate: --alpha 0\.7: must be in \(0, 0\.5\)$/);
    expectBadInput(runCli(audit(file('n.csv', good), '--seed', '-1')), /^disparate: --seed -1: must be a non-negative integer$/);
    expectBadInput(runCli(audit(file('o.csv', good), '--bootstrap', '50')), /^disparate: --bootstrap 50: must be an integer ≥ 100$/);
    expectBadInput(runCli(audit(file('p.csv', good), '--bootstrap', '2000000')), /^disparate: --bootstrap 2000000: must be at most 1000000$/);
    expectBadInput(runCli(audit(file('q.csv', good), '--unit', '1x')), /^disparate: --unit 1x: a plural noun in letters, e.g\. households$/);
    expectBadInput(runCli(audit(file('r.csv', good), '--population-size', '0.5', '--label', 'label', '--label-source', 'nat=fr')), /^disparate: --population-size 0\.5: must be a positive integer$/);
    // The same rules in a battery read the same after the field's name.
    expectBadInput(runCli(['run', file('h.yaml', 'title: t\ndata: { file: d.csv, flag: f }\nprotected: [nat]\nalpha: 0.7\n')]), /h\.yaml: alpha: must be in \(0, 0\.5\)$/);
  });
  it('audit options: a bad --min-cell, a --reference to no protected column, a column named twice, an invalid choice', () => {
    expectBadInput(runCli(audit(file('i.csv', good), '--min-cell', 'abc')), /--min-cell NaN: must be a positive integer/);
    expectBadInput(runCli(audit(file('j.csv', good), '--reference', 'natx=fr')), /--reference natx=…: "natx" is not a protected column \(nat\)/);
    expectBadInput(runCli(['audit', file('k.csv', good), '--protected', 'nat,nat', '--flag', 'flag']), /--protected: "nat" is named twice/);
    expectBadInput(runCli(audit(file('l.csv', good), '--correction', 'foo')), /Invalid values: Argument: correction, Given: "foo", Choices: "holm"/);
  });
  it('an unknown command or missing option is a usage error', () => {
    expect(runCli(['frobnicate']).status).toBe(2);
    expectBadInput(runCli(['audit', file('h.csv', good), '--flag', 'flag']), /protected/);
  });
});

describe('inputs that test nothing do not pass', () => {
  it('a protected column with one group: exit 1 (inconclusive) and a warning naming the check and the group', () => {
    const out = join(dir, 'one-level');
    const r = runCli(['audit', file('m.csv', 'nat,flag\nfr,1\nfr,0\nfr,0\n'), '--protected', 'nat', '--flag', 'flag', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/verdict: INCONCLUSIVE \(0 pass, 0 fail, 0 inconclusive\)/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { warnings: { code: string; message: string }[] };
    expect(results.warnings.find((w) => w.code === 'check-compared-nothing')?.message).toMatch(/check four-fifths: no group to compare with its reference \(nat: fr\)/);
  });
});

describe('a reference group never flagged', () => {
  it('an unbounded ratio fails on its lower limit, and the sentence says "at least"', () => {
    const rows = ['nat,flag', ...Array.from({ length: 1000 }, () => 'fr,0'), ...Array.from({ length: 200 }, (_, i) => `nl,${i % 2}`)];
    const out = join(dir, 'zero-ref');
    const r = runCli(['audit', file('n.csv', `${rows.join('\n')}\n`), '--protected', 'nat', '--flag', 'flag', '--out', out]);
    expect(r.status).toBe(1);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { checks: { verdict: string; lower_bound?: number; value: number | null }[] };
    expect(results.checks[0]!.verdict).toBe('fail');
    expect(results.checks[0]!.value).toBeNull();
    expect(results.checks[0]!.lower_bound!).toBeGreaterThan(50);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/People with nat nl are flagged more often than the reference group fr: at least \d+\.\d+ times as often \(the ratio is unbounded: none of the reference group fr is flagged\)/);
  });
});
