import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Results } from '../../harness/results/index.js';
import { displayNames } from '../../reports/shared/index.js';
import { runCli } from '../cli/run-cli.js';

/**
 * The default battery's report, end to end through the built CLI (`npm test` builds first):
 * the acceptance tests of issue 6 that need a real report.
 */
let OUT: string;
let run: ReturnType<typeof runCli>;
let html: string;
let results: Results;
beforeAll(() => {
  OUT = join(mkdtempSync(join(tmpdir(), 'disparate-default-report-')), 'out');
  run = runCli(['run', 'batteries/default.yaml', '--out', OUT, '--size', '20000']);
  html = readFileSync(`${OUT}/report.html`, 'utf8');
  results = Results.parse(JSON.parse(readFileSync(`${OUT}/results.json`, 'utf8')));
}, 300_000);

const unescape = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
/** A direction claimed: only allowed when the interval lies on one side of parity. */
const DIRECTION = /\b(are flagged (more|less) often than|have a (higher|lower) .+ than)\b/;
/** No direction claimed: only allowed when the interval includes parity (or there is none). */
const NO_DIRECTION = /\bbut (the interval includes parity|no interval could be estimated), so no direction is established\b/;
const UNKNOWN = /\bcould not be estimated \(a zero count\), so its direction is unknown\b/;
const INTERVAL = /\b\d+(\.\d)? % CI (−?[\d.]+–−?[\d.]+( %)?|[+−]?[\d.]+ pp to [+−]?[\d.]+ pp|not estimable)[;)]/;

/** The interval of a sentence as [lo, hi, parity]: ratios against 1, differences (pp) against 0; null when not estimable. */
function intervalOf(s: string): [number, number, number] | null {
  const num = (x: string): number => Number(x.replace('−', '-').replace('+', ''));
  const ratio = / % CI (−?[\d.]+)–(−?[\d.]+)[;)]/.exec(s);
  if (ratio) return [num(ratio[1]!), num(ratio[2]!), 1];
  const diff = / % CI ([+−]?[\d.]+) pp to ([+−]?[\d.]+) pp[;)]/.exec(s);
  return diff ? [num(diff[1]!), num(diff[2]!), 0] : null;
}

describe('default report', () => {
  it('exits 1 (the default battery fails its checks, as the README says) and writes every artefact', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
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
    // references are named in words (the population spec's labels); an intersection's as a list
    const names = displayNames(results);
    // everyone else (reference overall, recorded as "(rest)") is named "all other households"
    const references = Object.entries(results.manifest.references).map(([a, r]) => (r.group === '(rest)' ? 'all other households' : `the reference group ${names.group(a, r.group)}`));
    for (const s of sentences) {
      const ref = references.find((r) => s.includes(r));
      expect(ref, `${s}\n(no reference among ${references.join('; ')})`).toBeDefined();
      expect(s, s).toMatch(INTERVAL);
      expect(s, s).toMatch(/tolerance .+ (per the battery|by default)|no tolerance set/);
      // Direction named, or said not to be established, or unknown; each only when the interval allows it.
      expect([DIRECTION, NO_DIRECTION, UNKNOWN].filter((re) => re.test(s)), s).toHaveLength(1);
      const ci = intervalOf(s);
      if (DIRECTION.test(s)) {
        // printed bounds are rounded: a bound shown equal to parity may still lie on the claimed side
        expect(ci, s).not.toBeNull();
        expect(ci![0] < ci![2] && ci![2] < ci![1], `${s}\n(a direction is claimed, but the interval includes parity)`).toBe(false);
      }
      if (NO_DIRECTION.test(s)) {
        if (s.includes('the interval includes parity')) expect(ci !== null && ci[0] <= ci[2] && ci[2] <= ci[1], `${s}\n(the interval does not include parity)`).toBe(true);
        else expect(ci, s).toBeNull();
      }
    }
    // the verdict sentence opens the front page, apart from the findings
    expect(html).toMatch(/<p class="verdict-line"><span class="badge v-fail">✗ fail<\/span> The audit fails: \d+ of \d+ checks show a disparity by /);
  });

  it('junit.xml has one testcase per check with the right counts', () => {
    const xml = readFileSync(`${OUT}/junit.xml`, 'utf8');
    const { pass, fail, inconclusive } = results.summary;
    expect(xml.match(/<testcase\b/g)?.length ?? 0).toBe(pass + fail + inconclusive);
    expect(xml).toContain(`<testsuite name="${results.manifest.title}" tests="${pass + fail + inconclusive}" failures="${fail + inconclusive}" errors="0" skipped="0"`);
  });
});
