import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDecisions, type AuditOptions } from '../../harness/pipeline/index.js';
import { Results, type SelectiveLabelsGroup } from '../../harness/results/index.js';
import { normalCdf, wilsonInterval, zCritical } from '../../harness/stats/index.js';
import { fixedContext } from '../helpers.js';

/**
 * The Sweden method through the audit path. Fixture: investigated VAB cases of Försäkringskassan,
 * 2017, by random-audit and model-selected sample (Lighthouse Reports / Svenska Dagbladet, Nov 2024,
 * github.com/Lighthouse-Reports/suspicion_machines_sweden), re-encoded in test/fixtures/sweden-vab.
 * Expected values are hand computations from those counts, written out beside each assertion.
 */
const z = zCritical(0.05);
const base: AuditOptions = {
  file: 'test/fixtures/sweden-vab/cases.jsonl',
  protected: [],
  long: { attribute: 'trait', group: 'level' },
  flag: 'sample=model_selected',
  label: 'errors_found',
  count: 'cases',
  labelSource: 'sample=random_audit',
  populationSize: 977_730,
  references: new Map(),
  alpha: 0.05,
  correction: 'holm',
  minCell: 30,
  checks: [],
  title: 'Försäkringskassan VAB',
  battery: null,
  context: fixedContext,
  bootstrap: { replicates: 1000, seed: 7 },
};
const results = auditDecisions(base);
const fpc = 1 - 1047 / 977_730;
/** se of −log(x/R) for x of R random-audit cases (finite-population correction, unbiased s²). */
const logSe = (x: number, R: number) => Math.sqrt((fpc * (1 - x / R)) / ((R - 1) * (x / R)));
const designCi = (value: number, se: number): [number, number] => [value * Math.exp(-z * se), value * Math.exp(z * se)];
const find = (attribute: string, group: string): SelectiveLabelsGroup => results.selective_labels!.groups.find((g) => g.attribute === attribute && g.group === group)!;

