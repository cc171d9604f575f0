import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPopulationSpec, resolvePopulation, samplePopulation } from '../../datasets/synth/index.js';
import type { CategoricalColumn, NumericColumn } from '../../datasets/table/index.js';
import { runBattery, resolveBattery } from '../../harness/pipeline/index.js';
import { fixedContext } from '../helpers.js';
import { loadConfigFile, Battery } from '../../harness/config/index.js';
import { expectBadInput, expectBadInputAsync } from './expect-error.js';

// Population specs and batteries are read as strictly as data: UTF-8, NFC, the label policy on
// every level list (in O(n)), keys named __proto__ kept, and what fails while sampling named by the
// spec's file, the variable and the row (never blamed on the model, never an internal error).

let dir: string;
function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const spec = (variables: string) => `name: toy\nvariables:\n${variables}\n`;
const load = (path: string) => () => resolvePopulation(loadPopulationSpec(path), path);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'disparate-hostile-specs-'));
});

describe('level lists in a population spec follow the label policy', () => {
  it('a level written in NFC and in NFD', () => {
    const path = file('nfd.yaml', spec('  nat: { type: categorical, levels: ["\u00e9", "e\\u0301"], probs: [0.5, 0.5] }'));
    // The spec's text is normalised before parsing, so both spellings are one level typed twice.
    expectBadInput(load(path), 'config', `${path}: variables.nat.levels.1: levels "é" and "e\\u0301" are the same text in different Unicode forms (NFC and NFD); write them the same way`);
  });

  it('a level with a trailing zero-width space', () => {
    const path = file('zw.yaml', spec('  nat: { type: categorical, levels: ["fr", "fr\\u200B"], probs: [0.5, 0.5] }'));
    expectBadInput(load(path), 'config', `${path}: variables.nat.levels.1: levels "fr" and "fr\\u200B" differ only by invisible characters (zero-width or bidi controls); write them the same way`);
  });

  it('a level with a BEL', () => {
    const path = file('bel.yaml', spec('  nat: { type: categorical, levels: ["fr", "n\\al"], probs: [0.5, 0.5] }'));
    expectBadInput(load(path), 'config', `${path}: variables.nat.levels.1: level "n\\u0007l" holds the control character U+0007 (position 2); remove it`);
  });

  it('bins with one level twice', () => {
    const path = file('bins.yaml', spec('  x: { type: numeric, dist: normal, params: { mean: 0, sd: 1 } }\n  band: { type: derived, from: x, bins: [{ level: lo, max: 0 }, { level: lo }] }'));
    expectBadInput(load(path), 'config', `${path}: variables.band.bins.1.level: duplicate level "lo"`);
  });

  it('derived text levels with spaces around one', () => {
    const path = file('derived.yaml', spec('  x: { type: numeric, dist: normal, params: { mean: 0, sd: 1 } }\n  s: { type: derived, expr: "d => d.x > 0 ? \'a\' : \'b\'", levels: [a, " a"] }'));
    expectBadInput(load(path), 'config', `${path}: variables.s.levels.1: levels "a" and " a" differ only by spaces; write them the same way`);
  });

  it('a joint table column with a level twice', () => {
    const path = file('joint.yaml', spec('  cell: { type: joint, columns: { a: [x, y], b: [u, u] }, counts: { x: [1, 2], y: [3, 4] } }'));
    expectBadInput(load(path), 'config', `${path}: variables.cell.columns.b.1: duplicate level "u"`);
  });

  it('50,001 levels with a repeat: found in a Map pass, not a quadratic scan', () => {
    const n = 50_000;
    const levels = [...Array.from({ length: n }, (_, i) => `l${i}`), 'l7'];
    const path = file('dup-many.yaml', JSON.stringify({ name: 'big', variables: { g: { type: 'categorical', levels, probs: levels.map(() => 1 / (n + 1)) } } }));
    const t0 = performance.now();
    expectBadInput(load(path), 'config', `${path}: variables.g.levels.50000: duplicate level "l7"`);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('a million levels: refused by the level limit at once', () => {
    const n = 1_000_000;
    const path = file('million.yaml', JSON.stringify({ name: 'big', variables: { g: { type: 'categorical', levels: Array.from({ length: n }, (_, i) => `l${i}`), probs: new Array(n).fill(1 / n) } } }));
    expectBadInput(load(path), 'config', `${path}: variables.g.levels: lists 1,000,000 distinct values (limit 100,000 levels)`);
  });

  it('YAML past 4 MB is refused (YAML reads slowly); JSON of any size is read as JSON', () => {
    const path = file('huge.yaml', `name: big\n# ${'x'.repeat(4 * 1024 * 1024)}\nvariables: {}\n`);
    expectBadInput(load(path), 'config', `${path}: 4,194,331 characters of YAML, past the limit of 4,194,304 (YAML is slow to read); write a file this large as JSON, which YAML readers accept too`);
  });
});

describe('keys named __proto__ or after Object.prototype survive', () => {
  it('a variable named __proto__ is a column, and a term for a level named __proto__ applies', () => {
    const path = file('proto.yaml', spec('  grp: { type: categorical, levels: [constructor, __proto__, toString], probs: [0.4, 0.3, 0.3] }\n  __proto__: { type: numeric, dist: normal, params: { mean: { base: 0, terms: { grp: { __proto__: 100 } } }, sd: 1 } }'));
    const resolved = resolvePopulation(loadPopulationSpec(path), path);
    expect(resolved.columns).toEqual(['grp', '__proto__']);
    const t = samplePopulation(resolved, { seed: 1, n: 2000 });
    const grp = t.columns.get('grp') as CategoricalColumn;
    const x = t.columns.get('__proto__') as NumericColumn;
    const mean = (k: number) => {
      let s = 0;
      let c = 0;
      for (let i = 0; i < t.n; i++) if (grp.codes[i] === k) (s += x.values[i]!), c++;
      return s / c;
    };
    expect(mean(1)).toBeGreaterThan(95);
    expect(Math.abs(mean(0))).toBeLessThan(1);
  });
});

describe('what fails while sampling names the spec, the variable and the row', () => {
  it('an sd that its terms make negative blames the spec, not the model', () => {
    const path = file('neg-sd.yaml', spec('  nat: { type: categorical, levels: [fr, nl], probs: [0.5, 0.5] }\n  income: { type: numeric, dist: normal, params: { mean: 1000, sd: { base: 100, terms: { nat: { nl: -150 } } } } }'));
    const resolved = resolvePopulation(loadPopulationSpec(path), path);
    expectBadInput(() => samplePopulation(resolved, { seed: 1, n: 100 }), 'config', /^.*neg-sd\.yaml: variables\.income\.params\.sd: its terms make it ≤ 0 at row \d+; a scale must be > 0 for every combination of parents$/);
  });

  it("op.repeat('x', 2e9) in a derived expression is a config error, not an internal one", () => {
    const path = file('repeat.yaml', spec("  x: { type: numeric, dist: normal, params: { mean: 0, sd: 1 } }\n  big: { type: derived, expr: \"d => op.repeat('x', 2e9)\", levels: [x] }"));
    const resolved = resolvePopulation(loadPopulationSpec(path), path);
    expectBadInput(() => samplePopulation(resolved, { seed: 1, n: 10, start: 20, size: 100 }), 'config', `${path}: variables.big: cannot be computed at row 21: Invalid string length`);
  });

  it('an expression returning a text that is not one of its levels names the row', () => {
    const path = file('levels.yaml', spec("  x: { type: numeric, dist: normal, params: { mean: 0, sd: 1 } }\n  s: { type: derived, expr: \"d => 'z'\", levels: [a, b] }"));
    const resolved = resolvePopulation(loadPopulationSpec(path), path);
    expectBadInput(() => samplePopulation(resolved, { seed: 1, n: 5, start: 3, size: 10 }), 'config', `${path}: variables.s.expr: returned "z", not one of its levels (a, b) (row 4)`);
  });
});

describe('spec and battery files are read strictly', () => {
  it('a spec that is not valid UTF-8', () => {
    const path = file('latin1.yaml', Buffer.concat([Buffer.from('name: toy\nvariables:\n  nat: { type: categorical, levels: [n'), Buffer.from([0xe9]), Buffer.from('], probs: [1] }\n')]));
    expectBadInput(() => loadPopulationSpec(path), 'config', `${path}: not valid UTF-8 at byte offset 59 (line 3): byte 0xE9; re-save it as UTF-8`);
  });

  it('a spec with a byte-order mark is read', () => {
    const path = file('bom.yaml', `\uFEFF${spec('  nat: { type: categorical, levels: [a, b], probs: [0.5, 0.5] }')}`);
    expect(loadPopulationSpec(path).name).toBe('toy');
  });

  it('a binary file given as a battery: named as such, none of it quoted', () => {
    const path = file('battery.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    expectBadInput(() => resolveBattery(path), 'config', `${path}: not a text file (a NUL byte at byte offset 8); expected a YAML or JSON file`);
  });

  it('a binary that happens to be valid UTF-8: a NUL byte gives it away', () => {
    const path = file('battery-nul.yaml', Buffer.from('title: t\u0000secret-token-value\n'));
    expectBadInput(() => loadConfigFile(path, Battery), 'config', `${path}: not a text file (a NUL byte at byte offset 8); expected a YAML or JSON file`);
  });

  it('a population size of 1e12 is refused naming the field (limits), not a crash', () => {
    file('ok.yaml', spec('  nat: { type: categorical, levels: [a, b], probs: [0.5, 0.5] }'));
    file('m.json', JSON.stringify({ kind: 'logistic', name: 'm', intercept: 0, inputs: [{ name: 'nat', type: 'categorical', levels: ['a', 'b'], coefficients: {} }] }));
    const path = file('big.yaml', 'title: t\npopulation: { spec: ok.yaml, size: 1000000000000 }\nmodel: m.json\ndecision: { rule: top_fraction, fraction: 0.1 }\nprotected: [nat]\n');
    expectBadInput(() => resolveBattery(path), 'config', `${path}: population.size: 1000000000000 rows is more than one run can hold (at most 2,147,483,647)`);
  });

  it('a battery with encoding: latin1 in its data block validates; another encoding does not', () => {
    const path = file('enc.yaml', 'title: t\ndata: { file: d.csv, flag: flag, encoding: cp1252 }\nprotected: [nat]\n');
    expectBadInput(() => resolveBattery(path), 'config', /enc\.yaml: data\.encoding: Invalid option: expected one of "utf8"\|"latin1"$/);
  });

  it('a battery reads a latin-1 population file only when its block says encoding: latin1', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => Buffer.concat([Buffer.from('n'), Buffer.from([i % 2 ? 0xe8 : 0xe9]), Buffer.from(`,${i % 7}\n`)]));
    file('latin1-pop.csv', Buffer.concat([Buffer.from('nat,x\n'), ...rows]));
    file('x.json', JSON.stringify({ kind: 'linear', name: 'm', intercept: 0, inputs: [{ name: 'x', type: 'numeric', coefficient: 1 }] }));
    const base = 'title: t\nmodel: x.json\ndecision: { rule: top_fraction, fraction: 0.2 }\nprotected: [nat]\nproxies: false\n';
    const strict = file('latin1-strict.yaml', `${base}population: { file: latin1-pop.csv }\n`);
    await expectBadInputAsync(() => runBattery(resolveBattery(strict), { workers: 1, context: fixedContext }), 'data', /latin1-pop\.csv: not valid UTF-8 at byte offset 7 \(row 1, line 2\): byte 0xE9; /);
    const declared = file('latin1-declared.yaml', `${base}population: { file: latin1-pop.csv, encoding: latin1 }\n`);
    const results = await runBattery(resolveBattery(declared), { workers: 1, context: fixedContext });
    expect(results.groups.map((g) => [g.group, g.n])).toEqual([['nè', 30], ['né', 30]]);
  });
});
