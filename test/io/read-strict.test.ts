import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { readDecisions, readPopulation, writePopulation, type DecisionColumns } from '../../datasets/io/index.js';
import { cellValue, encodeCategorical, numeric, type Column } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';

// Hand-written fixtures for the readers' strictness: every malformed file is a DisparateError('data')
// whose one-line message names the file, the column and the 1-based data row (header and blank lines
// not counted; "line N" is the file line).

const dir = mkdtempSync(join(tmpdir(), 'disparate-strict-'));
const roles: DecisionColumns = { protected: ['nat'], flag: 'flagged', score: 'score' };

function fixture(name: string, content: string | Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** `fn` throws a data error, one line, matching `pattern`. */
function expectDataError(fn: () => unknown, pattern: RegExp): void {
  expect(fn).toThrow(DisparateError);
  expect(fn).toThrow(pattern);
  try {
    fn();
  } catch (e) {
    expect((e as DisparateError).code).toBe('data');
    expect((e as Error).message).not.toContain('\n');
  }
}

const decisions = (file: string) => () => readDecisions(file, roles);
const population = (file: string) => () => readPopulation(file);

describe('empty files', () => {
  it('a 0-byte, blank or header-only CSV or JSONL has no rows, for both readers', () => {
    for (const read of [decisions, population]) {
      expectDataError(read(fixture('zero.csv', '')), /zero\.csv: no rows \(empty file\)$/);
      expectDataError(read(fixture('blank.csv', '\uFEFF\r\n\r\n')), /blank\.csv: no rows \(empty file\)$/);
      expectDataError(read(fixture('header.csv', 'nat,flagged,score\r\n\r\n')), /header\.csv: no rows \(only a header\)$/);
      expectDataError(read(fixture('zero.jsonl', '')), /zero\.jsonl: no rows \(empty file\)$/);
      expectDataError(read(fixture('blank.jsonl', '\n  \r\n')), /blank\.jsonl: no rows \(empty file\)$/);
    }
  });

  it('a 0-byte or zero-row Parquet or Arrow population has no rows', () => {
    expectDataError(population(fixture('zero.parquet', '')), /zero\.parquet: no rows \(empty file\)$/);
    expectDataError(population(fixture('zero.arrow', '')), /zero\.arrow: no rows \(empty file\)$/);
    const parquet = fixture('schema-only.parquet', new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'x', data: new Float64Array(0), type: 'DOUBLE' }] })));
    expectDataError(population(parquet), /schema-only\.parquet: no rows \(columns but no data\)$/);
    const arrow = join(dir, 'schema-only.arrow');
    writePopulation({ n: 0, columns: new Map<string, Column>([['x', numeric(new Float64Array(0))], ['g', encodeCategorical([], ['a'])]]) }, arrow);
    expectDataError(population(arrow), /schema-only\.arrow: no rows \(columns but no data\)$/);
  });
});

