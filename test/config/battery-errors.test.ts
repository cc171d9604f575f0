import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBattery } from '../../harness/pipeline/index.js';
import { DisparateError } from '../../harness/errors/index.js';

const dir = mkdtempSync(join(tmpdir(), 'disparate-battery-'));
let count = 0;
function battery(text: string): string {
  const file = join(dir, `b${count++}.yaml`);
  writeFileSync(file, text);
  return file;
}

const base = `title: t
population: { spec: pop.yaml, size: 1000 }
model: model.json
decision: { rule: top_fraction, fraction: 0.05 }
protected: [nationality, disability]
`;

function error(text: string): DisparateError {
  try {
    resolveBattery(battery(text));
  } catch (e) {
    expect(e).toBeInstanceOf(DisparateError);
    return e as DisparateError;
  }
  throw new Error('expected an error');
}

describe('battery errors name the file and the field', () => {
  it.each([
    ['malformed YAML', 'title: [unclosed\n', /b\d+\.yaml: malformed YAML/],
    ['unknown field', `${base}colour: red\n`, /b\d+\.yaml: .*colour/],
    ['wrong type', `${base}alpha: high\n`, /b\d+\.yaml: alpha: /],
    ['bounds not two numbers', `${base}checks: [{ id: a, metric: selection_rate_ratio, bounds: [0.8] }]\n`, /b\d+\.yaml: checks\.0\.bounds/],
    ['unknown metric', `${base}checks: [{ id: a, metric: disparate_impact }]\n`, /b\d+\.yaml: checks\.0\.metric/],
    ['label metric without labels', `${base}checks: [{ id: a, metric: false_positive_rate_ratio }]\n`, /checks\.0\.metric: false_positive_rate_ratio needs ground-truth labels/],
    ['unknown attribute', `${base}checks: [{ id: a, metric: selection_rate_ratio, attribute: religion }]\n`, /checks\.0\.attribute: "religion"/],
    ['rate check without bounds', `${base}checks: [{ id: a, metric: selection_rate }]\n`, /checks\.0\.bounds: a check on the rate/],
    ['reversed bounds', `${base}checks: [{ id: a, metric: selection_rate_ratio, bounds: [1.25, 0.8] }]\n`, /checks\.0\.bounds: low bound above high/],
    ['ratio bounds on a difference', `${base}checks: [{ id: a, metric: selection_rate_difference, bounds: [0.8, 1.25] }]\n`, /checks\.0\.bounds: selection_rate_difference is a proportion difference in \[-1, 1\]; got \[0\.8, 1\.25\]/],
    ['a non-positive ratio bound', `${base}checks: [{ id: a, metric: selection_rate_ratio, bounds: [-1, 1.25] }]\n`, /checks\.0\.bounds: a ratio's tolerance must be positive/],
    ['reference for an unknown attribute', `${base}reference: { religion: none }\n`, /reference\.religion: not a protected attribute/],
    ['population and data together', `${base}data: { file: d.csv, flag: f }\n`, /population: give exactly one/],
    ['neither population nor data', 'title: t\nmodel: model.json\nprotected: [nationality]\n', /b\d+\.yaml: population: give exactly one of population \(synthetic run\) or data/],
    ['a population without a decision rule', base.replace('decision: { rule: top_fraction, fraction: 0.05 }\n', ''), /b\d+\.yaml: decision: required with population$/],
    ['a population without a model', base.replace('model: model.json\n', ''), /b\d+\.yaml: model: required with population \(or models: \{ deployed, candidate \} for disparate compare\)$/],
    ['a population without model or decision: the model is named first', base.replace('model: model.json\n', '').replace('decision: { rule: top_fraction, fraction: 0.05 }\n', ''), /b\d+\.yaml: model: required with population/],
    ['a population with both spec and file', base.replace('{ spec: pop.yaml, size: 1000 }', '{ spec: pop.yaml, file: p.csv, size: 1000 }'), /b\d+\.yaml: population: give exactly one of spec \(synthetic\) or file/],
    ['selective-label fields without a label source', 'title: t\ndata: { file: d.csv, flag: f, population_size: 100 }\nprotected: [nationality]\n', /b\d+\.yaml: data\.population_size: only used with data\.label_source$/],
    ['missing file', null, /nope\.yaml: file not found/],
  ])('%s', (_, text, pattern) => {
    const e = text === null ? (() => { try { resolveBattery(join(dir, 'nope.yaml')); } catch (err) { return err as DisparateError; } throw new Error('no error'); })() : error(text);
    expect(e.code).toBe('config');
    expect(e.message).toMatch(pattern);
    expect(e.message).not.toMatch(/\n/);
  });

  it('resolves a population battery and a data battery to their own kinds', () => {
    const population = resolveBattery(battery(base));
    expect(population.dataFile).toBeNull();
    expect(population.battery.data).toBeUndefined();
    if (population.dataFile === null) expect(population.battery.decision).toEqual({ rule: 'top_fraction', fraction: 0.05 });
    const data = resolveBattery(battery('title: t\ndata: { file: d.csv, flag: f }\nprotected: [nationality]\n'));
    expect(data.dataFile).toMatch(/d\.csv$/);
    expect(data.battery.population).toBeUndefined();
    expect(data.populationSpec).toBeNull();
    expect(data.models).toBeNull();
  });

  it('accepts a valid battery and fills documented defaults', () => {
    const r = resolveBattery(battery(`${base}checks: [{ id: a, metric: selection_rate_ratio }]\n`));
    expect(r.battery.alpha).toBe(0.05);
    expect(r.battery.correction).toBe('bonferroni');
    expect(r.battery.min_cell).toBe(30);
    expect(r.battery.checks[0]!.attribute).toBe('all');
    expect(r.populationSpec).toBe(join(dir, 'pop.yaml'));
  });
});

describe('score metrics need scores', () => {
  it('refuses a check on a score metric when the data block has no score column', () => {
    const file = battery(`title: t
data: { file: d.csv, flag: flagged }
protected: [nationality]
checks: [{ id: a, metric: mean_score_ratio }]
`);
    expect(() => resolveBattery(file)).toThrow(/checks\.0\.metric: mean_score_ratio needs scores/);
  });
});
