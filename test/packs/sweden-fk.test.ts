import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKS, packDir } from '../../datasets/packs/index.js';
import { writeMarkdown } from '../../reports/writers/index.js';
import { runBattery, reproducePack, resolveBattery } from '../../harness/pipeline/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { Results, type ReproducedFigure } from '../../harness/results/index.js';
import { fixedContext } from '../helpers.js';

/**
 * Försäkringskassan's VAB model, 2017 investigations (Lighthouse Reports & Svenska Dagbladet, Nov 2024,
 * github.com/Lighthouse-Reports/suspicion_machines_sweden), through the battery's `data:` block with
 * label provenance. Hand computations from the counts, beside the published value:
 *
 *   group         random  model   share rnd  share mdl  ratio  step1  err-share(mdl)  base   precision
 *   man            460    1,651    .43935     .32487    0.739  pass      .34305        .300    .52029
 *   woman          587    3,431    .56065     .67513    1.204  pass      .65695        .293    .47945
 *   below_median   269    2,583    .25692     .50826    1.978  pass      .52955        .364    .51336
 *   at/above       778    2,499    .74308     .49174    0.662  pass      .47045        .272    .47139
 *   low edu        552    3,993    .52722     .78571    1.490  pass      .81230        .348    .50939
 *   high edu       495    1,089    .47278     .21429    0.453  FAIL      .18770        .238    .43159
 *   swedish        799    2,890    .76313     .56867    0.745  pass      .52436        .278    .45433
 *   foreign        248    2,192    .23687     .43133    1.821  pass      .47564        .355    .54334
 *
 * Inferred population (women): size = ⌊587/1047 × 977,730⌋ = 548,163; TP = 1,645 → 0.0030009322;
 * FP = 3,431 − 1,645 = 1,786 → 0.0032581550; FPR = 1,786 / (1,786 + TN) = 0.004609 (published 0.0046).
 */
