import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Results, type CheckResult, type GroupResult } from '../../harness/results/index.js';
import {
  METHOD_NAMES, describeCheck, formatLevel, describeComparison, methodName, methodProse, methodsText, sentenceContext, shortSource, shortenableSources, summarySentences, unitNoun, withArticle,
  type Comparison, type SentenceContext,
} from '../../reports/shared/index.js';
import { writeJunit } from '../../reports/writers/index.js';
import { fixtureResults } from './fixture-results.js';

/**
 * Summary sentences and methods text, on hand-written fixtures. Numbers beside each case come from
 * test/reports/fixture-results.ts: nationality french 3,000 of 60,000 flagged (5.0 %), eu 900 of
 * 15,000 (6.0 %), non_eu 1,260 of 12,000 (10.5 %); disability not_disabled 4,560 of 77,000 (5.9 %),
 * disabled 600 of 10,000 (6.0 %).
 */

const EEOC = 'EEOC Uniform Guidelines, 29 CFR 1607.4(D) (four-fifths rule, made symmetric)';
const TOLERANCE = `tolerance 0.80–1.25 per the battery, source: ${EEOC}`;

const group = (r: Results, attribute: string, name: string): GroupResult => r.groups.find((g) => g.attribute === attribute && g.group === name)!;

/** A comparison without counts behind it (a lookup that finds no group). */
function bare(c: Partial<Comparison>, unit = 'people'): [Comparison, SentenceContext] {
  const comparison: Comparison = {
    metric: 'selection_rate_ratio', attribute: 'nationality', group: 'eu', reference: 'french', value: 1.27, ci: [0.86, 1.9], level: 0.95,
    tolerance: { bounds: [0.8, 1.25], origin: 'battery', source: 'EEOC' }, verdict: 'inconclusive', ...c,
  };
  return [comparison, { unit, minCell: 50, privacyK: null, rate: () => null }];
}
const sentence = (c: Partial<Comparison>, unit?: string): string => describeComparison(...bare(c, unit));

/** A check on `g`'s `metric`, with the verdict given (the fixture's checks are built the same way). */
function checkOn(g: GroupResult, metric: string, id: string, verdict: CheckResult['verdict']): CheckResult {
  const m = g.metrics[metric]!;
  return {
    id, metric, attribute: g.attribute, group: g.group, reference: m.reference, value: m.value, ci: m.ci, level: m.level, method: m.method,
    bounds: [0.8, 1.25], bounds_origin: 'battery', source: EEOC, verdict, p_value: 1e-6, adjusted_p_value: 1e-5, correction: 'holm', small_cell: g.small_cell,
  };
}

describe('the unit noun (manifest.unit)', () => {
  it('starts every sentence, capitalised, and defaults to "people"', () => {
    const r = fixtureResults();
    expect(describeCheck(r.checks[0]!, sentenceContext(r))).toMatch(/^Households with nationality non_eu are flagged more often/);
    r.manifest.unit = 'students';
    expect(describeCheck(r.checks[0]!, sentenceContext(r))).toMatch(/^Students with nationality non_eu are flagged more often/);
    delete r.manifest.unit;
    expect(describeCheck(r.checks[0]!, sentenceContext(r))).toMatch(/^People with nationality non_eu are flagged more often/);
    expect(unitNoun({ unit: '  ' })).toBe('people');
    expect(unitNoun({})).toBe('people');
  });

  it('keeps its own case after a colon ("Largest … by disability: students with …", "Strongest: EU citizens with …")', () => {
    const r = fixtureResults();
    r.manifest.unit = 'students';
    const largest = summarySentences(r).find((s) => s.text.startsWith('Largest selection-rate disparity by disability'))!;
    expect(largest.text).toMatch(/^Largest selection-rate disparity by disability \(the ratio farthest from 1; its interval holds jointly with every other check, so picking it after the fact does not weaken it\): students with disability disabled are flagged /);
    r.manifest.unit = 'EU citizens';
    const again = summarySentences(r).find((s) => s.text.startsWith('Largest selection-rate disparity by disability'))!;
    expect(again.text).toMatch(/: EU citizens with disability disabled /);
  });

  it('is used in the methods text ("groups with fewer than 50 students")', () => {
    const r = fixtureResults();
    expect(methodsText(r).join(' ')).toContain('groups with fewer than 50 households are reported');
    r.manifest.unit = 'students';
    expect(methodsText(r).join(' ')).toContain('groups with fewer than 50 students are reported');
    delete r.manifest.unit;
    expect(methodsText(r).join(' ')).toContain('groups with fewer than 50 people are reported');
  });
});

