import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Results } from '../../harness/results/index.js';
import { loadVegaBundles } from '../../reports/index.js';
import { runCli } from '../cli/run-cli.js';

/**
 * The default battery's report, end to end through the built CLI (`npm test` builds first):
 * the acceptance tests of issue 6 that need a real report.
 */
const OUT = 'test/output/default';
const run = runCli(['run', 'batteries/default.yaml', '--out', OUT, '--size', '20000']);
const html = readFileSync(`${OUT}/report.html`, 'utf8');
const results = Results.parse(JSON.parse(readFileSync(`${OUT}/results.json`, 'utf8')));

const unescape = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const DIRECTION = /\b(are flagged (more often than|less often than|as often as)|have (a higher|a lower|the same) .+ (than|as)|direction is unknown)\b/;
const INTERVAL = /\b\d+(\.\d)? % CI (−?[\d.]+–−?[\d.]+( %)?|[+−]?[\d.]+ pp to [+−]?[\d.]+ pp|not estimable)[;)]/;

describe('default report', () => {
  it('runs and writes every artefact', () => {
    expect([0, 1], run.stderr).toContain(run.status);
    for (const f of ['report.html', 'report.md', 'results.json', 'junit.xml', 'ratio-forest.svg', 'ratio-forest.png', 'ratio-forest.vl.json']) {
      expect(statSync(`${OUT}/${f}`).size, f).toBeGreaterThan(0);
    }
  });

  it('every summary sentence names the reference group, the direction and the interval', () => {
    const list = /<ul class="summary">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
    const sentences = [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => unescape(m[1]!.replace(/<[^>]+>/g, '')));
    // One sentence per failing or inconclusive check of a single attribute, one per intersection check.
    const single = new Set(results.manifest.protected);
    const notPassing = results.checks.filter((c) => c.verdict !== 'pass');
    const expected = notPassing.filter((c) => single.has(c.attribute)).length + new Set(notPassing.filter((c) => !single.has(c.attribute)).map((c) => `${c.id} ${c.attribute}`)).size;
    expect(sentences.length).toBeGreaterThanOrEqual(expected);
    const references = new Set(Object.values(results.manifest.references).map((r) => r.group));
    for (const s of sentences) {
      const ref = /the reference group (\S+?)[:\s]/.exec(s)?.[1];
      expect(ref, s).toBeDefined();
      expect(references.has(ref!), `${s}\n(reference ${ref} not among ${[...references].join(', ')})`).toBe(true);
      expect(s, s).toMatch(DIRECTION);
      expect(s, s).toMatch(INTERVAL);
      expect(s, s).toMatch(/tolerance .+ (per the battery|by default)|no tolerance set/);
    }
    // the overall verdict line is a separate paragraph, not a finding
    expect(html).toMatch(/<p class="overall">.*Overall verdict: (pass|fail|inconclusive)\./);
  });

  it('junit.xml has one testcase per check with the right counts', () => {
    const xml = readFileSync(`${OUT}/junit.xml`, 'utf8');
    const { pass, fail, inconclusive } = results.summary;
    expect(xml.match(/<testcase\b/g)?.length ?? 0).toBe(pass + fail + inconclusive);
    expect(xml).toContain(`<testsuite name="${results.manifest.title}" tests="${pass + fail + inconclusive}" failures="${fail + inconclusive}" errors="0" skipped="0"`);
  });
});

describe('report size', () => {
  it('the HTML of a 1 M-row battery stays under 2 MB (with room for --interactive)', () => {
    const big = runCli(['run', 'batteries/default.yaml', '--out', 'test/output/default-1m', '--size', '1000000']);
    expect([0, 1], big.stderr).toContain(big.status);
    expect(Results.parse(JSON.parse(readFileSync('test/output/default-1m/results.json', 'utf8'))).manifest.rows).toBe(1_000_000);
    const size = statSync('test/output/default-1m/report.html').size;
    expect(size).toBeLessThan(2_000_000);
    // --interactive adds the three bundles and one spec per chart
    const bundles = loadVegaBundles().reduce((a, b) => a + Buffer.byteLength(b), 0);
    expect(size * 1.5 + bundles).toBeLessThan(2_000_000);
  }, 120_000);
});