describe('what Excel and friends write', () => {
  // BOM, CRLF, a quoted comma, a quoted newline, a quoted quote, a blank line inside, blank lines after.
  const excel = '\uFEFFnat,flagged,score\r\n"a, b",1,0.5\r\n\r\nc,0,-1.5E-3\r\n"multi\r\nline ""x""",1,2\r\n\r\n\r\n';

  it('readDecisions: the BOM is stripped, blank lines skipped, quoted fields kept whole', () => {
    const d = readDecisions(fixture('excel.csv', excel), roles);
    expect(d.table.n).toBe(3);
    expect([...d.table.columns.keys()]).toEqual(['nat', 'score']);
    const nat = d.table.columns.get('nat')!;
    expect([0, 1, 2].map((i) => cellValue(nat, i))).toEqual(['a, b', 'c', 'multi\r\nline "x"']);
    expect(Array.from(d.flagged)).toEqual([1, 0, 1]);
    expect(Array.from(d.scores!)).toEqual([0.5, -0.0015, 2]);
  });

  it('readPopulation: the same file, first column named "nat" (no BOM), types inferred', () => {
    const t = readPopulation(fixture('excel-pop.csv', excel));
    expect(t.n).toBe(3);
    expect([...t.columns.keys()]).toEqual(['nat', 'flagged', 'score']);
    expect(t.columns.get('nat')).toMatchObject({ kind: 'categorical', levels: ['a, b', 'c', 'multi\r\nline "x"'] });
    expect(Array.from((t.columns.get('score') as { values: Float64Array }).values)).toEqual([0.5, -0.0015, 2]);
  });

  it('JSONL with a BOM, CRLF and blank lines', () => {
    const text = '\uFEFF{"nat":"a","flagged":1,"score":0.5}\r\n\r\n{"nat":"b","flagged":0,"score":"0.25"}\r\n\r\n';
    const d = readDecisions(fixture('bom.jsonl', text), roles);
    expect(d.table.n).toBe(2);
    expect(Array.from(d.scores!)).toEqual([0.5, 0.25]);
    const t = readPopulation(fixture('bom-pop.jsonl', text.replace('"0.25"', '0.25')));
    expect([...t.columns.keys()]).toEqual(['nat', 'flagged', 'score']);
    expect(t.n).toBe(2);
    expect(Array.from((t.columns.get('score') as { values: Float64Array }).values)).toEqual([0.5, 0.25]);
  });

  it('an empty cell is still a missing value', () => {
    const t = readPopulation(fixture('missing.csv', 'nat,income\na,\nb,1200\n,3.5\n'));
    expect(cellValue(t.columns.get('income')!, 0)).toBeNull();
    expect(cellValue(t.columns.get('nat')!, 2)).toBeNull();
    expect(t.columns.get('income')?.kind).toBe('numeric');
  });
});

describe('malformed CSV', () => {
  it('a row with too few or too many fields names the row, the line and both counts (quoted commas count once)', () => {
    const short = 'nat,flagged,score\n"a, b",1,0.5\n\nc,0\n';
    for (const read of [decisions, population]) {
      expectDataError(read(fixture('short.csv', short)), /short\.csv: row 2 \(line 4\) has 2 fields, the header has 3$/);
      expectDataError(read(fixture('long.csv', 'nat,flagged,score\nc,0,1\nd,e,1,0.5\n')), /long\.csv: row 2 \(line 3\) has 4 fields, the header has 3 \(quote values that contain commas\)$/);
    }
  });

  it('a quote never closed, or text after a closing quote, names the row and line', () => {
    expectDataError(decisions(fixture('open.csv', 'nat,flagged,score\na,1,0.5\n"b,0,1\n')), /open\.csv: row 2 \(line 3\): field 1 opens a quote that is never closed$/);
    expectDataError(population(fixture('after.csv', 'nat,flagged,score\n"a"b,1,0.5\n')), /after\.csv: row 1 \(line 2\): field 1 has text after its closing quote$/);
  });

  it('a repeated header name is an error naming the column, for both readers', () => {
    for (const read of [decisions, population]) {
      expectDataError(read(fixture('dup.csv', 'nat,flagged,score,nat\na,1,0.5,b\n')), /dup\.csv: header \(line 1\): column "nat" appears twice \(fields 1 and 4\)/);
    }
  });
});

