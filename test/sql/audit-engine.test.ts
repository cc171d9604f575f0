import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDecisions, type AuditOptions } from '../../harness/pipeline/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import type { GroupResult, Results } from '../../harness/results/index.js';
import { cellsQuery, emittedQuery, openEngine, quoteText } from '../../datasets/sql/index.js';
import { fixedContext } from '../helpers.js';

/**
 * The audit through DuckDB in process: aggregated inputs as agencies and journalists publish them,
 * withheld counts, expressions instead of preprocessing, duplicate column names, and the emitted query
 * whose output (--cells) gives the row-level results. Rates are checked against values worked out by hand.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-audit-engine-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

const base = (file: string, extra: Partial<AuditOptions>): AuditOptions => ({
  file,
  protected: ['g'],
  flag: 'flag',
  references: new Map([['g', { group: 'a', origin: 'cli' as const, where: '--reference g=a' }]]),
  alpha: 0.05,
  correction: 'holm',
  minCell: 1,
  checks: [],
  title: 'engine test',
  battery: null,
  context: fixedContext,
  sweep: false,
  ...extra,
});

const group = (r: Results, g: string, attribute = 'g'): GroupResult => r.groups.find((x) => x.attribute === attribute && x.group === g)!;
const value = (r: Results, g: string, metric: string) => group(r, g).metrics[metric]?.value;

async function dataError(run: () => Promise<unknown>, pattern: RegExp, kind: 'data' | 'usage' = 'data') {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DisparateError);
  expect((error as DisparateError).code, (error as Error).message).toBe(kind);
  expect((error as Error).message).toMatch(pattern);
}

// One row per group × flag × label, the layout of Lighthouse Reports' published Amsterdam counts.
// Group a: TP 30, FP 20, FN 10, TN 140 (200 cases); group b: TP 10, FP 30, FN 20, TN 240 (300 cases).
const CONFUSION = 'g,flag,label,n\na,1,1,30\na,1,0,20\na,0,1,10\na,0,0,140\nb,1,1,10\nb,1,0,30\nb,0,1,20\nb,0,0,240\n';
// The same cases as positives among each group × flag count.
const POSITIVES = 'g,flag,n,pos\na,1,50,30\na,0,150,10\nb,1,40,10\nb,0,260,20\n';

describe('aggregated inputs without a trap', () => {
  it('--count with a 0/1 label per row: each row\'s cases all positive or all negative (rates by hand)', async () => {
    const r = await auditDecisions(base(write('confusion.csv', CONFUSION), { count: 'n', label: 'label' }));
    expect(group(r, 'a')).toMatchObject({ n: 200, flagged: 50, tp: 30, fp: 20, fn: 10, tn: 140 });
    expect(group(r, 'b')).toMatchObject({ n: 300, flagged: 40, tp: 10, fp: 30, fn: 20, tn: 240 });
    expect(value(r, 'a', 'selection_rate')).toBeCloseTo(50 / 200, 12);
    expect(value(r, 'b', 'false_positive_rate')).toBeCloseTo(30 / 270, 12);
    expect(value(r, 'b', 'true_positive_rate')).toBeCloseTo(10 / 30, 12);
    expect(value(r, 'a', 'precision')).toBeCloseTo(30 / 50, 12);
    expect(value(r, 'b', 'false_positive_rate_ratio')).toBeCloseTo(30 / 270 / (20 / 160), 12);
  });

  it('--count with --positives gives the same cases, so the same figures', async () => {
    const rows = await auditDecisions(base(write('confusion2.csv', CONFUSION), { count: 'n', label: 'label' }));
    const positives = await auditDecisions(base(write('positives.csv', POSITIVES), { count: 'n', positives: 'pos' }));
    expect(positives.groups).toEqual(rows.groups);
  });

  it('a label that is a number of positives is refused with --count, naming the row and --positives', async () => {
    await dataError(() => auditDecisions(base(write('old-meaning.csv', POSITIVES), { count: 'n', label: 'pos' })), /old-meaning\.csv: label column "pos" must be 0 or 1 per row .* found "30" at row 1; for the number of positives among the count, use --positives pos/);
  });

  it('--positives beyond the row\'s count is refused, naming the row', async () => {
    await dataError(() => auditDecisions(base(write('too-many.csv', 'g,flag,n,pos\na,1,5,3\nb,1,4,7\n'), { count: 'n', positives: 'pos' })), /too-many\.csv: positives column "pos" must hold integers from 0 to the row's count \("n"\), found "7" at row 2/);
  });

  it('--positives and --label together are refused', async () => {
    await dataError(() => auditDecisions(base(write('both.csv', POSITIVES), { count: 'n', positives: 'pos', label: 'pos' })), /--positives and --label both give the label/, 'usage');
  });
});

describe('withheld counts', () => {
  it('"<10", a blank and a declared marker are carried as unknown: the group\'s rates are not available, never computed as if zero', async () => {
    const text = 'g,flag,label,n\na,1,1,30\na,1,0,20\na,0,1,10\na,0,0,140\nb,1,1,<10\nb,1,0,30\nb,0,1,\nb,0,0,x\nc,1,1,12\nc,1,0,18\nc,0,1,15\nc,0,0,155\n';
    const r = await auditDecisions(base(write('withheld.csv', text), { count: 'n', label: 'label', suppressed: ['x'], checks: [] }));
    for (const metric of ['selection_rate', 'false_positive_rate', 'selection_rate_ratio']) {
      expect(group(r, 'b').metrics[metric]!.value, metric).toBeNull();
      expect(group(r, 'b').metrics[metric]!.method).toMatch(/not available: this group includes counts the publisher withheld/);
    }
    // The other groups keep their figures, by hand.
    expect(value(r, 'c', 'selection_rate')).toBeCloseTo(30 / 200, 12);
    expect(value(r, 'c', 'selection_rate_ratio')).toBeCloseTo(30 / 200 / (50 / 200), 12);
    expect(r.warnings.find((w) => w.code === 'withheld-counts')?.message).toMatch(/g = b/);
  });

  it('without the marker declared, "x" is not a count: refused naming the row', async () => {
    await dataError(() => auditDecisions(base(write('marker.csv', 'g,flag,n\na,1,5\nb,1,x\n'), { count: 'n' })), /marker\.csv: count column "n" must hold non-negative integers .*found "x" at row 2/);
  });

  it('a withheld reference group makes every comparison with it unavailable, and its checks inconclusive', async () => {
    const r = await auditDecisions(
      base(write('withheld-ref.csv', 'g,flag,n\na,1,<5\na,0,100\nb,1,10\nb,0,90\n'), { count: 'n', checks: [(await import('../../harness/config/index.js')).Check.parse({ id: 'ff', metric: 'selection_rate_ratio' })] }),
    );
    expect(value(r, 'b', 'selection_rate')).toBeCloseTo(0.1, 12);
    expect(value(r, 'b', 'selection_rate_ratio')).toBeNull();
    const check = r.checks.find((c) => c.group === 'b')!;
    expect(check).toMatchObject({ verdict: 'inconclusive', value: null });
    expect(r.summary.verdict).toBe('inconclusive');
  });
});

describe('expressions instead of preprocessing (a COMPAS-shaped file)', () => {
  // ProPublica's file has two decile_score columns; the audit refuses the name only when it uses it.
  const compas = 'id,race,sex,decile_score,score_text,decile_score,two_year_recid,age\n' +
    ['1,Black,Male,7,High,7,1,23', '2,Black,Female,4,Low,4,0,31', '3,White,Male,5,Medium,5,1,45', '4,White,Female,2,Low,2,0,52', '5,Black,Male,9,High,9,1,19', '6,White,Male,6,Medium,6,0,27', '7,Black,Female,5,Medium,5,0,38', '8,White,Female,8,High,8,1,60'].join('\n') + '\n';
  const opts = (extra: Partial<AuditOptions>) => base(write('compas.csv', compas), { protected: ['race'], references: new Map(), ...extra });

  it('a duplicate column the audit does not use is no obstacle; one it uses is refused by name', async () => {
    const r = await auditDecisions(opts({ flag: "score_text IN ('Medium', 'High')", label: 'two_year_recid' }));
    expect(group(r, 'race')).toBeUndefined();
    // Medium or High: Black 1, 5, 7 of 4; White 3, 6, 8 of 4.
    expect(group(r, 'Black', 'race')).toMatchObject({ n: 4, flagged: 3 });
    expect(group(r, 'White', 'race')).toMatchObject({ n: 4, flagged: 3 });
    await dataError(() => auditDecisions(opts({ flag: 'decile_score >= 5' })), /compas\.csv: column "decile_score" appears more than once in the header/);
  });

  it('a threshold flag, --where and a derived protected attribute', async () => {
    const file = write('compas-one.csv', compas.replace(',decile_score,two_year_recid', ',decile_copy,two_year_recid'));
    const r = await auditDecisions(
      base(file, { protected: ['race', 'age_band'], references: new Map(), flag: 'decile_score >= 5', label: 'two_year_recid', where: "sex = 'Male' OR age < 40", derive: ["age_band=CASE WHEN age < 30 THEN 'under 30' ELSE '30 or over' END"] }),
    );
    // Kept: 1, 2, 3, 5, 6, 7 (women 4 and 8 are 40 or over). Flagged (decile ≥ 5): 1, 3, 5, 6, 7.
    expect(group(r, 'Black', 'race')).toMatchObject({ n: 4, flagged: 3, tp: 2, fp: 1, fn: 0, tn: 1 });
    expect(group(r, 'White', 'race')).toMatchObject({ n: 2, flagged: 2 });
    expect(group(r, 'under 30', 'age_band')).toMatchObject({ n: 3, flagged: 3 });
    expect(r.manifest.protected).toEqual(['race', 'age_band']);
  });

  it('the score column in a threshold flag is a number, though a CSV\'s score is read as text for its checks', async () => {
    const file = write('compas-score.csv', compas.replace(',decile_score,two_year_recid', ',decile_copy,two_year_recid'));
    // Also a label written as a condition on the 0/1 column (read as text, typed a number by the engine's sniffer).
    const r = await auditDecisions(base(file, { protected: ['race'], references: new Map(), flag: 'decile_score >= 5', label: 'two_year_recid = 1', score: 'decile_score' }));
    // Black: 1 (7, recid), 2 (4, no), 5 (9, recid), 7 (5, no) → flagged 1, 5, 7; TP 1, 5; FP 7; TN 2.
    // White: 3 (5, recid), 4 (2, no), 6 (6, no), 8 (8, recid) → flagged 3, 6, 8; TP 3, 8; FP 6; TN 4.
    expect(group(r, 'Black', 'race')).toMatchObject({ n: 4, flagged: 3, tp: 2, fp: 1, fn: 0, tn: 1 });
    expect(group(r, 'White', 'race')).toMatchObject({ n: 4, flagged: 3, tp: 2, fp: 1, fn: 0, tn: 1 });
    // Compared as numbers, not as text: '10' >= '5' is false as text.
    const ten = write('compas-ten.csv', 'race,decile_score,two_year_recid\nBlack,10,1\nBlack,4,0\nWhite,9,1\nWhite,1,0\n');
    const t = await auditDecisions(base(ten, { protected: ['race'], references: new Map(), flag: 'decile_score >= 5', label: 'two_year_recid', score: 'decile_score' }));
    expect(group(t, 'Black', 'race')).toMatchObject({ n: 2, flagged: 1, tp: 1, tn: 1 });
    // The emitted query casts the column where the warehouse may hold it as text (and refuses text that is no number).
    const sql = await emittedQuery(file, { protected: ['race'], flag: 'decile_score >= 5', label: 'two_year_recid', score: 'decile_score' }, 'compas');
    expect(sql).toContain('(CAST("decile_score" AS DOUBLE PRECISION) >= 5)');
    expect(sql).not.toMatch(/TRY_CAST|read_csv/);
  });

  it('a score that is not a number, in a threshold flag, is refused naming the file, the column and the row (never read as NULL)', async () => {
    const file = write('compas-bad.csv', 'race,decile_score,two_year_recid\nBlack,7,1\nWhite,5,0\nBlack,,1\nWhite,six,0\n');
    const run = (extra: Partial<AuditOptions>) => () => auditDecisions(base(file, { protected: ['race'], references: new Map(), flag: 'decile_score >= 5', label: 'two_year_recid', ...extra }));
    // The blank in row 3 is a missing score (refused as a score, but only once the cast has passed).
    for (const where of [undefined, 'decile_score >= 0', "race <> 'x'"]) {
      await dataError(run({ score: 'decile_score', where }), /^[^\n]*compas-bad\.csv: column "decile_score" is used as a number in an expression, but holds "six" at row 4$/);
    }
    // Without a score role the engine types the column itself (text, because of "six"): a type error naming the option.
    await dataError(run({}), /^--flag: the comparison "decile_score >= 5" mixes text and a number$/, 'usage');
  });

  it.each([
    ['1; DROP TABLE x', /--flag/],
    ["read_csv('/etc/passwd')", /--flag/],
    ['(SELECT 1) = 1', /--flag/],
  ])('a malicious expression never reaches the engine: %s', async (flag, pattern) => {
    await dataError(() => auditDecisions(opts({ flag })), pattern, 'usage');
  });

  it('an unknown column in an expression is a usage error naming the option and the column', async () => {
    await dataError(() => auditDecisions(opts({ flag: 'decile >= 5' })), /--flag.*decile/, 'usage');
  });
});

describe('the emitted query and --cells', () => {
  const rows = ['id,nationality,sex,score,flagged,label'];
  for (let i = 0; i < 600; i++) {
    const nat = ['national', 'eu', 'non_eu'][(i * 7) % 3]!;
    const sex = i % 5 < 2 ? 'f' : 'm';
    const score = ((i * 7919) % 1000) / 1000;
    rows.push(`${i},${nat},${sex},${score},${score >= 0.8 ? 1 : 0},${i % 9 === 0 ? '' : (i * 31) % 7 < 2 ? 1 : 0}`);
  }
  const source = write('rows.csv', `${rows.join('\n')}\n`);
  const roles = { protected: ['nationality', 'sex'], flag: 'flagged', label: 'label', score: 'score' };

  it('the query\'s output, run on the rows by an engine and audited with --cells, gives the row-level results', async () => {
    const direct = await auditDecisions(base(source, { ...roles, references: new Map(), sweep: true }));
    const again = await auditDecisions(base(source, { ...roles, references: new Map(), sweep: true }));
    expect(JSON.stringify(again)).toBe(JSON.stringify(direct));
    // The agency's side: a table named decisions, the printed query, its output saved as CSV.
    const sql = await emittedQuery(source, roles, 'decisions');
    expect(sql).not.toMatch(/read_csv|TRY_CAST|isfinite/);
    const engine = await openEngine(1);
    const cells = join(dir, 'cells.csv');
    try {
      await engine.connection.run(`CREATE TABLE decisions AS SELECT * FROM read_csv(${quoteText(source)}, all_varchar = true)`);
      await engine.connection.run(`COPY (${sql.trim()}) TO ${quoteText(cells)} (FORMAT csv, HEADER true)`);
    } finally {
      engine.close();
    }
    const fromCells = await auditDecisions(base(cells, { protected: [], cells: true, flag: '', references: new Map(), sweep: true }));
    const strip = (r: Results) => ({ ...r, manifest: { ...r.manifest, data: null, decision: null, labels: null, protected: null } });
    expect(JSON.stringify(strip(fromCells))).toBe(JSON.stringify(strip(direct)));
    // Cells carry their labels in the contract's column: the manifest says so (not "only selection
    // metrics" above label-based metrics) even when --label was not repeated.
    expect(fromCells.groups.some((g) => typeof g.metrics['false_positive_rate']?.value === 'number')).toBe(true);
    expect(fromCells.manifest.labels).toMatch(/^recorded labels in the cells' column "label" \(label-based metrics use only cells with a label\)/);
  });

  it('the query is portable text: the cells contract\'s columns, no engine-specific function', () => {
    const sql = cellsQuery({ from: '"t"', attributes: [{ name: 'g', sql: '"g"' }], flag: 'CASE WHEN "f" = 1 THEN 1 ELSE 0 END', score: '"s"', checks: [] });
    for (const column of ['flagged', 'score_bin', 'row_count', 'score_sum', 'score_sumsq', 'score_lo', 'score_hi', 'score_bins', 'invalid']) expect(sql).toContain(`AS "${column}"`);
    expect(sql).toMatch(/GROUP BY "g", "flagged", "score_bin", "invalid"/);
  });
});
