import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bool, dictionary, float64, int32, int64, tableFromArrays, tableToIPC, utf8 } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { auditDecisions } from '../../harness/pipeline/index.js';
import type { Results } from '../../harness/results/index.js';
import { CODE_LIMIT, emittedQuery, loadArrow, openArrow, openEngine, quoteText } from '../../datasets/sql/index.js';
import { auditOptions, withoutInput as strip } from './audit-options.js';

/**
 * Arrow IPC decisions go through the same aggregation query as a CSV: the same rows written as an
 * Arrow file (file and stream formats, plain and dictionary-encoded strings, integer columns where the
 * CSV has digits) give the CSV's results.json apart from the manifest's description of the input; a
 * glob of two Arrow files gives the single file's; nulls are what blanks are in a CSV.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-arrow-decisions-'));
const path = (name: string) => join(dir, name);

const base = auditOptions(['race', 'sex'], "score_text IN ('Medium', 'High')", 'arrow test');

// ProPublica-shaped COMPAS rows (datasets/examples): digits become Int32 columns, text stays text.
const CSV = join(process.cwd(), 'datasets/examples/compas-shaped.csv');
const [header, ...lines] = readFileSync(CSV, 'utf8').trimEnd().split('\n');
const names = header!.split(',');
const rows = lines.map((l) => l.split(','));
const columnsOf = (part: readonly string[][]) =>
  Object.fromEntries(
    names.map((n, j) => {
      const values = part.map((r) => r[j]!);
      return [n, values.every((v) => /^-?\d+$/.test(v)) ? Int32Array.from(values, Number) : values];
    }),
  );
/** race dictionary-encoded, the other strings plain (flechette would encode them all); record batches of 500 rows. */
const arrowOf = (part: readonly string[][], format: 'file' | 'stream') =>
  tableToIPC(tableFromArrays(columnsOf(part), { types: { race: dictionary(utf8()), sex: utf8(), age_cat: utf8(), score_text: utf8() }, maxBatchRows: 500 }), { format })!;
writeFileSync(path('compas.arrow'), arrowOf(rows, 'file'));
writeFileSync(path('compas.arrows'), arrowOf(rows, 'stream'));
mkdirSync(path('parts'));
writeFileSync(path('parts/1.arrow'), arrowOf(rows.slice(0, 901), 'file'));
writeFileSync(path('parts/2.arrow'), arrowOf(rows.slice(901), 'file'));

const COMPAS = { label: 'two_year_recid', score: 'decile_score' };
const EXPRESSIONS = {
  protected: ['race', 'older'],
  flag: 'decile_score >= 5',
  label: 'two_year_recid',
  score: 'decile_score',
  where: 'priors_count < 15',
  derive: ["older=CASE WHEN age >= 45 THEN 'yes' ELSE 'no' END"],
};

describe('an Arrow file gives the CSV\'s results', () => {
  it.each([
    ['file format', 'compas.arrow'],
    ['stream format', 'compas.arrows'],
  ])('%s: flag, label and score as columns and an expression', async (_, name) => {
    const csv = await auditDecisions(base(CSV, COMPAS));
    const arrow = await auditDecisions(base(path(name), COMPAS));
    expect(csv.groups.length).toBeGreaterThan(5);
    expect(strip(arrow)).toBe(strip(csv));
    expect(arrow.manifest.data?.hash).not.toBe(csv.manifest.data?.hash);
  });

  it('--where, --derive and a threshold flag over the integer columns', async () => {
    const csv = await auditDecisions(base(CSV, EXPRESSIONS));
    expect(strip(await auditDecisions(base(path('compas.arrow'), EXPRESSIONS)))).toBe(strip(csv));
  });

  it('a glob of two Arrow files is the single file, rows in name order', async () => {
    const single = await auditDecisions(base(path('compas.arrow'), COMPAS));
    const glob = await auditDecisions(base(path('parts/*.arrow'), COMPAS));
    expect(strip(glob)).toBe(strip(single));
    expect(glob.manifest.data?.hash).not.toBe(single.manifest.data?.hash);
  });

  it('--emit-sql types the query by the Arrow columns; its output, audited with --cells, gives the row-level results', async () => {
    const direct = await auditDecisions(base(path('compas.arrow'), COMPAS));
    const sql = await emittedQuery(path('compas.arrow'), { protected: ['race', 'sex'], flag: "score_text IN ('Medium', 'High')", ...COMPAS }, 'decisions');
    expect(sql).not.toMatch(/__arrow|TRY_CAST|isfinite/);
    const engine = await openEngine(1);
    const cells = path('cells.csv');
    try {
      await loadArrow(engine.connection, await openArrow(engine.connection, path('compas.arrow'), false), null);
      await engine.connection.run('CREATE TABLE decisions AS SELECT * FROM "__arrow"');
      await engine.connection.run(`COPY (${sql.trim()}) TO ${quoteText(cells)} (FORMAT csv, HEADER true)`);
    } finally {
      engine.close();
    }
    const cellsOptions = { protected: [], cells: true, flag: '' };
    const fromCells = await auditDecisions(base(cells, cellsOptions));
    const drop = (r: Results) => JSON.stringify({ ...r, manifest: { ...r.manifest, data: null, decision: null, labels: null, protected: null } });
    expect(drop(fromCells)).toBe(drop(direct));
    // The same cells as an Arrow file of text columns (a blank is a null) read by --cells.
    const [head, ...body] = readFileSync(cells, 'utf8').trimEnd().split('\n');
    const cellRows = body.map((l) => l.split(','));
    const textColumns = Object.fromEntries(head!.split(',').map((n, j) => [n, cellRows.map((r) => (r[j] === '' ? null : r[j]!))]));
    writeFileSync(path('cells.arrow'), tableToIPC(tableFromArrays(textColumns, { types: Object.fromEntries(Object.keys(textColumns).map((n) => [n, utf8()])) }), { format: 'file' })!);
    expect(drop(await auditDecisions(base(path('cells.arrow'), cellsOptions)))).toBe(drop(direct));
  });
});

