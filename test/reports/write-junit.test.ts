import { describe, expect, it } from 'vitest';
import { escapeXml, writeJunit } from '../../reports/writers/index.js';
import { fixtureResults } from './fixture-results.js';

/** Attributes of the first element named `tag`. */
function attrs(xml: string, tag: string): Record<string, string> {
  const m = new RegExp(`<${tag}\\b([^>]*)>`).exec(xml);
  return Object.fromEntries([...(m?.[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
}

describe('writeJunit', () => {
  const r = fixtureResults(); // checks: fail, inconclusive, pass, pass

  it('one testcase per check; inconclusive counts as a failure by default, like the exit code', () => {
    const xml = writeJunit(r);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(xml.match(/<testcase\b/g)).toHaveLength(4);
    expect(attrs(xml, 'testsuite')).toMatchObject({ tests: '4', failures: '2', errors: '0', skipped: '0' });
    expect(attrs(xml, 'testsuites')).toMatchObject({ tests: '4', failures: '2', errors: '0', skipped: '0' });
    expect(xml.match(/<failure type="fail"/g)).toHaveLength(1);
    expect(xml.match(/<failure type="inconclusive"/g)).toHaveLength(1);
    expect(xml).toContain('name="nationality-non_eu-selection: nationality = non_eu"');
    expect(xml).toContain('flagged more often than the reference group french: 2.10 times as often (10.5 % = 1,260 of 12,000, against 5.0 % = 3,000 of 60,000 for french; 95 % CI 1.97–2.24; tolerance 0.80–1.25 per the battery');
    // the details name the interval method in words, not by its id
    expect(xml).toContain('interval: 1.97–2.24 (Katz log interval)');
    expect(xml).not.toContain('katz-log');
  });

  it('with the battery\'s inconclusive: pass, inconclusive checks are skipped with a message', () => {
    const xml = writeJunit(r, 'pass');
    expect(attrs(xml, 'testsuite')).toMatchObject({ tests: '4', failures: '1', skipped: '1' });
    expect(xml).toMatch(/<skipped message="inconclusive \(counted as pass by the battery\): [^"]+"\/>/);
  });

  it('has no testcase and zero counts without checks', () => {
    const x = fixtureResults();
    x.checks = [];
    const xml = writeJunit(x);
    expect(xml).not.toContain('<testcase');
    expect(attrs(xml, 'testsuite')).toMatchObject({ tests: '0', failures: '0', skipped: '0' });
  });

  it('escapeXml handles markup, ]]>, quotes, line breaks, control characters and lone surrogates', () => {
    expect(escapeXml(`<a b="c" d='e'>&]]>`)).toBe('&lt;a b=&quot;c&quot; d=&apos;e&apos;&gt;&amp;]]&gt;');
    expect(escapeXml('a\nb\tc\rd')).toBe('a&#10;b&#9;c&#13;d');
    expect(escapeXml('x\u0000\u0007\u001b\uFFFEy\uD800z')).toBe('x\uFFFD\uFFFD\uFFFD\uFFFDy\uFFFDz');
    expect(escapeXml('emoji 😀 stays')).toBe('emoji 😀 stays');
  });
});
