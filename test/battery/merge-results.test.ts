import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeResults, type MergeInput } from '../../harness/merge/index.js';
import { auditDecisions } from '../../harness/pipeline/index.js';
import { Check } from '../../harness/config/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { Results } from '../../harness/results/index.js';
import { fixedContext } from '../helpers.js';

/**
 * The key property of `merge`: auditing disjoint parts of a decisions file and merging the results
 * gives the audit of the whole file, group by group and check by check, for every metric that is a
 * function of the counts; the rest is dropped and named.
 */
const SOURCE = 'test/fixtures/peer-crosscheck/population_20000.csv';
const dir = mkdtempSync(join(tmpdir(), 'disparate-merge-'));
const [header, ...rows] = readFileSync(SOURCE, 'utf8').trimEnd().split('\n');
const NATIONALITY = header!.split(',').indexOf('nationality');

const checks = [
  Check.parse({ id: 'four-fifths', metric: 'selection_rate_ratio' }),
  Check.parse({ id: 'fpr-parity', metric: 'false_positive_rate_ratio', bounds: [0.8, 1.25], source: 'error-rate balance' }),
  Check.parse({ id: 'nationality-gap', metric: 'selection_rate_difference', attribute: 'nationality', test: 'equivalence' }),
  Check.parse({ id: 'mean-score', metric: 'mean_score_ratio', bounds: [0.9, 1.1] }),
  Check.parse({ id: 'score-gap', metric: 'ks_distance', bounds: [0, 0.1] }),
];

function audit(file: string, declared: readonly Check[] = checks): Results {
  return auditDecisions({
    file,
    protected: ['nationality', 'disability', 'income_band'],
    flag: 'flagged',
    label: 'label',
    score: 'score',
    references: new Map([['nationality', { group: 'national', origin: 'cli' as const, where: '--reference nationality=national' }]]),
    alpha: 0.05,
    correction: 'holm',
    minCell: 30,
    checks: [...declared],
    title: 'merge test',
    battery: null,
    context: fixedContext,
  });
}

/** Writes the rows `keep` selects (by row and index) to a CSV of their own, audits it and returns it as a merge input. */
function part(name: string, keep: (row: string, i: number) => boolean): MergeInput {
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, `${[header, ...rows.filter(keep)].join('\n')}\n`);
  return { file: `${name}.json`, results: audit(file) };
}

const whole = audit(SOURCE);
/**
 * The whole file judged on the checks a merge can recompute: every check is in the verdict family,
 * so dropping one (score-gap needs the score distribution) makes the merged family smaller.
 */
const wholeCounts = audit(SOURCE, checks.filter((c) => c.id !== 'score-gap'));
const thirds = [0, 1, 2].map((k) => part(`third-${k}`, (_, i) => i % 3 === k));
const merged = mergeResults(thirds, fixedContext);
/** A part without any non-EU row (a municipality with none), and the rest. */
const uneven = [part('no-non-eu', (r, i) => r.split(',')[NATIONALITY] !== 'non_eu' && i % 2 === 0), part('rest', (r, i) => r.split(',')[NATIONALITY] === 'non_eu' || i % 2 === 1)];
const mergedUneven = mergeResults(uneven, fixedContext);

const DROPPED = ['ks_distance', 'wasserstein_distance', 'auc', 'auc_difference', 'observed_expected_ratio', 'top_decile_overrepresentation'];

