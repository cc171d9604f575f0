import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

// End to end, sparingly (each case is one process): hostile inputs through the CLI exit 2 with one
// line naming the file and the field, never 3, never a stack trace; what passes silently today fails
// loudly; what must work (groups named after Object.prototype's properties) works.

let dir: string;
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const cli = (args: string[]) => runCli(args, { cwd: dir });

/** Exit 2, exactly one line on stderr equal to `disparate: <message>`, nothing on stdout, no stack. */
function expectBadInput(r: ReturnType<typeof runCli>, message: string): void {
  expect(r.stderr).toBe(`disparate: ${message}\n`);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
}

const spec = (variables: string) => `name: toy\nvariables:\n${variables}\n`;
const model = (inputs: unknown[], kind = 'logistic', intercept = 0) => JSON.stringify({ kind, name: 'm', intercept, inputs });
const battery = (specFile: string, modelFile: string, decision: string, extra = '') =>
  `title: t\nseed: 1\npopulation: { spec: ${specFile}, size: 2000 }\nmodel: ${modelFile}\ndecision: ${decision}\nprotected: [grp]\nreport: { formats: [svg] }\nchecks:\n  - { id: c, metric: selection_rate_ratio, attribute: all, bounds: [0.8, 1.25] }\n${extra}`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'disparate-hostile-cli-'));
  file('pop.yaml', spec('  grp: { type: categorical, levels: [a, b], probs: [0.6, 0.4] }\n  income: { type: numeric, dist: normal, params: { mean: 1000, sd: 100 } }'));
  file('model.json', model([{ name: 'income', type: 'numeric', coefficient: 0.01, center: 1000 }, { name: 'grp', type: 'categorical', levels: ['a', 'b'], coefficients: { b: 0.5 } }]));
  file('latin1.csv', Buffer.concat([Buffer.from('nat,flag\nn'), Buffer.from([0xe9]), Buffer.from(',1\nn'), Buffer.from([0xe8]), Buffer.from(',0\nn'), Buffer.from([0xe9]), Buffer.from(',0\n')]));
});

