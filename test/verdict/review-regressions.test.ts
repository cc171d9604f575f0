import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDecisions, type AuditOptions } from '../../harness/pipeline/index.js';
import { Check } from '../../harness/config/index.js';
import { katzLogInterval, zCritical } from '../../harness/stats/index.js';
import { fixedContext } from '../helpers.js';

/**
 * The statistical review's findings on the verdict rule, with their exact inputs, through the real
 * audit path (a counts file: one row per group × flag with its number of rows).
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-verdict-'));

function countsAudit(name: string, cells: readonly (readonly [string, number, number])[], checks: Check[], extra: Partial<AuditOptions> = {}) {
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, `g,flag,n\n${cells.map(([g, f, n]) => `${g},${f},${n}`).join('\n')}\n`);
  return auditDecisions({
    file, protected: ['g'], flag: 'flag', count: 'n', references: new Map([['g', { group: 'ref', origin: 'cli' as const, where: '--reference g=ref' }]]),
    alpha: 0.05, correction: 'bonferroni', minCell: 30, checks, title: name, battery: null, context: fixedContext, ...extra,
  });
}

describe('a pass is never made on an interval that crosses a bound (review item 4)', () => {
  // 2,167 of 18,240 against 1,824 of 18,240: ratio 1.188, 95 % Katz interval 1.12–1.26. The old
  // equivalence test (TOST, a 90 % interval) passed it with exit 0.
  const x1 = 2167;
  const x0 = 1824;
  const n = 18_240;
  const cells = [['grp', 1, x1], ['grp', 0, n - x1], ['ref', 1, x0], ['ref', 0, n - x0]] as const;

  it('the 95 % interval is the one the review quotes', () => {
    const k = katzLogInterval(x1, n, x0, n, zCritical(0.05))!;
    expect(k.lo).toBeCloseTo(1.12, 2);
    expect(k.hi).toBeCloseTo(1.26, 2);
  });

  it.each(['disparity', 'equivalence'] as const)('declared test: %s → inconclusive, with the interval it was judged on', (test) => {
    const r = countsAudit(`cross-${test}`, cells, [Check.parse({ id: 'ff', metric: 'selection_rate_ratio', test })]);
    const c = r.checks[0]!;
    expect(c.verdict).toBe('inconclusive');
    expect(c.ci![0]).toBeLessThan(1.25);
    expect(c.ci![1]).toBeGreaterThan(1.25);
    expect(c.adjusted_p_value!).toBeGreaterThanOrEqual(0.05);
    expect(r.summary.verdict).toBe('inconclusive');
  });
});

describe('every check, rates and distances included, is in one family, and a verdict never contradicts its p-value (review items 1 and 4)', () => {
  const source = 'test/fixtures/peer-crosscheck/population_20000.csv';
  const checks = [
    Check.parse({ id: 'four-fifths', metric: 'selection_rate_ratio' }),
    Check.parse({ id: 'rate-cap', metric: 'selection_rate', bounds: [0, 0.3] }),
    Check.parse({ id: 'gap', metric: 'selection_rate_difference', attribute: 'nationality' }),
    Check.parse({ id: 'score-gap', metric: 'ks_distance', bounds: [0, 0.1] }),
  ];
  const r = auditDecisions({
    file: source, protected: ['nationality', 'disability', 'income_band'], flag: 'flagged', label: 'label', score: 'score',
    references: new Map([['nationality', { group: 'national', origin: 'cli' as const, where: '--reference nationality=national' }]]),
    alpha: 0.05, correction: 'bonferroni', minCell: 30, checks, title: 'family', battery: null, context: fixedContext,
  });

  it('rate and distance checks carry a p-value and the family level like every other check', () => {
    const m = r.checks.length;
    expect(r.summary.rule).toMatchObject({ method: 'bonferroni', family_size: m, level: 1 - 0.05 / m });
    for (const id of ['rate-cap', 'score-gap']) {
      const rows = r.checks.filter((c) => c.id === id);
      expect(rows.length).toBeGreaterThan(0);
      for (const c of rows) {
        expect(c.p_value, `${id} ${c.group}`).not.toBeNull();
        expect(c.level).toBe(r.summary.rule!.level);
      }
    }
  });

  it('fail or pass exactly when the adjusted p-value of the claim is below alpha, and the interval says the same', () => {
    for (const c of r.checks) {
      const where = `${c.id} ${c.attribute}=${c.group}`;
      const claimed = c.verdict !== 'inconclusive';
      if (claimed) expect(c.adjusted_p_value!, where).toBeLessThan(0.05);
      // At the boundary the bisection's precision decides; away from it the two must agree.
      else if (Math.abs(c.adjusted_p_value! - 0.05) > 1e-9) expect(c.adjusted_p_value!, where).toBeGreaterThanOrEqual(0.05);
      if (c.verdict === 'fail') expect(c.claim, where).toBe('fail');
      if (c.verdict === 'pass') expect(c.claim, where).toBe('pass');
      const [lo, hi] = c.ci ?? [c.lower_bound!, Infinity];
      if (c.verdict === 'fail') expect(lo > c.bounds[1] || hi < c.bounds[0], where).toBe(true);
      if (c.verdict === 'pass') expect(lo >= c.bounds[0] && hi <= c.bounds[1], where).toBe(true);
    }
    expect(r.checks.some((c) => c.verdict === 'fail')).toBe(true);
  });

  it('a direction is set only where the family-level interval lies on one side of parity', () => {
    for (const c of r.checks) {
      const parity = c.metric.endsWith('_ratio') ? 1 : c.metric.endsWith('_difference') ? 0 : null;
      if (parity === null || c.reference === null) {
        expect(c.direction ?? null).toBeNull();
        continue;
      }
      const [lo, hi] = c.ci ?? [c.lower_bound ?? -Infinity, Infinity];
      expect(c.direction ?? null).toBe(lo > parity ? 'higher' : hi < parity ? 'lower' : null);
    }
  });
});

describe('a reference group never flagged (review item 3)', () => {
  // 1 of 20 flagged against 0 of 80: Fisher's p = 0.20, yet the report said "at least 1.05 times as often".
  const r = countsAudit('zero-reference', [['grp', 1, 1], ['grp', 0, 19], ['ref', 1, 0], ['ref', 0, 80]], [Check.parse({ id: 'ff', metric: 'selection_rate_ratio' })]);

  it('the unbounded ratio keeps a lower limit below parity, states no direction and is inconclusive', () => {
    const c = r.checks[0]!;
    expect(c.value).toBeNull();
    expect(c.ci).toBeNull();
    expect(c.lower_bound!).toBeLessThan(1);
    expect(c.direction).toBeNull();
    expect(c.verdict).toBe('inconclusive');
  });

  it('the sentence says that no direction is established', async () => {
    const { describeCheck, sentenceContext } = await import('../../reports/shared/index.js');
    const text = describeCheck(r.checks[0]!, sentenceContext(r));
    expect(text).toMatch(/is unbounded \(none of the reference group ref is flagged\), but its lower 95 % limit 0\.\d+ includes parity, so no direction is established/);
    expect(text).not.toMatch(/more often/);
  });
});
