import { describe, expect, it } from 'vitest';
import { computeVerdicts } from '../../harness/findings/compute-verdicts.js';
import { Check } from '../../harness/config/index.js';
import type { GroupResult, Results } from '../../harness/results/index.js';
import { writeJunit } from '../../reports/writers/index.js';
import { fixtureResults } from '../reports/fixture-results.js';

/** A group of 1,000 with the given ratio and interval against the reference french. */
function group(name: string, ratio: [number, [number, number]], isRef = false): GroupResult {
  return {
    attribute: 'nationality', group: name, is_reference: isRef, n: 1000, flagged: Math.round(100 * ratio[0]),
    tp: null, fp: null, tn: null, fn: null, labelled: 0, small_cell: false, mean_score: null,
    metrics: { selection_rate_ratio: { value: ratio[0], ci: ratio[1], level: 0.95, method: 'katz-log', reference: 'french' } },
  };
}

const groups = [group('french', [1, [1, 1]], true), group('eu', [1.02, [0.95, 1.1]]), group('non_eu', [2.1, [1.9, 2.3]])];

describe('check severity: error decides, warn reports, off is not evaluated', () => {
  const strict = Check.parse({ id: 'strict', metric: 'selection_rate_ratio', attribute: 'nationality', bounds: [0.9, 1.1] });
  const ratchet = Check.parse({ id: 'ratchet', metric: 'selection_rate_ratio', attribute: 'nationality', severity: 'warn' });

  it('a failing check at severity warn is judged and reported but leaves the verdict to the deciding checks', () => {
    const v = computeVerdicts([Check.parse({ id: 'eu-only', metric: 'selection_rate_ratio', attribute: 'nationality', bounds: [0.5, 3] }), ratchet], groups, [], 'bonferroni', 0.05);
    const warned = v.checks.filter((c) => c.id === 'ratchet');
    expect(warned.map((c) => [c.group, c.verdict, c.severity])).toEqual([['eu', 'pass', 'warn'], ['non_eu', 'fail', 'warn']]);
    expect(v.summary).toMatchObject({ verdict: 'pass', pass: 2, fail: 0, inconclusive: 0, warn: { pass: 1, fail: 1, inconclusive: 0 } });
    // every row, warn included, is in the one family
    expect(v.summary.rule!.family_size).toBe(4);
  });

  it('severity off leaves a check out of the family and out of the warnings', () => {
    const off = Check.parse({ id: 'later', metric: 'selection_rate_ratio', attribute: 'nationality', severity: 'off' });
    const v = computeVerdicts([strict, off], groups, [], 'bonferroni', 0.05);
    expect(v.checks.every((c) => c.id === 'strict')).toBe(true);
    expect(v.summary.rule!.family_size).toBe(2);
    expect(v.warnings).toEqual([]);
  });

  it('a battery whose only checks are at severity warn decided nothing: inconclusive', () => {
    const v = computeVerdicts([ratchet], groups, [], 'bonferroni', 0.05);
    expect(v.summary).toMatchObject({ verdict: 'inconclusive', pass: 0, fail: 0, inconclusive: 0 });
  });

  it('junit.xml marks a warn check that does not pass as skipped, with its verdict, and does not count it as a failure', () => {
    const r: Results = fixtureResults();
    r.checks = r.checks.map((c, i) => (i === 0 ? { ...c, verdict: 'fail' as const, severity: 'warn' as const } : c));
    const xml = writeJunit(r);
    const first = r.checks[0]!;
    expect(xml).toContain(`name="${first.id}: ${first.attribute} = ${first.group}">\n      <skipped message="fail (severity warn: reported, not failing the build): `);
    const failures = r.checks.filter((c, i) => i > 0 && c.verdict !== 'pass').length;
    expect(xml).toContain(`failures="${failures}"`);
  });
});