describe('disparate on hostile input', () => {
  it('a column name holding a terminal escape sequence or a bell is shown escaped, on one line', () => {
    file('escape.csv', 'g,"fl\u001b[2Jag\u0007x",flag_\n1,1,1\n');
    const r = cli(['audit', 'escape.csv', '--protected', 'nat', '--flag', 'flag_', '--json']);
    expect(r.stderr).toMatch(/^disparate: [^\n\r\u0000\u001b]*\\u001b\[2Jag\\u0007x[^\n\r\u0000\u001b]*\n$/);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('audit: latin-1 bytes are refused naming the row and byte offset', () => {
    expectBadInput(
      cli(['audit', 'latin1.csv', '--protected', 'nat', '--flag', 'flag', '--out', 'o1']),
      'latin1.csv: not valid UTF-8 at byte offset 10 (row 1, line 2): byte 0xE9; re-save it as UTF-8, or pass --encoding latin1 (battery: encoding: latin1) if it is ISO-8859-1',
    );
  });

  it('audit --encoding latin1: "né" and "nè" are two groups', () => {
    const r = cli(['audit', 'latin1.csv', '--protected', 'nat', '--flag', 'flag', '--out', 'o2', '--encoding', 'latin1']);
    expect(r.status).toBe(1);
    const results = JSON.parse(readFileSync(join(dir, 'o2', 'results.json'), 'utf8')) as { groups: { group: string; n: number }[] };
    expect(results.groups.map((g) => [g.group, g.n])).toEqual([['nè', 1], ['né', 2]]);
  });

  it('audit: a NUL in a group is refused, not a crash in the SVG writer', () => {
    file('nul.csv', 'nat,flag\na\u0000b,1\nc,0\nc,1\na\u0000b,0\n');
    expectBadInput(cli(['audit', 'nul.csv', '--protected', 'nat', '--flag', 'flag', '--out', 'o3']), 'nul.csv: protected column "nat": group "a\\u0000b" holds the control character U+0000 (position 2); remove it');
  });

  it('reproduce with no pack says what to do and exits 2', () => {
    expectBadInput(cli(['reproduce']), 'reproduce: name a pack (caf, nl-childcare, dk-model-abroad, rs-social-card, sweden-fk, rotterdam, duo-2014, duo-2019), or pass --list to see what each reproduces');
  });

  it('run: top_k 1e9 flags everyone: a recorded warning, and not a pass (exit 1)', () => {
    file('top-k.yaml', battery('pop.yaml', 'model.json', '{ rule: top_k, k: 1000000000 }'));
    const r = cli(['run', 'top-k.yaml', '--out', 'o4']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/verdict: INCONCLUSIVE/);
    const results = JSON.parse(readFileSync(join(dir, 'o4', 'results.json'), 'utf8')) as { warnings: { code: string; message: string }[] };
    expect(results.warnings).toContainEqual({ code: 'decision-flags-everyone', message: 'decision: top_k (k = 1,000,000,000) flags every one of the 2,000 rows, so it separates no group from another and its checks test nothing; the verdict is inconclusive' });
  });

  it('run --size 1e12 is refused (limits), not an allocation crash', () => {
    file('ok.yaml', battery('pop.yaml', 'model.json', '{ rule: top_fraction, fraction: 0.1 }'));
    expectBadInput(cli(['run', 'ok.yaml', '--size', '1e12', '--out', 'o5']), '--size 1000000000000: more rows than one run can hold (at most 2,147,483,647)');
  });

  it("run: op.repeat('x', 2e9) in a derived expression exits 2 naming the spec, the variable and the row", () => {
    file('repeat.yaml', spec("  grp: { type: categorical, levels: [a, b], probs: [0.6, 0.4] }\n  income: { type: numeric, dist: normal, params: { mean: 1000, sd: 100 } }\n  big: { type: derived, expr: \"d => op.repeat('x', 2e9)\", levels: [x] }"));
    file('repeat-battery.yaml', battery('repeat.yaml', 'model.json', '{ rule: top_fraction, fraction: 0.1 }'));
    expectBadInput(cli(['run', 'repeat-battery.yaml', '--out', 'o6', '--workers', '1']), `${join(dir, 'repeat.yaml')}: variables.big: cannot be computed at row 1: Invalid string length`);
  });

  it('run: a linear model whose scores overflow to Infinity is refused naming the row', () => {
    file('inf.json', model([{ name: 'income', type: 'numeric', coefficient: 1e308 }], 'linear'));
    file('inf.yaml', battery('pop.yaml', 'inf.json', '{ rule: top_fraction, fraction: 0.1 }'));
    expectBadInput(cli(['run', 'inf.yaml', '--out', 'o7', '--workers', '1']), `${join(dir, 'inf.json')}: score is Infinity at row 1; a model must give every row a finite score`);
  });

  it('run: groups named constructor, toString, valueOf, hasOwnProperty and __proto__ are ordinary groups (charts included)', () => {
    file('proto-pop.yaml', spec('  grp: { type: categorical, levels: [constructor, toString, valueOf, hasOwnProperty, __proto__], probs: [0.2, 0.2, 0.2, 0.2, 0.2] }\n  __proto__: { type: numeric, dist: normal, params: { mean: 1000, sd: 100 } }'));
    file('proto-model.json', model([{ name: '__proto__', type: 'numeric', coefficient: 0.001 }, { name: 'grp', type: 'categorical', levels: ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'], coefficients: JSON.parse('{"__proto__": 3}') as Record<string, number> }]));
    file('proto.yaml', battery('proto-pop.yaml', 'proto-model.json', '{ rule: top_fraction, fraction: 0.1 }'));
    const r = cli(['run', 'proto.yaml', '--out', 'o8', '--workers', '1']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const results = JSON.parse(readFileSync(join(dir, 'o8', 'results.json'), 'utf8')) as { groups: { group: string; n: number; flagged: number }[] };
    expect(results.groups.map((g) => g.group)).toEqual(['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']);
    expect(results.groups.reduce((s, g) => s + g.n, 0)).toBe(2000);
    // The coefficient on level __proto__ was applied: that group holds nearly all the flags.
    expect(results.groups[4]!.flagged).toBeGreaterThan(180);
  });

  it('run: a binary file given as a battery names what it is and quotes none of it', () => {
    file('image.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    expectBadInput(cli(['run', 'image.yaml', '--out', 'o9']), 'image.yaml: not a text file (a NUL byte at byte offset 8); expected a YAML or JSON file');
  });

  it('generate: text cells that start a formula are prefixed with a quote, numbers are not', () => {
    file('formula.yaml', spec('  grp: { type: categorical, levels: ["=1+1", "-x", "@y", "+z"], probs: [0.25, 0.25, 0.25, 0.25] }\n  x: { type: numeric, dist: normal, params: { mean: -5, sd: 0.1 }, round: 0 }'));
    const r = cli(['generate', 'formula.yaml', '--size', '40', '--seed', '1', '--out', 'formula.csv']);
    expect(r.status).toBe(0);
    const lines = readFileSync(join(dir, 'formula.csv'), 'utf8').trim().split('\n').slice(1);
    expect(new Set(lines.map((l) => l.split(',')[0]))).toEqual(new Set(["'=1+1", "'-x", "'@y", "'+z"]));
    expect(new Set(lines.map((l) => l.split(',')[1]))).toEqual(new Set(['-5']));
  });

  it('score: a level starting with = in the written CSV is prefixed', () => {
    file('applicants.csv', 'grp,income\n=cmd|calc,1000\nb,900\n');
    file('score-model.json', model([{ name: 'income', type: 'numeric', coefficient: 0.001 }]));
    const r = cli(['score', '--model', 'score-model.json', '--data', 'applicants.csv', '--out', 'scored.csv']);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'scored.csv'), 'utf8').split('\n')[1]).toMatch(/^'=cmd\|calc,1000,0\.7/);
  });
});
