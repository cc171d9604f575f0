import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PopulationSpec } from '../../harness/config/population-schema.js';
import { DisparateError } from '../../harness/errors/index.js';
import { checkPopulationSpec, loadPopulationSpec, parsePopulationSpec, resolvePopulation } from '../../datasets/synth/index.js';
import { toyInput } from './fixtures.js';
import { stringify } from 'yaml';
import { z } from 'zod';

const dir = mkdtempSync(join(tmpdir(), 'disparate-synth-'));

function messageOf(text: string, where = 'pop.yaml'): string {
  try {
    parsePopulationSpec(text, where);
  } catch (error) {
    expect(error).toBeInstanceOf(DisparateError);
    expect((error as DisparateError).code).toBe('config');
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

const base = (variables: string, outcome = ''): string => `name: t\nvariables:\n${variables}\n${outcome}`;

describe('loadPopulationSpec', () => {
  it('loads a valid YAML file', () => {
    const file = join(dir, 'toy.yaml');
    writeFileSync(file, stringify(toyInput));
    const spec = loadPopulationSpec(file);
    expect(Object.keys(spec.variables)).toContain('income_band');
    expect(spec.sources).toEqual([]);
  });

  it('names the file for missing files and malformed YAML', () => {
    expect(() => loadPopulationSpec(join(dir, 'nope.yaml'))).toThrow(/nope\.yaml: file not found/);
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: t\nvariables: { a: [1, 2\n');
    expect(() => loadPopulationSpec(file)).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: malformed YAML \\(line 3\\): `));
  });

  it('names the path of the first field the schema rejects', () => {
    expect(messageOf(base('  a: { type: categorical, levels: [x], probs: [2] }'))).toMatch(/^pop\.yaml: variables\.a\.probs\.0: /);
    expect(messageOf(base('  a: { type: bogus }'))).toMatch(/^pop\.yaml: variables\.a\.type: .*categorical/);
    expect(messageOf(base('  a: { type: numeric, dist: gamma, params: {} }'))).toMatch(/^pop\.yaml: variables\.a\.dist: /);
    expect(messageOf(base('  a: { type: numeric, dist: normal, params: { mean: 1, sd: { base: x } } }'))).toMatch(
      /^pop\.yaml: variables\.a\.params\.sd\.base: .*expected number/,
    );
    expect(messageOf(base('  a: { type: categorical, levels: [x], probs: [1], colour: red }'))).toBe('pop.yaml: variables.a.colour: unknown field');
    expect(messageOf('variables: {}')).toMatch(/^pop\.yaml: name: /);
    expect(messageOf('')).toMatch(/^pop\.yaml: \(top level\): /);
  });

  it('names the path of semantic problems', () => {
    expect(messageOf(base('  a: { type: categorical, levels: [x, y], probs: [0.5, 0.6] }'))).toBe(
      'pop.yaml: variables.a.probs: probabilities sum to 1.1, not 1',
    );
    expect(messageOf(base('  a: { type: categorical, levels: [x, x], probs: [0.5, 0.5] }'))).toMatch(/variables\.a\.levels\.1: duplicate level "x"/);
    expect(messageOf(base('  a: { type: categorical, levels: [x, y], probs: [1] }'))).toMatch(/variables\.a\.probs: expected 2 probabilities/);
    const parent = '  p: { type: categorical, levels: [u, v], probs: [0.5, 0.5] }\n';
    expect(messageOf(base(`${parent}  a: { type: categorical, parents: [p], levels: [x, y], table: { u: [0.5, 0.5] } }`))).toMatch(
      /variables\.a\.table: missing row "v"/,
    );
    expect(messageOf(base(`${parent}  a: { type: categorical, parents: [p], levels: [x, y], table: { u: [0.5, 0.5], v: [1, 0], w: [1, 0] } }`))).toMatch(
      /variables\.a\.table\.w: not a combination/,
    );
    expect(messageOf(base(`${parent}  a: { type: categorical, parents: [p], levels: [x, y], table: { u: [0.5, 0.5], v: [0.9, 0] } }`))).toMatch(
      /variables\.a\.table\.v: probabilities sum to 0\.9/,
    );
    expect(messageOf(base('  a: { type: categorical, parents: [q], levels: [x], table: { u: [1] } }'))).toMatch(/variables\.a\.parents\.0: unknown variable "q"/);
    expect(messageOf(base(`${parent}  n: { type: numeric, dist: normal, params: { mean: { terms: { p: { w: 1 } } }, sd: 1 } }`))).toMatch(
      /variables\.n\.params\.mean\.terms\.p\.w: "w" is not a level of "p"/,
    );
    expect(messageOf(base(`${parent}  n: { type: numeric, dist: normal, params: { mean: { terms: { p: 1 } }, sd: 1 } }`))).toMatch(
      /variables\.n\.params\.mean\.terms\.p: "p" is categorical/,
    );
    expect(messageOf(base('  n: { type: numeric, dist: normal, params: { mean: 0, sd: 0 } }'))).toMatch(/variables\.n\.params\.sd: must be > 0/);
    expect(messageOf(base('  b: { type: derived, from: q, bins: [{ level: x }] }'))).toMatch(/variables\.b\.from: unknown variable "q"/);
    expect(messageOf(base('  n: { type: numeric, dist: uniform, params: { min: 0, max: 1 } }\n  b: { type: derived, from: n, bins: [{ max: 0.5, level: x }, { max: 0.2, level: y }] }'))).toMatch(
      /variables\.b\.bins\.1\.max: the last bin/,
    );
    expect(messageOf(base('  n: { type: numeric, dist: uniform, params: { min: 0, max: 1 } }', 'outcome: { name: n, logit: { intercept: 0 } }'))).toMatch(
      /outcome\.name: "n" is already a variable/,
    );
    expect(messageOf(base('  n: { type: numeric, dist: uniform, params: { min: 0, max: 1 } }', 'outcome: { name: y, logit: { intercept: 0, terms: { z: 1 } } }'))).toMatch(
      /outcome\.logit\.terms\.z: unknown variable "z"/,
    );
  });

  it('reports cycles naming the variables', () => {
    const text = base(
      [
        '  a: { type: numeric, dist: normal, params: { mean: { terms: { c: 1 } }, sd: 1 } }',
        '  b: { type: derived, from: a, bins: [{ max: 0, level: lo }, { level: hi }] }',
        '  c: { type: numeric, dist: normal, params: { mean: { terms: { b: { hi: 1 } } }, sd: 1 } }',
      ].join('\n'),
    );
    expect(messageOf(text)).toBe('pop.yaml: variables.a: circular dependency: a → c → b → a');
  });

  it('checkPopulationSpec lists every problem; resolvePopulation throws the first with the spec name', () => {
    const spec = PopulationSpec.parse({
      name: 'two',
      variables: {
        a: { type: 'categorical', levels: ['x', 'y'], probs: [0.2, 0.2] },
        b: { type: 'categorical', levels: ['x'], probs: [0.5] },
      },
    });
    expect(checkPopulationSpec(spec).map((i) => i.path)).toEqual(['variables.a.probs', 'variables.b.probs']);
    expect(() => resolvePopulation(spec)).toThrow('population "two": variables.a.probs: probabilities sum to 0.4, not 1 (and 1 more problem)');
  });

  it('converts to JSON Schema', () => {
    const schema = z.toJSONSchema(PopulationSpec, { io: 'input' }) as { properties: Record<string, { description?: string }> };
    expect(schema.properties['variables']?.description).toMatch(/Variable name/);
  });
});