function close(actual: number | null | undefined, expected: number | null | undefined, what: string) {
  if (expected === null || expected === undefined) {
    expect(actual ?? null, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(Math.abs(actual! - expected), what).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

/** Every group of the whole-file audit against the merged one: counts exactly, recomputed metrics to 1e-12. */
function expectSameGroups(result: Results) {
  expect(result.groups.map((g) => `${g.attribute}=${g.group}`)).toEqual(whole.groups.map((g) => `${g.attribute}=${g.group}`));
  let compared = 0;
  for (const w of whole.groups) {
    const g = result.groups.find((x) => x.attribute === w.attribute && x.group === w.group)!;
    const where = `${w.attribute}=${w.group}`;
    for (const field of ['n', 'flagged', 'tp', 'fp', 'tn', 'fn', 'labelled', 'is_reference', 'small_cell'] as const) expect(g[field], `${where} ${field}`).toBe(w[field]);
    close(g.mean_score, w.mean_score, `${where} mean_score`);
    expect(g.score_histogram?.counts, `${where} score histogram`).toEqual(w.score_histogram?.counts);
    for (const [id, v] of Object.entries(w.metrics)) {
      const m = g.metrics[id];
      if (DROPPED.includes(id)) {
        expect(m, `${where} ${id}`).toBeUndefined();
        continue;
      }
      expect(m, `${where} ${id}`).toBeDefined();
      close(m!.value, v.value, `${where} ${id} value`);
      close(m!.ci?.[0], v.ci?.[0], `${where} ${id} ci`);
      close(m!.ci?.[1], v.ci?.[1], `${where} ${id} ci`);
      close(m!.lower_bound, v.lower_bound, `${where} ${id} lower bound`);
      close(m!.numerator, v.numerator, `${where} ${id} numerator`);
      close(m!.denominator, v.denominator, `${where} ${id} denominator`);
      close(m!.sum_of_squares, v.sum_of_squares, `${where} ${id} sum of squares`);
      expect([m!.method, m!.reference, m!.level], `${where} ${id}`).toEqual([v.method, v.reference, v.level]);
      compared++;
    }
    expect(Object.keys(g.metrics).length).toBe(Object.keys(w.metrics).filter((id) => !DROPPED.includes(id)).length);
  }
  return compared;
}

const verdictRow = (c: Results['checks'][number]) => `${c.id} ${c.attribute}=${c.group}: ${c.verdict}`;

function expectSameChecks(result: Results) {
  const kept = wholeCounts.checks;
  expect(result.checks.map(verdictRow)).toEqual(kept.map(verdictRow));
  result.checks.forEach((c, i) => {
    const w = kept[i]!;
    close(c.value, w.value, `${c.id} ${c.group} value`);
    close(c.p_value, w.p_value, `${c.id} ${c.group} p`);
    close(c.adjusted_p_value, w.adjusted_p_value, `${c.id} ${c.group} adjusted p`);
    close(c.ci?.[0], w.ci?.[0], `${c.id} ${c.group} lower limit`);
    close(c.ci?.[1], w.ci?.[1], `${c.id} ${c.group} upper limit`);
    expect([c.bounds, c.bounds_origin, c.source, c.claim, c.direction, c.p_method, c.level]).toEqual([w.bounds, w.bounds_origin, w.source, w.claim, w.direction, w.p_method, w.level]);
  });
}

describe('merge: disjoint parts of a decisions file add up to the whole', () => {
  it('three thirds: every group count and every recomputed metric, interval and count equals the whole-file audit (1e-12)', () => {
    expect(() => Results.parse(merged)).not.toThrow();
    expect(expectSameGroups(merged)).toBeGreaterThan(600);
  });

  it('three thirds: check verdicts (p-values adjusted across the merged battery), references, small and suppressed cells and worst groups equal the whole', () => {
    expectSameChecks(merged);
    expect(merged.summary).toEqual(wholeCounts.summary);
    expect(merged.summary).toMatchObject(summaryOf(wholeCounts.checks));
    expect(merged.manifest.references).toEqual(whole.manifest.references);
    expect(merged.suppressed).toEqual(whole.suppressed);
    const kept = (w: NonNullable<Results['worst_groups']>[number]) => !DROPPED.includes(w.metric);
    expect(merged.worst_groups!.map((w) => [w.attribute, w.metric, w.group])).toEqual(whole.worst_groups!.filter(kept).map((w) => [w.attribute, w.metric, w.group]));
  });

  it('a part with no row of a group (no non-EU applicants) counts as zero there: still the whole, intersection cells included', () => {
    expect(uneven[0]!.results.groups.some((g) => g.group === 'non_eu')).toBe(false);
    expectSameGroups(mergedUneven);
    expectSameChecks(mergedUneven);
    expect(mergedUneven.suppressed).toEqual(whole.suppressed);
  });

  it('the order of the inputs does not change the groups or the checks', () => {
    const reversed = mergeResults([...thirds].reverse(), fixedContext);
    expect(reversed.groups).toEqual(merged.groups);
    expect(reversed.checks).toEqual(merged.checks);
  });

  it('metrics, sections and checks that need the score distribution are dropped, each named once in a merge-dropped warning', () => {
    const dropped = merged.warnings.filter((w) => w.code === 'merge-dropped').map((w) => w.message.split(':')[0]);
    expect(dropped.sort()).toEqual([...DROPPED, 'selection_curves', 'check score-gap (ks_distance)'].sort());
    expect(merged.selection_curves).toBeUndefined();
    expect(merged.warnings.find((w) => w.message.startsWith('check score-gap'))?.message).toMatch(/cannot be recomputed/);
  });

  it('records the merge in the manifest: rows summed, merged_from, title and command from the context', () => {
    const m = merged.manifest;
    expect(m.rows).toBe(20000);
    expect(m.title).toBe('Merged: merge test');
    expect([m.command, m.started, m.platform]).toEqual([fixedContext.command, fixedContext.started, fixedContext.platform]);
    expect(m.merged_from!.map((f) => [f.file, f.rows])).toEqual(thirds.map((t) => [t.file, t.results.manifest.rows]));
    expect(m.merged_from![0]!.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(m.data).toBeNull();
  });
});

describe('merge refuses inputs that are not parts of one population', () => {
  const refusal = (inputs: MergeInput[]) => {
    try {
      mergeResults(inputs, fixedContext);
    } catch (e) {
      expect(e).toBeInstanceOf(DisparateError);
      return e as DisparateError;
    }
    throw new Error('not refused');
  };
  const [a, b] = thirds as [MergeInput, MergeInput];
  const changed = (input: MergeInput, manifest: Partial<Results['manifest']>, file = 'changed.json'): MergeInput => ({
    file,
    results: { ...input.results, manifest: { ...input.results.manifest, ...manifest } },
  });

  it('fewer than two inputs: usage error', () => {
    expect(refusal([a]).code).toBe('usage');
  });
  it('the same run twice: data error naming the file and the hash field', () => {
    const e = refusal([a, { ...a, file: 'again.json' }]);
    expect([e.code, e.message]).toEqual(['data', expect.stringMatching(/^again\.json: manifest\.data\.hash: the same run as third-0\.json/)]);
  });
  it('different protected attributes, alpha, correction or min_cell: the file and the field', () => {
    expect(refusal([a, changed(b, { protected: ['nationality', 'disability'] })]).message).toMatch(
      /^changed\.json: manifest\.protected: differs between the inputs \("nationality, disability, income_band" in third-0\.json, "nationality, disability" in changed\.json\)/,
    );
    expect(refusal([a, changed(b, { alpha: 0.1 })]).message).toMatch(/^changed\.json: manifest\.alpha: /);
    expect(refusal([a, changed(b, { correction: 'bonferroni' })]).message).toMatch(/^changed\.json: manifest\.correction: /);
    expect(refusal([a, changed(b, { min_cell: 5 })]).message).toMatch(/^changed\.json: manifest\.min_cell: /);
    expect(refusal([a, changed(b, { mode: 'run' })]).message).toMatch(/^changed\.json: manifest\.mode: /);
  });
  it('a reference set explicitly to another group', () => {
    const refs = { ...b.results.manifest.references, nationality: { group: 'eu', origin: 'cli' as const } };
    expect(refusal([a, changed(b, { references: refs })]).message).toMatch(/^changed\.json: manifest\.references\.nationality: reference "eu" \(cli\) differs from "national"/);
  });
  it('checks declared differently (bounds), or a check missing from one input: the manifest records them', () => {
    const declared = b.results.manifest.checks!;
    const bounds = changed(b, { checks: declared.map((c) => (c.id === 'fpr-parity' ? { ...c, bounds: [0.5, 2] as [number, number] } : c)) });
    expect(refusal([a, bounds]).message).toMatch(/^changed\.json: manifest\.checks: differs between the inputs/);
    const missing = changed(b, { checks: declared.filter((c) => c.id !== 'four-fifths') });
    expect(refusal([a, missing]).message).toMatch(/^changed\.json: manifest\.checks: differs between the inputs/);
  });
  it('corrupted counts: flagged above n, a group twice, groups that do not add up to the rows', () => {
    const group0 = b.results.groups[0]!;
    const tooMany = { file: 'tooMany.json', results: { ...b.results, groups: [{ ...group0, flagged: group0.n + 1 }, ...b.results.groups.slice(1)] } };
    expect(refusal([a, tooMany]).message).toMatch(/^tooMany\.json: groups\.0\.flagged: more flagged/);
    const twice = { file: 'twice.json', results: { ...b.results, groups: [...b.results.groups, group0] } };
    expect(refusal([a, twice]).message).toMatch(/^twice\.json: groups\.\d+\.group: .* appears twice/);
    const short = { file: 'short.json', results: { ...b.results, groups: b.results.groups.filter((g) => g !== group0) } };
    expect(refusal([a, short]).message).toMatch(/^short\.json: groups: the groups add up to/);
  });
});

/** The summary the usual rules give these check rows: any fail fails, else any inconclusive (or none at all) is inconclusive. */
function summaryOf(rows: readonly Results['checks'][number][]): Results['summary'] {
  const count = (v: string) => rows.filter((r) => r.verdict === v).length;
  const [pass, fail, inconclusive] = [count('pass'), count('fail'), count('inconclusive')];
  return { verdict: fail > 0 ? 'fail' : inconclusive > 0 || rows.length === 0 ? 'inconclusive' : 'pass', pass, fail, inconclusive };
}