describe('direction: only when the whole interval lies on one side of parity', () => {
  it('a ratio whose interval includes 1 names no direction, but keeps the estimate, reference group, interval and tolerance', () => {
    expect(sentence({})).toBe(
      'People with nationality eu are flagged 1.27 times as often as the reference group french, but the interval includes parity, ' +
        'so no direction is established (95 % CI 0.86–1.90; tolerance 0.80–1.25 per the battery, source: EEOC): inconclusive.',
    );
    // the fixture's disability check: 6.0 % against 5.9 %, ratio 1.01 [0.93, 1.10]
    const r = fixtureResults();
    expect(describeCheck(r.checks[2]!, sentenceContext(r))).toBe(
      'Households with disability disabled are flagged 1.01 times as often as the reference group not_disabled, but the interval includes parity, ' +
        `so no direction is established (6.0 % = 600 of 10,000, against 5.9 % = 4,560 of 77,000 for not_disabled; 95 % CI 0.93–1.10; ${TOLERANCE}): pass.`,
    );
  });

  it('a difference whose interval includes 0 names no direction', () => {
    expect(sentence({ metric: 'selection_rate_difference', value: 0.0051, ci: [-0.016, 0.039], tolerance: null })).toBe(
      'People with nationality eu are flagged at a rate that differs from that of the reference group french by +0.51 pp, but the interval includes parity, ' +
        'so no direction is established (95 % CI \u22121.6 pp to +3.9 pp; no tolerance set for this comparison): inconclusive.',
    );
    expect(sentence({ metric: 'false_positive_rate_difference', value: -0.002, ci: [-0.01, 0.006], tolerance: null, verdict: undefined })).toBe(
      'People with nationality eu have a false positive rate that differs from that of the reference group french by \u22120.20 pp, but the interval includes parity, ' +
        'so no direction is established (95 % CI \u22121.0 pp to +0.60 pp; no tolerance set for this comparison).',
    );
    // 600/10,000 − 4,560/77,000 = +0.08 pp, Newcombe interval across 0
    const r = fixtureResults();
    const m = group(r, 'disability', 'disabled').metrics['selection_rate_difference']!;
    expect(m.ci![0]).toBeLessThan(0);
    const comparison = { metric: 'selection_rate_difference', attribute: 'disability', group: 'disabled', reference: m.reference, value: m.value, ci: m.ci, level: m.level, tolerance: null };
    expect(describeComparison(comparison, sentenceContext(r))).toMatch(
      /^Households with disability disabled are flagged at a rate that differs from that of the reference group not_disabled by \+0\.08 pp, but the interval includes parity, so no direction is established \(6\.0 % = 600 of 10,000, against 5\.9 % = 4,560 of 77,000 for not_disabled; 95 % CI −0\.\d\d pp to \+0\.\d\d pp; no tolerance set for this comparison\)\.$/,
    );
  });

  it('an estimate exactly at parity, or without an interval, names no direction either', () => {
    expect(sentence({ value: 1, ci: [0.9, 1.1] })).toMatch(/are flagged 1\.00 times as often as the reference group french, and the interval includes parity, so no direction is established \(95 % CI 0\.90–1\.10;/);
    expect(sentence({ metric: 'selection_rate_difference', value: 0, ci: [-0.01, 0.01] })).toMatch(
      /are flagged at the same rate as the reference group french \(0\.0 pp\), and the interval includes parity, so no direction is established/,
    );
    expect(sentence({ value: 1.2, ci: null })).toMatch(
      /are flagged 1\.20 times as often as the reference group french, but no interval could be estimated, so no direction is established \(95 % CI not estimable;/,
    );
  });

  it('a direction comes from the interval, and a bound that rounds to 1.00 shows the side it lies on', () => {
    expect(sentence({ value: 0.6, ci: [0.5, 0.7] })).toMatch(/^People with nationality eu are flagged less often than the reference group french: 0\.60 times as often \(95 % CI 0\.50–0\.70;/);
    expect(sentence({ value: 1.31, ci: [1.0031, 1.71] })).toMatch(/are flagged more often than the reference group french: 1\.31 times as often \(95 % CI 1\.003–1\.71;/);
    expect(sentence({ value: 1.31, ci: [0.9996, 1.71] })).toMatch(/are flagged 1\.31 times as often as the reference group french, but the interval includes parity, .*\(95 % CI 0\.9996–1\.71;/);
    expect(sentence({ metric: 'false_positive_rate_ratio', value: 1.5, ci: [1.2, 1.9] })).toMatch(/have a higher false positive rate than the reference group french: 1\.50 times as high \(/);
    expect(sentence({ metric: 'false_positive_rate_ratio', value: 1.07, ci: [0.97, 1.18] })).toMatch(/have a false positive rate 1\.07 times that of the reference group french, but the interval includes parity/);
  });
});

describe('the rates and counts behind a ratio or difference', () => {
  it('are given for selection and error rates, with the reference group named', () => {
    const r = fixtureResults();
    const ctx = sentenceContext(r);
    // 900/15,000 = 6.0 % against 3,000/60,000 = 5.0 %
    expect(describeCheck(r.checks[1]!, ctx)).toContain('1.20 times as often (6.0 % = 900 of 15,000, against 5.0 % = 3,000 of 60,000 for french; 95 % CI 1.12–1.29;');
    // false positives among the innocent: 420 of 9,679 (4.3 %) against 3,030 of 74,580 (4.1 %)
    expect(describeCheck(r.checks[3]!, ctx)).toContain('(4.3 % = 420 of 9,679, against 4.1 % = 3,030 of 74,580 for not_disabled; 95 % CI 0.97–1.18;');
    // a difference of rates too: 10.5 % − 5.0 % = +5.5 pp
    const nonEu = group(r, 'nationality', 'non_eu');
    const diff = describeCheck({ ...checkOn(nonEu, 'selection_rate_difference', 'diff', 'fail'), bounds: [-0.05, 0.05] }, ctx);
    expect(diff).toMatch(/^Households with nationality non_eu are flagged more often than the reference group french: a difference of \+5\.5 pp \(10\.5 % = 1,260 of 12,000, against 5\.0 % = 3,000 of 60,000 for french; 95 % CI \+4\.9 pp to \+6\.1 pp;/);
  });

  it('not for metrics without counts (mean score) nor when withheld for privacy', () => {
    const r = fixtureResults();
    const ctx = sentenceContext(r);
    const s = describeComparison({ metric: 'mean_score_ratio', attribute: 'nationality', group: 'non_eu', reference: 'french', value: 1.3, ci: [1.2, 1.4], level: 0.95, tolerance: null }, ctx);
    expect(s).toBe('Households with nationality non_eu have a higher mean score than the reference group french: 1.30 times as high (95 % CI 1.20–1.40; no tolerance set for this comparison).');
    expect(describeCheck({ ...r.checks[0]!, withheld: true, value: null, ci: null }, { ...ctx, privacyK: 30 })).not.toMatch(/ of \d/);
    // results not yet redacted: counts below privacy.min_cell are never printed
    r.manifest.mode = 'audit';
    r.manifest.privacy = { min_cell: 1000, origin: 'cli' };
    expect(describeCheck(r.checks[1]!, sentenceContext(r))).not.toContain('900 of 15,000');
  });

  it('a group never flagged reads "never" with its counts, not "0.00 times as often"', () => {
    const r = fixtureResults();
    const eu = group(r, 'nationality', 'eu');
    eu.metrics['selection_rate'] = { ...eu.metrics['selection_rate']!, value: 0, numerator: 0, denominator: 6210, ci: [0, 0.0006] };
    eu.metrics['selection_rate_ratio'] = { ...eu.metrics['selection_rate_ratio']!, value: 0, ci: [0, 0.012] };
    const ctx = sentenceContext(r);
    expect(describeCheck(checkOn(eu, 'selection_rate_ratio', 'zero', 'fail'), ctx)).toBe(
      'Households with nationality eu are flagged less often than the reference group french: never ' +
        `(0 of 6,210, against 5.0 % = 3,000 of 60,000 for french; 95 % CI 0.00–0.01; ${TOLERANCE}): fail.`,
    );
    // a small group never flagged: the interval includes parity, so no direction
    eu.metrics['selection_rate'] = { ...eu.metrics['selection_rate']!, denominator: 31 };
    eu.metrics['selection_rate_ratio'] = { ...eu.metrics['selection_rate_ratio']!, ci: [0, 2.71] };
    expect(describeCheck(checkOn(eu, 'selection_rate_ratio', 'zero', 'inconclusive'), sentenceContext(r))).toBe(
      'Households with nationality eu are never flagged (0 of 31), against 5.0 % = 3,000 of 60,000 for the reference group french, ' +
        `but the interval includes parity, so no direction is established (95 % CI 0.00–2.71; ${TOLERANCE}): inconclusive.`,
    );
    // an error rate of zero
    const disabled = group(r, 'disability', 'disabled');
    disabled.metrics['false_positive_rate'] = { ...disabled.metrics['false_positive_rate']!, value: 0, numerator: 0 };
    disabled.metrics['false_positive_rate_ratio'] = { ...disabled.metrics['false_positive_rate_ratio']!, value: 0, ci: [0, 1.5] };
    expect(describeCheck(checkOn(disabled, 'false_positive_rate_ratio', 'fpr', 'inconclusive'), sentenceContext(r))).toMatch(
      /^Households with disability disabled have a false positive rate of zero \(0 of 9,679\), against 4\.1 % = 3,030 of 74,580 for the reference group not_disabled, but the interval includes parity/,
    );
  });

  it('a reference group never flagged explains why the ratio could not be estimated', () => {
    const r = fixtureResults();
    const french = group(r, 'nationality', 'french');
    french.metrics['selection_rate'] = { ...french.metrics['selection_rate']!, value: 0, numerator: 0, ci: [0, 0.0001] };
    const check = { ...r.checks[1]!, value: null, ci: null, verdict: 'inconclusive' as const };
    expect(describeCheck(check, sentenceContext(r))).toBe(
      'Households with nationality eu: the selection rate ratio against the reference group french could not be estimated (a zero count), so its direction is unknown ' +
        `(6.0 % = 900 of 15,000, against 0 of 60,000 for french; 95 % CI not estimable; ${TOLERANCE}): inconclusive.`,
    );
  });

  it('very large and very small ratios come with the rates that explain them', () => {
    expect(sentence({ value: 730.3, ci: [200.1, 2600.2] })).toMatch(/are flagged more often than the reference group french: 730\.30 times as often \(95 % CI 200\.10–2600\.20;/);
    const r = fixtureResults();
    const eu = group(r, 'nationality', 'eu');
    eu.metrics['selection_rate'] = { ...eu.metrics['selection_rate']!, value: 0.0004, numerator: 6, denominator: 15000 };
    const french = group(r, 'nationality', 'french');
    french.metrics['selection_rate'] = { ...french.metrics['selection_rate']!, value: 0.15, numerator: 9000, denominator: 60000 };
    // 0.04 % ÷ 15.0 % = 0.0027: two significant digits, not "0.00 times as often"
    expect(describeComparison({ ...bare({ value: 0.0027, ci: [0.0012, 0.006] })[0] }, sentenceContext(r))).toContain(
      'are flagged less often than the reference group french: 0.0027 times as often (0.04 % = 6 of 15,000, against 15.0 % = 9,000 of 60,000 for french; 95 % CI 0.0012–0.0060;',
    );
  });
});

describe('intersections and counts in words', () => {
  it('"1 of 2 cells … fails check", "Of 1 check", and the strongest cell with its unit and rates', () => {
    const r = fixtureResults();
    r.manifest.unit = 'students';
    // 1,255/11,976 = 10.5 % against 2,620/53,000 = 4.9 %: ratio 2.12
    const strong = checkOn(group(r, 'nationality×disability', 'non_eu×not_disabled'), 'selection_rate_ratio', 'cells', 'fail');
    const weak = checkOn(group(r, 'nationality×disability', 'eu×disabled'), 'selection_rate_ratio', 'cells', 'inconclusive');
    r.checks = [strong, weak];
    r.summary = { verdict: 'fail', pass: 0, fail: 1, inconclusive: 1 };
    const text = summarySentences(r).map((s) => s.text);
    expect(text).toContainEqual(
      expect.stringMatching(
        /^1 of 2 cells of nationality×disability fails check cells and 1 is inconclusive \(every cell is in the verdict table\)\. Strongest: students with nationality non_eu and disability not_disabled are flagged more often than the reference group french×not_disabled: 2\.12 times as often \(10\.5 % = 1,255 of 11,976, against 4\.9 % = 2,620 of 53,000 for french×not_disabled; 95 % CI/,
      ),
    );
    r.checks = [strong];
    r.summary = { verdict: 'fail', pass: 0, fail: 1, inconclusive: 0 };
    expect(summarySentences(r)[0]!.text).toBe('Overall verdict: fail. Of 1 check, 1 failed, 0 were inconclusive and 0 passed.');
  });
});

describe('citations in the summary', () => {
  it("cite a tolerance's source in full once, then by its short name; another source is cited in full", () => {
    const r = fixtureResults();
    const OTHER = 'Equal false-positive rates (Hardt, Price & Srebro 2016)';
    const a = checkOn(group(r, 'nationality', 'non_eu'), 'selection_rate_ratio', 'four-fifths', 'fail');
    const b = checkOn(group(r, 'nationality', 'eu'), 'selection_rate_ratio', 'four-fifths', 'inconclusive');
    const c = { ...checkOn(group(r, 'nationality', 'non_eu'), 'selection_rate_ratio', 'other', 'fail'), source: OTHER };
    r.checks = [a, b, c];
    r.summary = { verdict: 'fail', pass: 0, fail: 2, inconclusive: 1 };
    const findings = summarySentences(r).filter((s) => s.kind === 'finding').map((s) => s.text);
    const full = findings.filter((t) => t.includes(`source: ${EEOC}`));
    const again = findings.filter((t) => t.includes('per the battery, source: EEOC Uniform Guidelines, cited in full above'));
    expect(full).toHaveLength(1);
    expect(findings.indexOf(full[0]!)).toBeLessThan(findings.indexOf(again[0]!));
    expect(again.length).toBeGreaterThanOrEqual(1);
    expect(findings.filter((t) => t.includes(`source: ${OTHER}`))).toHaveLength(1);
    // a sentence on its own (the verdict table, junit) always cites in full
    expect(describeCheck(b, sentenceContext(r))).toContain(`source: ${EEOC}`);
  });
});

describe('short names of sources', () => {
  it('drop bracketed words before cutting at a comma, so the name stays a phrase', () => {
    expect(shortSource('Equal false-positive (wrongful-exclusion) rates, error-rate balance (Hardt, Price & Srebro 2016)')).toBe('Equal false-positive rates');
    expect(shortSource('four-fifths rule (US EEOC Uniform Guidelines, 29 CFR 1607.4(D)) and its reciprocal')).toBe('four-fifths rule and its reciprocal');
    expect(shortSource('Four-fifths rule, US EEOC Uniform Guidelines')).toBe('Four-fifths rule');
    expect(shortSource('(only brackets)')).toBe('(only brackets)');
  });

  it('are used only when no other source of the results shares them', () => {
    const a = 'Four-fifths rule, 29 CFR 1607.4(D)';
    const b = 'four-fifths rule (US EEOC), applied symmetrically';
    const c = 'Equal false-positive rates (Hardt 2016)';
    expect([...shortenableSources([a, b, c, null, c])]).toEqual([c]);
    const r = fixtureResults();
    const first = checkOn(group(r, 'nationality', 'non_eu'), 'selection_rate_ratio', 'x', 'fail');
    r.checks = [{ ...first, source: a }, { ...checkOn(group(r, 'nationality', 'eu'), 'selection_rate_ratio', 'y', 'fail'), source: b }, { ...first, id: 'z', source: a }];
    r.summary = { verdict: 'fail', pass: 0, fail: 3, inconclusive: 0 };
    const text = summarySentences(r).map((x) => x.text).join('\n');
    expect(text).not.toContain('cited in full above');
    expect(text.split(`source: ${a}`)).toHaveLength(3);
  });
});

describe('metric labels in sentences', () => {
  it('take "an" before a vowel sound ("an equal burden")', () => {
    expect(withArticle('equal burden')).toBe('an equal burden');
    expect(withArticle('observed expected ratio')).toBe('an observed expected ratio');
    expect(withArticle('false positive rate')).toBe('a false positive rate');
    expect(withArticle('AUC')).toBe('an AUC');
    expect(withArticle('FPR')).toBe('an FPR');
    expect(withArticle('KS distance')).toBe('a KS distance');
    expect(withArticle('unit of work')).toBe('a unit of work');
    expect(withArticle('European rule')).toBe('a European rule');
  });

  it('statistics of the group alone read "have an equal burden of …", not "have a equal burden"', () => {
    const ctx = sentenceContext(fixtureResults());
    const base = { attribute: 'foreign_background', group: 'foreign', reference: null, level: 0.95, tolerance: { bounds: [0.8, 1.25] as const, origin: 'default' as const, source: null } };
    expect(describeComparison({ ...base, metric: 'equal_burden', value: 1.843, ci: [1.5, 2.1], verdict: 'fail' }, ctx)).toBe(
      'Households with foreign_background foreign have an equal burden of 1.843 (95 % CI 1.500–2.100; tolerance 0.800–1.250 by default, no source cited): fail.',
    );
    expect(describeComparison({ ...base, metric: 'statistical_parity', value: 1.2, ci: [1.1, 1.3] }, ctx)).toMatch(/^Households with foreign_background foreign have a statistical parity of 1\.200 /);
    // a ratio with no reference group (calibration) is not a comparison with one
    expect(describeComparison({ ...base, metric: 'observed_expected_ratio', value: 0.85, ci: [0.8, 0.9] }, ctx)).toMatch(/^Households with foreign_background foreign have an observed expected ratio of 0\.85 \(95 % CI 0\.80–0\.90;/);
    expect(describeComparison({ ...base, metric: 'auc', value: 0.71, ci: [0.69, 0.73] }, ctx)).toMatch(/have an auc of 0\.710 /);
  });
});

/** Method ids the harness can write: the IntervalMethod, PValueMethod and Correction unions and every `method: '…'` literal. */
function harnessMethodIds(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) files.push(path);
    }
  };
  walk('harness');
  const ids = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bmethod: '([a-z][a-z-]*)'/g)) ids.add(m[1]!);
    for (const m of text.matchAll(/export type (?:IntervalMethod|PValueMethod|Correction)\s*=([^;]+);/g)) {
      for (const id of m[1]!.matchAll(/'([a-z][a-z-]*)'/g)) ids.add(id[1]!);
    }
  }
  return [...ids].sort();
}

describe('method names in prose', () => {
  it('the registry names every method id the harness writes, with a plain-English name', () => {
    const ids = harnessMethodIds();
    for (const id of ['wilson', 'katz-log', 'koopman-score', 'delong-logit-wald-difference', 'fisher-exact', 'holm']) expect(ids).toContain(id);
    expect(ids.filter((id) => METHOD_NAMES[id] === undefined)).toEqual([]);
    for (const id of ids) expect(METHOD_NAMES[id]!.name, id).not.toBe(id);
    expect(methodProse('katz-log')).toBe('Katz log interval (Katz et al. 1978)');
    expect(methodName('tango-score-paired')).toBe('Tango score interval for a paired difference');
    expect(methodProse('normal-mean')).toBe('normal interval for a mean');
    expect(methodProse('my-own-interval')).toBe('my-own-interval');
  });

  it('the Methods paragraph names every method in words with its reference, never by id (unknown ids excepted)', () => {
    const r = fixtureResults();
    const g = group(r, 'nationality', 'eu');
    const mv = (method: string, reference: string | null) => ({ value: 1.1, ci: [1, 1.2] as [number, number], level: 0.95, method, reference });
    g.metrics['mean_score_ratio'] = mv('delta-log-mean-ratio', 'french');
    g.metrics['observed_expected_ratio'] = mv('byar-poisson', null);
    g.metrics['auc_difference'] = mv('delong-logit-wald-difference', 'french');
    g.metrics['ks_distance'] = mv('dkw-band', 'french');
    g.metrics['theil_index'] = mv('my-own-interval', null);
    g.metrics['selection_rate_ratio']!.method = 'koopman-score';
    r.checks[0]!.p_method = 'interval-inversion';
    r.summary.rule = { method: 'bonferroni', error: 'family-wise', family_size: r.checks.length, level: 1 - 0.05 / r.checks.length, alpha: 0.05, requested: 'holm' };
    const text = methodsText(Results.parse(r)).join('\n');
    expect(text).toContain(
      'Intervals (95 %, alpha = 0.05): rates use the Wilson score interval (Wilson 1927); ' +
        'ratios the Koopman score interval (Koopman 1984), the Katz log interval (Katz et al. 1978), the delta-method interval for a ratio of means on the log scale (Oehlert 1992) ' +
        "and Byar's approximation to the exact Poisson interval (Breslow & Day 1987); " +
        'differences the Newcombe hybrid score interval (Newcombe 1998) and the Wald interval for a difference of AUCs from DeLong standard errors (DeLong et al. 1988); ' +
        'other statistics the Dvoretzky–Kiefer–Wolfowitz band (Dvoretzky, Kiefer & Wolfowitz 1956; Massart 1990) and my-own-interval.',
    );
    const m = r.checks.length;
    expect(text).toContain(
      `All ${m} check intervals are computed at ${formatLevel(1 - 0.05 / m)} instead of 95 % (Bonferroni: alpha 0.05 divided by ${m}), so that they hold all together with probability at least 95 %. ` +
        'The chance that even one fail, pass or direction stated in this report is wrong is therefore at most 5 %. ' +
        "(The battery asked for Holm's correction; a check can be wrong in two directions, a false fail or a false pass, which Holm's step-down cannot both control, so Bonferroni's is used.)",
    );
    for (const id of ['katz-log', 'koopman-score', 'delta-log-mean-ratio', 'byar-poisson', 'delong-logit-wald-difference', 'dkw-band', 'interval-inversion']) {
      expect(text).not.toContain(id);
    }
  });

  it('junit.xml names the interval method and the correction in words', () => {
    const xml = writeJunit(fixtureResults());
    expect(xml).toContain('interval: 1.12–1.29 (Katz log interval)');
    expect(xml).toContain('(Holm&apos;s step-down procedure)');
  });
});