describe('selective labels: Försäkringskassan VAB counts', () => {
  it('produces valid results.json with a selective_labels section', () => {
    expect(() => Results.parse(results)).not.toThrow();
    const s = results.selective_labels!;
    expect([s.random_n, s.model_n, s.population_size]).toEqual([1047, 5082, 977_730]);
    expect(results.manifest.rows).toBe(6129);
    expect(results.manifest.protected).toEqual(['gender', 'education', 'foreign_background']);
    expect(s.groups).toHaveLength(6);
  });

  it('statistical parity against the random sample, with its design-based interval', () => {
    const g = find('foreign_background', 'foreign');
    // random 248 of 1,047; model 2,192 of 5,082 → (2192/5082) / (248/1047) = 1.8210
    expect(g.random_share).toBeCloseTo(248 / 1047, 12);
    expect(g.model_share).toBeCloseTo(2192 / 5082, 12);
    expect(g.statistical_parity.value).toBeCloseTo(2192 / 5082 / (248 / 1047), 12);
    expect(g.statistical_parity.value).toBeCloseTo(1.821, 3);
    // Every flagged case was investigated, so only the random share varies (simple random sample of
    // R = 1,047 from N = 977,730): Var log = (1 − R/N)(1 − p) / ((R − 1) p), p = 248/1047 → se 0.0559.
    expect(g.statistical_parity.method).toBe('design-delta-log');
    expect(g.statistical_parity.ci![0]).toBeCloseTo(designCi(g.statistical_parity.value!, logSe(248, 1047))[0], 6);
    expect(g.statistical_parity.ci![1]).toBeCloseTo(designCi(g.statistical_parity.value!, logSe(248, 1047))[1], 6);
  });

  it('base rate (random sample) against precision (model sample)', () => {
    const g = find('foreign_background', 'foreign');
    expect(g.base_rate.value).toBeCloseTo(88 / 248, 12); // 0.355
    expect(g.precision.value).toBeCloseTo(1191 / 2192, 12); // 0.543
    const w = wilsonInterval(88, 248, z)!;
    expect(g.base_rate.ci).toEqual([w.lo, w.hi]);
    // All 2,192 flagged cases were investigated: their precision is a count, not an estimate.
    expect(g.precision.method).toBe('census');
    expect(g.precision.ci).toEqual([1191 / 2192, 1191 / 2192]);
  });

  it('the inferred population confusion matrix, FPR and FNR', () => {
    const g = find('foreign_background', 'foreign');
    const size = (248 / 1047) * 977_730; // 231,592.2
    const positives = (88 / 248) * size; // 82,177.9
    const fn = positives - 1191; // 80,986.9
    const tn = size - 2192 - fn; // 148,413.3
    expect(g.population.size).toBeCloseTo(size, 6);
    expect(g.population.flagged).toBe(2192);
    expect(g.population.tp).toBe(1191);
    expect(g.population.fp).toBe(1001);
    expect(g.population.fn).toBeCloseTo(fn, 6);
    expect(g.population.tn).toBeCloseTo(tn, 6);
    expect(g.false_positive_rate.value).toBeCloseTo(1001 / (1001 + tn), 12); // 0.00670
    expect(g.false_negative_rate.value).toBeCloseTo(fn / positives, 12); // 0.9855
    expect(g.selection_rate.value).toBeCloseTo(2192 / size, 12);
    // ratio against the reference (swedish, the larger group): (2192/size) / (2890/size_swedish)
    const sizeSwedish = (799 / 1047) * 977_730;
    expect(g.selection_rate_ratio.value).toBeCloseTo(2192 / size / (2890 / sizeSwedish), 12); // 2.44
    // FPR = FP / (N·(r − y)/R): 1,001 / (977,730 × 160/1,047); only the negatives' share varies.
    expect(g.false_positive_rate.value).toBeCloseTo(1001 / ((977_730 * 160) / 1047), 12);
    expect(g.false_positive_rate.method).toBe('design-delta-log');
    const ci = designCi(g.false_positive_rate.value!, logSe(160, 1047));
    expect(g.false_positive_rate.ci![0]).toBeCloseTo(ci[0]!, 9);
    expect(g.false_positive_rate.ci![1]).toBeCloseTo(ci[1]!, 9);
    expect(g.in_both_samples).toBe(0);
  });

  it('equal burden: share of selections against share of errors in the random sample', () => {
    const g = find('foreign_background', 'foreign');
    // errors in the random sample: 88 foreign of 88 + 222 = 310 → share 0.2839; selections 0.4313 → 1.519
    expect(g.error_share).toBeCloseTo(88 / 310, 12);
    expect(g.equal_burden.value).toBeCloseTo(2192 / 5082 / (88 / 310), 12);
    // Only the error share varies: Var log = (1 − R/N) · R/(R − 1) · (1/88 − 1/310).
    const se = Math.sqrt(fpc * (1047 / 1046) * (1 / 88 - 1 / 310));
    const ci = designCi(g.equal_burden.value!, se);
    expect(g.equal_burden.ci![0]).toBeCloseTo(ci[0]!, 6);
    expect(g.equal_burden.ci![1]).toBeCloseTo(ci[1]!, 6);
  });

  it("the agency's two-step test", () => {
    // education high: (1089/5082) / (495/1047) = 0.453 ≤ 0.5 → step 1 fails
    const high = find('education', 'high');
    expect(high.agency_test.step1).toBe('fail');
    expect(high.agency_test.step1_reason).toMatch(/0\.453/);
    // foreign: ratio 1.82, shares differ by 19.4 points → step 1 passes; step 2: 43.1 % of selections
    // against 1191/2504 = 47.6 % of selections with errors, 4.4 points → passes
    const foreign = find('foreign_background', 'foreign');
    expect(foreign.agency_test.step1).toBe('pass');
    expect(foreign.flagged_error_share).toBeCloseTo(1191 / 2504, 12);
    expect(foreign.agency_test.step2).toBe('pass');
  });

  it('checks parity and equal burden against the four-fifths bounds, one family with every other check', () => {
    const parity = results.checks.find((c) => c.id === 'statistical-parity' && c.group === 'foreign')!;
    expect(parity.verdict).toBe('fail');
    expect(parity.p_method).toBe('interval-inversion');
    expect(parity.level).toBeCloseTo(1 - 0.05 / results.checks.length, 12);
    expect(parity.adjusted_p_value).toBeCloseTo(Math.min(1, parity.p_value! * results.checks.length), 12);
    expect(results.checks.filter((c) => c.id === 'statistical-parity')).toHaveLength(6);
    expect(results.summary.verdict).toBe('fail');
    expect(results.warnings.map((w) => w.code)).toContain('selective-labels');
  });

  it('is deterministic from its seed', () => {
    const again = auditDecisions(base);
    expect(again.selective_labels).toEqual(results.selective_labels);
  });
});

