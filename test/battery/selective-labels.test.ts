import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDecisions, type AuditOptions } from '../../harness/battery/index.js';
import { Results, type SelectiveLabelsGroup } from '../../harness/results/index.js';
import { katzLogInterval, wilsonInterval, zCritical } from '../../harness/stats/index.js';
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

  it('statistical parity against the random sample, with its Katz interval', () => {
    const g = find('foreign_background', 'foreign');
    // random 248 of 1,047; model 2,192 of 5,082 → (2192/5082) / (248/1047) = 1.8210
    expect(g.random_share).toBeCloseTo(248 / 1047, 12);
    expect(g.model_share).toBeCloseTo(2192 / 5082, 12);
    expect(g.statistical_parity.value).toBeCloseTo(2192 / 5082 / (248 / 1047), 12);
    expect(g.statistical_parity.value).toBeCloseTo(1.821, 3);
    const k = katzLogInterval(2192, 5082, 248, 1047, z)!;
    expect(g.statistical_parity.ci).toEqual([k.lo, k.hi]);
    expect(g.statistical_parity.method).toBe('katz-log');
  });

  it('base rate (random sample) against precision (model sample)', () => {
    const g = find('foreign_background', 'foreign');
    expect(g.base_rate.value).toBeCloseTo(88 / 248, 12); // 0.355
    expect(g.precision.value).toBeCloseTo(1191 / 2192, 12); // 0.543
    const w = wilsonInterval(88, 248, z)!;
    expect(g.base_rate.ci).toEqual([w.lo, w.hi]);
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
    expect(g.false_positive_rate.method).toBe('bootstrap-percentile');
    const [lo, hi] = g.false_positive_rate.ci!;
    expect(lo).toBeLessThan(g.false_positive_rate.value!);
    expect(hi).toBeGreaterThan(g.false_positive_rate.value!);
  });

  it('equal burden: share of selections against share of errors in the random sample', () => {
    const g = find('foreign_background', 'foreign');
    // errors in the random sample: 88 foreign of 88 + 222 = 310 → share 0.2839; selections 0.4313 → 1.519
    expect(g.error_share).toBeCloseTo(88 / 310, 12);
    expect(g.equal_burden.value).toBeCloseTo(2192 / 5082 / (88 / 310), 12);
    const k = katzLogInterval(2192, 5082, 88, 310, z)!;
    expect(g.equal_burden.ci).toEqual([k.lo, k.hi]);
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
    expect(a.statistical_parity.method).toBe('bootstrap-percentile');
  });
});