describe('pack sweden-fk', () => {
  const pack = PACKS.find((p) => p.id === 'sweden-fk')!;
  const run = reproducePack(pack, packDir('sweden-fk'), { workers: 1, context: fixedContext });
  const figure = async (id: string): Promise<ReproducedFigure> => (await run).reproduction!.figures.find((f) => f.id === id)!;

  it('matches every published figure within its tolerance', async () => {
    const results = await run;
    expect(() => Results.parse(results)).not.toThrow();
    const r = results.reproduction!;
    expect(r.pack).toBe('sweden-fk');
    // reproduced: everything Lighthouse computed from the cases (2 overall + 13 per group × 8 groups);
    // inputs: the three case counts, sums of the file the pack reads
    expect(r.reproduced).toEqual({ within: 2 + 8 * 13, total: 2 + 8 * 13 });
    expect(r.inputs).toEqual({ within: 3, total: 3 });
    expect(r.informative).toEqual({ within: 0, total: 0 });
    expect(r.figures.filter((f) => f.class === 'input').map((f) => f.id)).toEqual(['investigated', 'random_sample', 'model_sample']);
    expect(r.figures.filter((f) => !f.within).map((f) => f.id)).toEqual([]);
    for (const f of r.figures) expect(f.source).toMatch(/Lighthouse Reports & Svenska Dagbladet/);
  });

  it('the published-vs-reproduced table: counts, shares, parity, base rate and precision', async () => {
    const exact: [string, number, number][] = [
      ['investigated', 6129, 6129],
      ['random_sample', 1047, 1047],
      ['model_sample', 5082, 5082],
      ['base_rate', 0.296084, 310 / 1047],
      ['precision', 0.492719, 2504 / 5082],
      ['gender.woman.random_share', 0.5606, 587 / 1047],
      ['gender.woman.model_share', 0.6751, 3431 / 5082],
      ['gender.woman.step1_ratio', 1.2, 3431 / 5082 / (587 / 1047)],
      ['income.below_median.step1_ratio', 1.98, 2583 / 5082 / (269 / 1047)],
      ['education.high.step1_ratio', 0.45, 1089 / 5082 / (495 / 1047)],
      ['foreign_background.foreign.step1_ratio', 1.82, 2192 / 5082 / (248 / 1047)],
      ['foreign_background.foreign.base_rate', 0.35, 88 / 248],
      ['foreign_background.foreign.precision', 0.5433, 1191 / 2192],
      ['education.high.precision', 0.4318, 470 / 1089],
      ['foreign_background.foreign.flagged_error_share', 0.4756, 1191 / 2504],
      ['foreign_background.foreign.error_share', 0.2839, 88 / 310],
    ];
    for (const [id, published, reproduced] of exact) {
      const f = await figure(id);
      expect(f.published, id).toBe(published);
      expect(f.reproduced!, id).toBeCloseTo(reproduced, 12);
    }
    expect((await figure('gender.woman.random_share')).exact).toBe(true);
    expect((await figure('gender.woman.precision')).exact).toBe(false);
  });

  it("the agency's two-step test: only high education fails step 1; every group passes step 2", async () => {
    const results = await run;
    for (const g of results.selective_labels!.groups) {
      expect(g.agency_test.step1, `${g.attribute}=${g.group}`).toBe(g.attribute === 'education' && g.group === 'high' ? 'fail' : 'pass');
      expect(g.agency_test.step2).toBe('pass');
    }
    expect((await figure('education.high.step1')).reproduced).toBe(0);
    expect((await figure('income.below_median.step1')).reproduced).toBe(1); // 1.978: just under the 2× threshold
  });

  it('the inferred population confusion matrices, FPR and FNR', async () => {
    const woman = (await run).selective_labels!.groups.find((g) => g.attribute === 'gender' && g.group === 'woman')!;
    const size = (587 / 1047) * 977_730;
    const fn = (172 / 587) * size - 1645;
    const tn = size - 3431 - fn;
    expect(woman.population.size).toBeCloseTo(size, 6);
    expect(woman.false_positive_rate.value).toBeCloseTo(1786 / (1786 + tn), 12);
    expect(woman.false_negative_rate.value).toBeCloseTo(fn / ((172 / 587) * size), 12);
    const tp = await figure('gender.woman.tp');
    expect(tp.published).toBe(0.0030009322044720274);
    expect(tp.reproduced).toBeCloseTo(1645 / 548_163, 15);
    expect(Math.abs(tp.reproduced! - tp.published)).toBeLessThan(1e-15);
    expect(Math.abs((await figure('gender.woman.fp')).reproduced! - 0.003258154964855344)).toBeLessThan(1e-15);
    // FPR and FNR published as bootstrap means (4 decimals); the point estimates sit within the tolerance.
    expect((await figure('gender.woman.fpr')).reproduced).toBeCloseTo(0.004609, 6);
    expect((await figure('foreign_background.foreign.fpr')).reproduced).toBeCloseTo(0.006699, 6);
    expect((await figure('foreign_background.foreign.fnr')).reproduced).toBeCloseTo(0.98551, 5);
  });

  it('records label provenance, the interval methods and the battery in the results', async () => {
    const results = await run;
    const s = results.selective_labels!;
    expect([s.random_n, s.model_n, s.population_size]).toEqual([1047, 5082, 977_730]);
    expect(s.label_source).toBe('sample=random');
    // Lighthouse's data record one selection per case: no case is in both samples.
    expect(s.groups.every((g) => g.in_both_samples === 0)).toBe(true);
    expect(s.groups_scope).toBe('investigated_cases');
    const woman = s.groups.find((g) => g.group === 'woman')!;
    expect([woman.selection_rate.method, woman.false_positive_rate.method, woman.false_negative_rate.method, woman.precision.method]).toEqual(['design-delta-log', 'design-delta-log', 'design-delta-logit', 'census']);
    expect(results.manifest.mode).toBe('audit');
    expect(results.manifest.protected).toEqual(['gender', 'income', 'education', 'foreign_background']);
    expect(results.manifest.labels).toMatch(/random-audit sample/);
    // Parity and equal burden against the four-fifths bounds: foreign background fails parity.
    const parity = results.checks.find((c) => c.id === 'statistical-parity' && c.group === 'foreign')!;
    expect(parity.verdict).toBe('fail');
  });
});