describe('aggregated counts and inverse-probability weights', () => {
  const dir = mkdtempSync(join(tmpdir(), 'disparate-counts-'));

  it('a counts file gives the same group metrics as the rows it stands for', () => {
    const counted = join(dir, 'counted.csv');
    writeFileSync(counted, 'g,flag,n,pos\na,1,4,3\na,0,6,1\nb,1,4,2\nb,0,16,2\n');
    const rows = join(dir, 'rows.csv');
    const lines = ['g,flag,label'];
    const add = (g: string, f: number, l: number, times: number) => {
      for (let i = 0; i < times; i++) lines.push(`${g},${f},${l}`);
    };
    add('a', 1, 1, 3), add('a', 1, 0, 1), add('a', 0, 1, 1), add('a', 0, 0, 5), add('b', 1, 1, 2), add('b', 1, 0, 2), add('b', 0, 1, 2), add('b', 0, 0, 14);
    writeFileSync(rows, `${lines.join('\n')}\n`);
    const common = { ...base, long: undefined, labelSource: undefined, populationSize: undefined, bootstrap: undefined, protected: ['g'], flag: 'flag' };
    const a = auditDecisions({ ...common, file: counted, count: 'n', label: 'pos' });
    const b = auditDecisions({ ...common, file: rows, count: undefined, label: 'label' });
    expect(a.groups).toEqual(b.groups);
    expect(a.manifest.rows).toBe(30);
  });

  it('weights model-selected rows by 1/π where selection probabilities are known', () => {
    const file = join(dir, 'ipw.csv');
    // group a: 10 random (2 errors), 5 model-selected investigated with π = 0.5 (3 errors) → flagged 10
    writeFileSync(file, 'g,sample,n,err,p\na,random,10,2,1\nb,random,30,3,1\na,model,5,3,0.5\nb,model,5,1,0.5\n');
    const r = auditDecisions({
      ...base,
      file,
      long: undefined,
      protected: ['g'],
      flag: 'sample=model',
      label: 'err',
      count: 'n',
      labelSource: 'sample=random',
      selectionProbability: 'p',
      populationSize: 4000,
      bootstrap: { replicates: 200, seed: 1 },
    });
    const a = r.selective_labels!.groups.find((g) => g.group === 'a')!;
    expect(r.selective_labels!.weighting).toMatch(/inverse-probability/);
    expect(a.population.flagged).toBe(10);
    expect(a.population.tp).toBe(6);
    expect(a.population.size).toBe(1000); // 10/40 × 4000
    // The real cases, not the weighted totals: 5 investigated, 3 with an error.
    expect(a.model).toEqual({ n: 5, errors: 3 });
    expect(a.statistical_parity.method).toBe('design-delta-log');
    expect(a.precision.method).toBe('design-delta-logit');
  });

  it('p-values come from the real cases, not from inverse-probability-weighted totals taken as observations', () => {
    // 100 flagged cases investigated at π = 0.1 (30 in group a) stand for 1,000 flagged (300 in a);
    // the random audit has 200 of its 1,000 cases in a. Parity of a = (300/1000) / (200/1000) = 1.5.
    // Taking "300 of 1,000" as observations (Katz, as before) gave p = 3.5e-7; the real 30 of 100 give
    // Katz p = 0.014. The design-based test: Var log parity = random part (1 − R/N)(1 − p)/((R − 1) p)
    // + Horvitz–Thompson part Σ h² (1 − π)/π² with h = 1/300 − 1/1000 on a's cases and −1/1000 on b's.
    const file = join(dir, 'ipw-review.csv');
    writeFileSync(file, 'g,sample,n,err,p\na,random,200,40,1\nb,random,800,100,1\na,model,30,15,0.1\nb,model,70,30,0.1\n');
    const r = auditDecisions({ ...base, file, long: undefined, protected: ['g'], flag: 'sample=model', label: 'err', count: 'n', labelSource: 'sample=random', selectionProbability: 'p', populationSize: 100_000, references: new Map([['g', { group: 'b', origin: 'cli', where: '--reference' }]]) });
    const a = r.selective_labels!.groups.find((g) => g.group === 'a')!;
    expect(a.population.flagged).toBeCloseTo(300, 9);
    expect(a.model).toEqual({ n: 30, errors: 15 });
    expect(a.statistical_parity.value).toBeCloseTo(1.5, 12);
    const randomPart = ((1 - 1000 / 100_000) * 0.8) / (999 * 0.2);
    const weightedPart = (1 / 300 - 1 / 1000) ** 2 * 30 * 90 + (1 / 1000) ** 2 * 70 * 90;
    const se = Math.sqrt(randomPart + weightedPart); // 0.1580
    // The check's p-value tests its claim (a fail: parity above 1.25) on the same standard error: 0.249.
    const expected = 2 * normalCdf(-Math.log(1.5 / 1.25) / se, 0, 1);
    const check = r.checks.find((c) => c.id === 'statistical-parity' && c.group === 'a')!;
    expect(check.claim).toBe('fail');
    expect(check.p_value).toBeCloseTo(expected, 6);
    expect(check.p_method).toBe('interval-inversion');
    expect(check.method).toBe('design-delta-log');
    expect(a.statistical_parity.ci![0]).toBeCloseTo(1.5 * Math.exp(-z * se), 6);
  });

  it('a case both drawn at random and flagged counts in both samples', () => {
    // N = 1,000; R = 100 random-audit cases. Group a: 20 audited (5 of them flagged: 3 errors, 2 not;
    // 15 unflagged: 3 errors, 12 not) and 25 flagged outside the audit (15 errors, 10 not). Group b:
    // 80 audited (5 flagged: 2 errors, 3 not; 75 unflagged: 5 errors, 70 not), 15 flagged outside (5, 10).
    const file = join(dir, 'overlap.csv');
    // Aggregated counts: n cases, err of them with an error.
    const lines = ['g,flag,audit,err,n', 'a,1,yes,3,5', 'a,0,yes,3,15', 'a,1,no,15,25', 'b,1,yes,2,5', 'b,0,yes,5,75', 'b,1,no,5,15'];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = auditDecisions({ ...base, file, long: undefined, protected: ['g'], flag: 'flag', label: 'err', count: 'n', labelSource: 'audit=yes', populationSize: 1000, references: new Map([['g', { group: 'b', origin: 'cli', where: '--reference' }]]) });
    const get = (name: string) => r.selective_labels!.groups.find((g) => g.group === name)!;
    const a = get('a');
    const b = get('b');
    expect(a.random).toEqual({ n: 20, errors: 6 });
    expect(a.model).toEqual({ n: 30, errors: 18 }); // 5 + 25 flagged; dropping the 5 audited ones gave 25
    expect(a.in_both_samples).toBe(5);
    expect(a.population).toEqual({ size: 200, flagged: 30, tp: 18, fp: 12, fn: 60 - 18, tn: 140 - 12 });
    expect(a.selection_rate.value).toBeCloseTo(30 / 200, 12); // 0.15; 25/200 = 0.125 before
    expect(a.false_positive_rate.value).toBeCloseTo(12 / 140, 12); // FP / (N·14/100)
    expect(a.false_negative_rate.value).toBeCloseTo(42 / 60, 12);
    expect(b.population).toEqual({ size: 800, flagged: 20, tp: 7, fp: 13, fn: 70 - 7, tn: 730 - 13 });
    expect(a.selection_rate_ratio.value).toBeCloseTo(0.15 / 0.025, 12);
    expect(r.selective_labels!.random_n).toBe(100);
    expect(r.selective_labels!.model_n).toBe(50);
    expect(r.warnings.find((w) => w.code === 'selective-labels-overlap')!.message).toBe('g: 10 row(s) are both in the random sample and flagged; each counts in both samples');
  });
});
