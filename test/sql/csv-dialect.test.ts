import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { auditDecisions } from '../../harness/pipeline/index.js';
import { aggregateDecisions, openEngine, prepareSource } from '../../datasets/sql/index.js';
import { auditOptions, withoutInput } from './audit-options.js';

/**
 * The engine sniffs a CSV's dialect once and every later read names it: the same decisions written
 * in the dialects agencies export (semicolons and quoted fields with the delimiter inside, Windows line
 * ends, tabs, gzip, ISO-8859-1, old Mac line ends) give the same cells and the same results.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-csv-dialect-'));

/** 200 decisions over two attributes; one group's name holds the delimiter and a quote. */
const rows = Array.from({ length: 200 }, (_, i) => ({
  region: ['Noord; "oud"', 'Zuid', 'Oost'][i % 3]!,
  gender: i % 7 < 3 ? 'vrouw' : 'man',
  flag: i % 5 === 0 || i % 11 === 0 ? 1 : 0,
  label: i % 4 === 0 ? 1 : i % 13 === 0 ? '' : 0,
  score: ((i * 37) % 101) / 100,
}));

function csv(delimiter: string, lineEnd: string, quoteAll = false): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return quoteAll || s.includes(delimiter) || s.includes('"') ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const header = ['region', 'gender', 'flag', 'label', 'score'].map(cell).join(delimiter);
  return [header, ...rows.map((r) => [r.region, r.gender, r.flag, r.label, r.score].map(cell).join(delimiter))].join(lineEnd) + lineEnd;
}

const write = (name: string, data: string | Buffer) => {
  const file = join(dir, name);
  writeFileSync(file, data);
  return file;
};

const variants: Record<string, string> = {
  'comma.csv': write('comma.csv', csv(',', '\n')),
  'semicolon-crlf.csv': write('semicolon-crlf.csv', csv(';', '\r\n')),
  'quoted.csv': write('quoted.csv', csv(',', '\n', true)),
  'tabs.tsv': write('tabs.tsv', csv('\t', '\n')),
  'mac.csv': write('mac.csv', csv(',', '\r')),
  'gzipped.csv.gz': write('gzipped.csv.gz', gzipSync(csv(';', '\n'))),
};

const roles = { protected: ['region', 'gender'], flag: 'flag', label: 'label', score: 'score' };
const options = auditOptions(['region', 'gender'], 'flag', 'dialects');

describe('CSV dialects: sniffed once, read as sniffed', () => {
  it('every dialect gives the cells of the plain comma file', async () => {
    const plain = await aggregateDecisions(variants['comma.csv']!, roles);
    expect(plain.cells.data[0]!.length).toBeGreaterThan(10);
    expect(new Set(plain.cells.data[plain.cells.columns.indexOf('region')]!)).toEqual(new Set(['Noord; "oud"', 'Zuid', 'Oost']));
    for (const [name, file] of Object.entries(variants)) {
      const got = await aggregateDecisions(file, roles);
      expect(got.cells, name).toEqual(plain.cells);
    }
  });

  it('ISO-8859-1 with --encoding latin1 reads as the UTF-8 file', async () => {
    const utf8 = write('accents.csv', csv(',', '\n').replaceAll('Zuid', 'Zuid-Brabançon'));
    const latin1 = write('accents-latin1.csv', Buffer.from(csv(',', '\n').replaceAll('Zuid', 'Zuid-Brabançon'), 'latin1'));
    const a = await aggregateDecisions(utf8, roles);
    const b = await aggregateDecisions(latin1, roles, 'latin1');
    expect(b.cells).toEqual(a.cells);
    expect(a.cells.data[a.cells.columns.indexOf('region')]).toContain('Zuid-Brabançon');
  });

  it('the reader named in the query carries the dialect: no second detection', async () => {
    const engine = await openEngine(1);
    try {
      const source = await prepareSource(engine.connection, variants['semicolon-crlf.csv']!, roles, 'utf8');
      expect(source.from).toContain('auto_detect = false');
      expect(source.from).toContain("delim = ';'");
      // Role columns as text; the sniffer's numbers noted for expressions.
      expect(source.columns.get('flag')).toBe('text');
      expect([...source.numericText].sort()).toEqual(['flag', 'label', 'score']);
    } finally {
      engine.close();
    }
  });

  it('the audit of each dialect gives the same results.json', async () => {
    const plain = withoutInput(await auditDecisions(options(variants['comma.csv']!, { label: 'label', score: 'score' })));
    for (const [name, file] of Object.entries(variants)) expect(withoutInput(await auditDecisions(options(file, { label: 'label', score: 'score' }))), name).toBe(plain);
  });

  it('a header and no row, or a byte-order mark before the header', async () => {
    await expect(auditDecisions(options(write('header-only.csv', 'region,gender,flag\n'), {}))).rejects.toThrow(/header-only\.csv: no rows to audit$/);
    const bom = await aggregateDecisions(write('bom.csv', `\ufeff${csv(',', '\n')}`), roles);
    expect(bom.cells).toEqual((await aggregateDecisions(variants['comma.csv']!, roles)).cells);
  });

  it('a file whose dialect the engine cannot settle is refused saying so, in one line', async () => {
    const file = write('unsniffable.csv', 'g,"fl\rag",x\na,1,2\n');
    await expect(aggregateDecisions(file, { protected: ['g'], flag: 'x' })).rejects.toThrow(/^[^\n]*unsniffable\.csv: its delimiter and quoting could not be detected \(no delimiter among comma, semicolon, tab and pipe, with or without quotes, gives every row the same number of fields\); check that each row has the header's fields and that every quote is closed$/);
  });

  it('scores written with a decimal comma are refused with the reason named', async () => {
    const file = write('decimal-comma.csv', csv(';', '\n').replace(/;(\d)\.(\d+)$/gm, ';$1,$2'));
    await expect(aggregateDecisions(file, roles)).rejects.toThrow(/decimal-comma\.csv: column "score" has a non-numeric or NaN score "0,\d+" at row \d+ \(a decimal comma: write the scores with a decimal point, e\.g\. 0\.5\)$/);
  });

  it('a row with a field too many is refused naming the file and its line', async () => {
    const lines = csv(',', '\n').split('\n');
    lines[57] += ',extra';
    const file = write('ragged.csv', lines.join('\n'));
    await expect(aggregateDecisions(file, roles)).rejects.toThrow(/ragged\.csv: line 58 does not have the header's 5 fields \(separated by ","\)/);
    const semicolons = csv(';', '\n').split('\n');
    semicolons[120] = semicolons[120]!.split(';').slice(0, 3).join(';');
    await expect(aggregateDecisions(write('short.csv', semicolons.join('\n')), roles)).rejects.toThrow(/short\.csv: line 121 does not have the header's 5 fields \(separated by ";"\)/);
  });
});
