import { describe, expect, it } from 'vitest';
import {
  describeCheck, describeGroup, formatCount, formatDifference, formatLevel, formatMetricInterval, formatP, formatRate, formatRatio, sentenceContext, slug,
} from '../../reports/shared/index.js';
import { fixtureResults } from './fixture-results.js';

describe('number formatting (locale-independent)', () => {
  it('formats rates, ratios, differences, counts and p-values', () => {
    expect(formatRate(0.105)).toBe('10.5 %');
    expect(formatRate(0.0042)).toBe('0.42 %');
    expect(formatRate(0)).toBe('0.0 %');
    expect(formatRate(null)).toBe('n/a');
    expect(formatRatio(2.1)).toBe('2.10');
    expect(formatDifference(0.055)).toBe('+5.5 pp');
    expect(formatDifference(-0.0000001)).toBe('0.0 pp');
    expect(formatDifference(-0.02)).toBe('\u22122.0 pp');
    expect(formatCount(87000)).toBe('87,000');
    expect(formatP(0.0004)).toBe('< 0.001');
    expect(formatLevel(0.95)).toBe('95 %');
    expect(formatLevel(0.995)).toBe('99.5 %');
    expect(formatMetricInterval('selection_rate', [0.048, 0.052])).toBe('4.8–5.2 %');
    expect(formatMetricInterval('selection_rate_ratio', [1.72, 2.56])).toBe('1.72–2.56');
    expect(formatMetricInterval('selection_rate_difference', [-0.01, 0.02])).toBe('\u22121.0 pp to +2.0 pp');
  });
  it('slugs attribute names into file-safe names', () => {
    expect(slug('nationality×disability')).toBe('nationality-disability');
    expect(slug('../../etc/passwd')).toBe('etc-passwd');
    expect(slug('×')).toBe('x');
  });
});

describe('sentences', () => {
  it('splits intersections into attribute–value pairs', () => {
    expect(describeGroup('nationality×disability', 'non_eu×disabled')).toBe('nationality non_eu and disability disabled');
  });
  it('names direction, reference group, the rates and counts behind the ratio, interval, tolerance and its source', () => {
    const r = fixtureResults();
    const ctx = sentenceContext(r);
    // non_eu: 1,260 of 12,000 flagged (10.5 %) against french 3,000 of 60,000 (5.0 %); ratio 2.10 [1.97, 2.24]
    expect(describeCheck(r.checks[0]!, ctx)).toBe(
      'Households with nationality non_eu are flagged more often than the reference group french: 2.10 times as often ' +
        '(10.5 % = 1,260 of 12,000, against 5.0 % = 3,000 of 60,000 for french; ' +
        '95 % CI 1.97–2.24; tolerance 0.80–1.25 per the battery, source: EEOC Uniform Guidelines, 29 CFR 1607.4(D) ' +
        '(four-fifths rule, made symmetric)): fail.',
    );
    // disabled FPR: 420 of 9,679 innocent households flagged (4.3 %) against 3,030 of 74,580 (4.1 %); ratio 1.07 [0.97, 1.18] includes 1
    expect(describeCheck(r.checks[3]!, ctx)).toBe(
      'Households with disability disabled have a false positive rate 1.07 times that of the reference group not_disabled, ' +
        'but the interval includes parity, so no direction is established ' +
        '(4.3 % = 420 of 9,679, against 4.1 % = 3,030 of 74,580 for not_disabled; 95 % CI 0.97–1.18; tolerance 0.80–1.25 by default, no source cited): pass.',
    );
  });
  it('an unbounded ratio (reference never flagged): "at least" when its lower limit clears parity, no direction when it does not, and why it is inconclusive', () => {
    const ctx = sentenceContext(fixtureResults());
    const base = { ...fixtureResults().checks[0]!, value: null, ci: null };
    expect(describeCheck({ ...base, lower_bound: 130.65, verdict: 'fail' as const }, ctx)).toMatch(/are flagged more often than the reference group french: at least 130\.65 times as often \(the ratio is unbounded/);
    expect(describeCheck({ ...base, lower_bound: 0.07, verdict: 'inconclusive' as const }, ctx)).toMatch(/is unbounded \(none of the reference group french is flagged\), but its lower 95 % limit 0\.07 includes parity, so no direction is established/);
  });
  it('gives the level the check was judged at (the family level), with the decimals that keep it short of 100 %', () => {
    const c = { ...fixtureResults().checks[0]!, level: 1 - 0.05 / 44 };
    expect(describeCheck(c, sentenceContext(fixtureResults()))).toMatch(/for french; 99\.89 % CI 1\.97–2\.24; tolerance 0\.80–1\.25 per the battery, source: .*\): fail\.$/);
    expect(formatLevel(1 - 0.05 / 3)).toBe('98.3 %');
    expect(formatLevel(1 - 0.05 / 4)).toBe('98.75 %');
    expect(formatLevel(1 - 0.05 / 500)).toBe('99.99 %');
  });
  it('says when an estimate is missing and when the cell is small', () => {
    const c = { ...fixtureResults().checks[0]!, value: null, ci: null, small_cell: true, verdict: 'inconclusive' as const };
    expect(describeCheck(c, sentenceContext(fixtureResults()))).toBe(
      'Households with nationality non_eu: the selection rate ratio against the reference group french could not be estimated (a zero count), so its direction is unknown ' +
        '(10.5 % = 1,260 of 12,000, against 5.0 % = 3,000 of 60,000 for french; ' +
        '95 % CI not estimable; tolerance 0.80–1.25 per the battery, source: EEOC Uniform Guidelines, 29 CFR 1607.4(D) ' +
        '(four-fifths rule, made symmetric)): inconclusive. This is a small cell (n < 50): the estimate is unreliable.',
    );
  });
});