describe('strict numbers', () => {
  it.each([
    ['0x10', 'hex'],
    ['1e', 'dangling exponent'],
    ['  ', 'blank'],
    ['Infinity', 'infinity'],
    ['NaN', 'NaN'],
    ['1e999', 'overflow'],
  ])('decisions: score %j (%s) is not a number, named with column and row', (bad) => {
    const file = fixture('scores.csv', `nat,flagged,score\na,1,0.5\nb,0,${bad}\n`);
    expectDataError(decisions(file), new RegExp(`scores\\.csv: column "score" has a non-numeric or NaN score ${JSON.stringify(bad)} at row 2$`));
  });

  it('decisions: aggregated label counts are decimal integers too', () => {
    const file = fixture('counts.csv', 'nat,flagged,n,positives\na,1,10,3\nb,0,10,0x1\n');
    expectDataError(() => readDecisions(file, { protected: ['nat'], flag: 'flagged', count: 'n', label: 'positives' }), /counts\.csv: label column "positives" .* found "0x1" at row 2$/);
  });

  it('population, declared numeric: "0x10" and "Infinity" are named by column, value and row', () => {
    const file = fixture('declared.csv', 'nat,income,age\na,100,30\nb,0x10,Infinity\n');
    expectDataError(
      () => readPopulation(file, { columns: { income: { kind: 'numeric' }, age: { kind: 'numeric' } } }),
      /declared\.csv: column "income": expected numeric, found "0x10" \(row 2\); column "age": expected numeric, found "Infinity" \(row 2\)$/,
    );
  });

  it.each(['NaN', 'NA', 'n/a', 'null', '  '])('population, inferred: %j in a column of numbers is a missing value (R, pandas)', (marker) => {
    const t = readPopulation(fixture('markers.csv', `nat,income\na,1200\nb,\nc,${marker}\nd,-3.5e2\n`));
    const income = t.columns.get('income')!;
    expect(income.kind).toBe('numeric');
    expect(Array.from((income as { values: Float64Array }).values)).toEqual([1200, NaN, NaN, -350]);
  });

  it.each(['1,5', '0x10', '1e'])('population, inferred: a numeric column with %j is an error naming the cell, not a categorical column', (bad) => {
    const file = fixture('inferred.csv', `nat,income\na,1200\nb,\nc,${bad.includes(',') ? `"${bad}"` : bad}\nd,-3.5e2\n`);
    const value = JSON.stringify(bad).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    expectDataError(population(file), new RegExp(`inferred\\.csv: column "income": looks numeric, but ${value} \\(row 3\\) is not a decimal number`));
  });

  it('population, inferred: codes that are mostly numbers but not numbers stay categorical', () => {
    const t = readPopulation(fixture('departements.csv', 'departement,x\n01,1\n2A,2\n75,3\n'));
    expect(t.columns.get('departement')).toMatchObject({ kind: 'categorical', levels: ['01', '2A', '75'] });
    expect(t.columns.get('x')?.kind).toBe('numeric');
  });
});

describe('JSON objects and arrays as values', () => {
  it('decisions: an object or array in the protected column names the column and row', () => {
    expectDataError(decisions(fixture('nested.jsonl', '{"nat":"a","flagged":1,"score":0.5}\n\n{"nat":{"code":"b"},"flagged":0,"score":0.1}\n')), /nested\.jsonl: protected column "nat" holds an object at row 2 \(\{"code":"b"\}\): expected a number or text$/);
    expectDataError(decisions(fixture('array.jsonl', '{"nat":["a"],"flagged":1,"score":0.5}\n')), /array\.jsonl: protected column "nat" holds an array at row 1/);
  });

  it('population: an object in a categorical column names the column and row', () => {
    const file = fixture('nested-pop.jsonl', '{"nat":"a","x":1}\n{"nat":"b","x":2}\n{"nat":{"code":"c"},"x":3}\n');
    expectDataError(
      () => readPopulation(file, { columns: { nat: { kind: 'categorical' } } }),
      /nested-pop\.jsonl: column "nat": unsupported value \{"code":"c"\} \(row 3\): a JSON object, expected a number or text$/,
    );
  });
});

describe('groups that differ only by spaces', () => {
  it('decisions: "a" and "a " in a protected column is an error naming both, not two groups', () => {
    expectDataError(decisions(fixture('spaces.csv', 'nat,flagged\na,1\n"a ",0\nb,0\n')), /spaces\.csv: protected column "nat": groups "a" and "a " differ only by spaces; write them the same way$/);
  });
});
