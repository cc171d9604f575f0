import { describe, expect, it } from 'vitest';
import { buildFrontPage, FRONT_TEXT, perBase, percent, plainInterval, plainNumber, points } from '../../reports/shared/index.js';
import { fixtureResults } from './fixture-results.js';

describe('front-page numbers', () => {
  it('rounds for reading: two significant digits, whole numbers from 10, intervals that never collapse', () => {
    expect(plainNumber(3.0784)).toBe('3.1');
    expect(plainNumber(730.3)).toBe('730');
    expect(plainNumber(0.4321)).toBe('0.43');
    expect(plainNumber(12_345.6)).toBe('12,346');
    expect(plainInterval([2.853, 3.322])).toEqual(['2.9', '3.3']);
    expect(plainInterval([3.5398, 3.5471])).toEqual(['3.54', '3.55']);
    expect(perBase([0.13, 0.042])).toBe(100);
    expect(perBase([0.177, 0.00024])).toBe(10_000);
    expect(points(0.0884)).toBe('8.8');
    expect(percent(0.997)).toBe('99.7\u00a0%');
    expect(percent(0.209)).toBe('21\u00a0%');
    expect(percent(0.0043)).toBe('0.43\u00a0%');
  });
});

describe('the verdict in one sentence', () => {
  const counts = { pass: 0, fail: 0, inconclusive: 0, failing: [], level: '95 %' };
  it('says what each verdict means, with the counts', () => {
    expect(FRONT_TEXT.verdict({ ...counts, verdict: 'fail', fail: 1, inconclusive: 2, pass: 3, failing: ['nationality'] })).toBe(
      'The audit fails: 1 of 6 checks shows a disparity by nationality beyond the tolerance; 2 are inconclusive and 3 pass.',
    );
    expect(FRONT_TEXT.verdict({ ...counts, verdict: 'pass', pass: 4 })).toBe('The audit passes: all 4 checks show the disparity within the tolerance.');
    expect(FRONT_TEXT.verdict({ ...counts, verdict: 'inconclusive', inconclusive: 2, pass: 1 })).toBe(
      'The audit is inconclusive: no check shows a disparity beyond the tolerance, but 2 of 3 cannot show it within the tolerance either (1 passes).',
    );
    expect(FRONT_TEXT.verdict({ ...counts, verdict: null })).toBe('No checks were configured: the figures in this report describe, they do not judge.');
  });

  it('without an established disparity, the front page says so instead of promoting a point estimate', () => {
    const r = fixtureResults();
    r.checks = r.checks.map((c) => ({ ...c, direction: null, verdict: 'inconclusive' as const }));
    const front = buildFrontPage(r);
    expect(front.findings).toEqual([]);
    expect(front.noFindings).toBe('No disparity is established at 95 %: every interval includes parity, or no check covers the groups.');
  });
});