describe('Arrow types and nulls', () => {
  // 40 rows: group a (20) and b (20); nulls where a CSV would have blanks.
  const n = 40;
  const g = Array.from({ length: n }, (_, i) => (i < 20 ? 'a' : 'b'));
  const flag = Array.from({ length: n }, (_, i) => i % 4 === 0);
  const label = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : i % 3 === 0 ? 1 : 0));
  const score = Array.from({ length: n }, (_, i) => ((i * 7) % 10) / 10 + 0.05);
  const when = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)));
  const csvText = `g,flag,label,score\n${g.map((x, i) => `${x},${flag[i] ? 1 : 0},${label[i] ?? ''},${score[i]}`).join('\n')}\n`;
  writeFileSync(path('typed.csv'), csvText);
  writeFileSync(
    path('typed.arrow'),
    tableToIPC(tableFromArrays({ g, flag, label, score, count: BigInt64Array.from(g, () => 1n), when }, { types: { g: dictionary(utf8()), flag: bool(), label: int32(), score: float64(), count: int64() } }), { format: 'file' })!,
  );
  const roles = { protected: ['g'], flag: 'flag', label: 'label', score: 'score' };

  it('booleans, int64 and float64 columns and null labels read as the CSV\'s 0/1, digits and blanks; an unused date column is ignored', async () => {
    const csv = await auditDecisions(base(path('typed.csv'), roles));
    expect(strip(await auditDecisions(base(path('typed.arrow'), roles)))).toBe(strip(csv));
    const counted = await auditDecisions(base(path('typed.arrow'), { ...roles, count: 'count' }));
    expect(counted.groups.map((x) => [x.group, x.n, x.flagged])).toEqual(csv.groups.map((x) => [x.group, x.n, x.flagged]));
  });

  it('a null group, flag or score is named by its row as a blank is in a CSV', async () => {
    const nullAt = <T>(values: T[], i: number) => values.map((v, j) => (j === i ? null : v));
    const cases: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
      ['g', { g: nullAt(g, 6) }, { g: dictionary(utf8()) }, 'protected column "g" is empty at row 7: every row needs a group'],
      ['flag', { flag: nullAt(flag, 2) }, { flag: bool() }, 'column "flag" must be 0 or 1, found an empty value at row 3'],
      ['score', { score: nullAt(score, 11) }, { score: float64() }, 'column "score" has a non-numeric or NaN score an empty value at row 12'],
    ];
    for (const [name, changed, types, message] of cases) {
      const file = path(`null-${name}.arrow`);
      writeFileSync(file, tableToIPC(tableFromArrays({ g, flag, label, score, ...changed }, { types: { label: int32(), ...types } }), { format: 'stream' })!);
      await expect(auditDecisions(base(file, roles))).rejects.toThrow(`${file}: ${message}`);
    }
  });

  it('a text column with more distinct values than are loaded as codes (an id) is loaded string by string, to the same results', async () => {
    const rows = CODE_LIMIT + 500;
    const id = Array.from({ length: rows }, (_, i) => `person-${i}`);
    const grp = id.map((_, i) => (i % 3 === 0 ? 'x' : 'y'));
    const flagged = Int32Array.from(id, (_, i) => (i % 7 === 0 ? 1 : 0));
    writeFileSync(path('ids.csv'), `id,grp,flagged\n${id.map((v, i) => `${v},${grp[i]},${flagged[i]}`).join('\n')}\n`);
    writeFileSync(path('ids.arrow'), tableToIPC(tableFromArrays({ id, grp, flagged }, { types: { id: utf8(), grp: utf8() } }), { format: 'file' })!);
    const options = { protected: ['grp', 'long_id'], flag: 'flagged', where: "id <> 'person-7'", derive: ["long_id=CASE WHEN LENGTH(id) > 9 THEN 'yes' ELSE 'no' END"] };
    const csv = await auditDecisions(base(path('ids.csv'), options));
    expect(csv.manifest.rows).toBe(rows - 1);
    expect(strip(await auditDecisions(base(path('ids.arrow'), options)))).toBe(strip(csv));
  });
});