describe('sweden-fk report', () => {
  it('shows statistical parity, base rate vs precision, inferred error rates, equal burden and the two-step test', async () => {
    const pack = PACKS.find((p) => p.id === 'sweden-fk')!;
    const results = await reproducePack(pack, packDir('sweden-fk'), { workers: 1, context: fixedContext });
    const md = writeMarkdown(results);
    expect(md).toContain('## Selective labels');
    for (const column of ['Statistical parity', 'Base rate', 'Precision', 'FPR', 'FNR', 'Equal burden', 'Agency test']) expect(md).toContain(column);
    expect(md).toMatch(/step 1 fail/);
    expect(md).toContain('| Figure | Class | Published | Reproduced |');
    expect(md).toContain('Published vs reproduced (sweden-fk): Reproduced: 106 of 106 published figures; build checks: 3 of 3 inputs read back');
    expect(md).toContain('Build checks (sweden-fk): 3 of 3 inputs read back. These are values the pack was built or calibrated from');
    // The ordinary group tables hold investigated cases only (women: FPR 81.1 % among them, against a
    // population FPR of 0.46 %): they say so, and the population figures are labelled as such.
    expect(md).toContain('## Groups: Gender (among investigated cases, not population rates)');
    expect(md).toMatch(/\| female \| 4,018 \| 3,431 \| 85\.4 % [^|]*\| [^|]*\| [^|]*\| 81\.1 % /);
    // A figure of investigated cases is never put forward as the attribute's largest disparity.
    expect(md).not.toMatch(/Largest selection-rate disparity/);
    expect(md).toContain('| Group | Investigated | Flagged | Selection rate among investigated | Ratio to reference | Share of the flagged ÷ share of all among investigated | FPR among investigated | FNR among investigated | Precision | Notes |');
    expect(md).toMatch(/\| gender = woman \| 587 \/ 172 \| 3,431 \/ 1,645 \| [^|]+\| 1\.20 \(1\.14–1\.27\) \| 0\.63 % \(0\.59–0\.66 %\) \| [^|]+\| 47\.9 % \(exact: every flagged case investigated\) \| 0\.46 % \(0\.43–0\.50 %\) \|/);
    expect(results.selective_labels!.groups_scope).toBe('investigated_cases');
  });
});

describe('battery data: block, selective-labels fields', () => {
  const dir = mkdtempSync(join(tmpdir(), 'disparate-sweden-'));
  copyFileSync(join(packDir('sweden-fk'), 'investigations-2017.csv'), join(dir, 'cases.csv'));
  const battery = (data: string) => {
    const file = join(dir, `b${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, `title: t\ndata:\n  file: cases.csv\n  flag: sample=model\n  positives: errors_found\n  count: investigated\n  long: { attribute: attribute, group: group }\n${data}protected: [gender]\n`);
    return file;
  };
  const configError = async (file: string): Promise<string> => {
    try {
      await runBattery(resolveBattery(file), { context: fixedContext });
    } catch (e) {
      expect(e).toBeInstanceOf(DisparateError);
      expect((e as DisparateError).code).toBe('config');
      return (e as Error).message;
    }
    throw new Error('expected a config error');
  };

  it('a label source needs the population size, named by file and field', async () => {
    const file = battery('  label_source: sample=random\n');
    expect(await configError(file)).toBe(`${file}: data.population_size: required with data.label_source: the number of applicants the samples come from`);
  });

  it('rejects a malformed label source and unknown fields', async () => {
    expect(await configError(battery('  label_source: random\n  population_size: 10\n'))).toMatch(/data\.label_source.*COL=VALUE/);
    expect(await configError(battery('  population: 10\n'))).toMatch(/population/);
  });

  it('a long-format count table without a label source audits the investigated sample', async () => {
    const results = await runBattery(resolveBattery(battery('')), { context: fixedContext });
    expect(results.selective_labels).toBeUndefined();
    expect(results.groups.find((g) => g.attribute === 'gender' && g.group === 'woman')!.n).toBe(4018);
  });
});
