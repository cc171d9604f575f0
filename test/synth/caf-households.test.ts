import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPopulationSpec, samplePopulation } from '../../datasets/synth/index.js';
import type { Table } from '../../datasets/table/index.js';
import type { LogisticModel } from '../../harness/config/index.js';
import { loadModel } from '../../models/adapters/index.js';
import { applyDecision, rowIndexTickets } from '../../models/decision/index.js';

/**
 * Calibration of datasets/populations/caf-households.yaml and models/zoo/caf-like/model.json against
 * Le Monde (Dec 2023): single-parent families are 16 % of households but 36 % of home controls, here
 * read as "36 % of the top 5 % of scores". Figures measured at seed 1, 200k rows are in the README.
 */
const spec = loadPopulationSpec('datasets/populations/caf-households.yaml');
const model = JSON.parse(readFileSync('models/zoo/caf-like/model.json', 'utf8')) as LogisticModel;
const N = 200_000;

function codes(t: Table, name: string): { levels: readonly string[]; codes: Int32Array } {
  const c = t.columns.get(name);
  if (c?.kind !== 'categorical') throw new Error(`${name} is not categorical`);
  return c;
}
function rateBy(t: Table, attr: string, flags: ArrayLike<number>): Record<string, number> {
  const { levels, codes: c } = codes(t, attr);
  const n = new Array<number>(levels.length).fill(0);
  const k = new Array<number>(levels.length).fill(0);
  for (let i = 0; i < t.n; i++) {
    n[c[i]!]!++;
    k[c[i]!]! += flags[i]!;
  }
  return Object.fromEntries(levels.map((l, j) => [l, k[j]! / n[j]!]));
}

describe('caf-households population and caf-like model', () => {
  const table = samplePopulation(spec, { seed: 1, n: N });
  const scores = loadModel('models/zoo/caf-like/model.json').bind(table)(0, N);
  const { flagged } = applyDecision(scores, { rule: 'top_fraction', fraction: 0.05 }, rowIndexTickets(1));

  it('has the sourced marginal: single parents ≈ 16 % of households', () => {
    const share = rateBy(table, 'nationality', codes(table, 'single_parent').codes); // share of single parents per nationality
    const overall = codes(table, 'single_parent').codes.reduce((s, c) => s + c, 0) / N;
    expect(overall).toBeGreaterThan(0.155);
    expect(overall).toBeLessThan(0.165);
    expect(share['non_eu']).toBeGreaterThan(share['french']!);
  });

  it('gives AAH while working only to disabled, employed people', () => {
    const aah = codes(table, 'aah_working').codes;
    const dis = codes(table, 'disability').codes;
    const unemp = codes(table, 'unemployed').codes;
    let impossible = 0;
    let possible = 0;
    for (let i = 0; i < N; i++) {
      if (aah[i] === 1 && (dis[i] === 0 || unemp[i] === 1)) impossible++;
      if (aah[i] === 1) possible++;
    }
    expect(impossible).toBe(0);
    expect(possible).toBeGreaterThan(0);
  });

  it('has a modest fraud base rate that does not depend on nationality by construction', () => {
    const fraud = table.columns.get('fraud');
    if (fraud?.kind !== 'numeric') throw new Error('fraud');
    const rate = fraud.values.reduce((s, x) => s + x, 0) / N;
    expect(rate).toBeGreaterThan(0.05);
    expect(rate).toBeLessThan(0.1);
    expect(Object.keys(spec.outcome?.logit.terms ?? {})).not.toContain('nationality');
  });

  it('keeps nationality out of the model and follows the published signs', () => {
    const names = model.inputs.map((i) => i.name);
    expect(names).not.toContain('nationality');
    const sign = (name: string): number => {
      const input = model.inputs.find((i) => i.name === name);
      if (!input) throw new Error(`model lacks ${name}`);
      return Math.sign(input.type === 'numeric' ? input.coefficient : (input.coefficients['yes'] ?? 0));
    };
    expect(sign('income')).toBe(-1); // low income raises the score
    for (const up of ['unemployed', 'rsa', 'deprived_neighbourhood', 'rent_share', 'aah_working', 'single_parent', 'child_over_12', 'separated_widowed', 'apprentice']) {
      expect(sign(up), up).toBe(1);
    }
    expect(sign('student')).toBe(-1);
    for (const input of model.inputs) expect(spec.variables[input.name], input.name).toBeDefined();
  });

  it('flags single parents at ≈ 36 % of the top 5 % (Le Monde), and non-EU households more, through proxies', () => {
    const sp = codes(table, 'single_parent').codes;
    let k = 0;
    let spFlagged = 0;
    for (let i = 0; i < N; i++) {
      if (flagged[i]) {
        k++;
        spFlagged += sp[i]!;
      }
    }
    const byNationality = rateBy(table, 'nationality', flagged);
    const fraud = table.columns.get('fraud');
    if (fraud?.kind !== 'numeric') throw new Error('fraud');
    let fraudFlagged = 0;
    for (let i = 0; i < N; i++) if (flagged[i]) fraudFlagged += fraud.values[i]!;
    const summary = {
      flagged: k,
      singleParentShareOfFlagged: spFlagged / k,
      fraudRate: fraud.values.reduce((a, x) => a + x, 0) / N,
      fraudRateAmongFlagged: fraudFlagged / k,
      meanScore: scores.reduce((a, x) => a + x, 0) / N,
      selectionRate: {
        nationality: byNationality,
        disability: rateBy(table, 'disability', flagged),
        income_band: rateBy(table, 'income_band', flagged),
        single_parent: rateBy(table, 'single_parent', flagged),
      },
    };
    if (process.env['DISPARATE_CALIBRATION'] === '1') console.log(JSON.stringify(summary, null, 2));
    expect(spFlagged / k).toBeGreaterThan(0.33);
    expect(spFlagged / k).toBeLessThan(0.39);
    expect(byNationality['non_eu']! / byNationality['french']!).toBeGreaterThan(1.5);
  });
});
