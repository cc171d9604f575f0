import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { createPopulationWriter, populationColumnTypes, populationFormat, readPopulation, writePopulation } from '../../datasets/io/index.js';
import { resolvePopulation, samplePopulation } from '../../datasets/synth/index.js';
import { cellValue, encodeCategorical, numeric, type Column, type Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { toy } from '../synth/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'disparate-parquet-'));
const resolved = resolvePopulation(toy);
const table = samplePopulation(resolved, { seed: 8, n: 3000 });

function expectSameTable(a: Table, b: Table): void {
  expect(b.n).toBe(a.n);
  expect([...b.columns.keys()]).toEqual([...a.columns.keys()]);
  for (const [name, col] of a.columns) {
    const other = b.columns.get(name)!;
    expect(other.kind, name).toBe(col.kind);
    for (let i = 0; i < a.n; i++) if (cellValue(col, i) !== cellValue(other, i)) throw new Error(`${name} row ${i}: ${cellValue(col, i)} vs ${cellValue(other, i)}`);
  }
}

function dataError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DisparateError);
    expect((e as DisparateError).code).toBe('data');
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

/** A Parquet file written by hyparquet-writer directly, as another tool would. */
function foreignParquet(name: string, columnData: Parameters<typeof parquetWriteBuffer>[0]['columnData']): string {
  const file = join(dir, name);
  writeFileSync(file, new Uint8Array(parquetWriteBuffer({ columnData })));
  return file;
}

describe('Parquet: writePopulation / readPopulation', () => {
  it('.parquet is a population format', () => {
    expect(populationFormat('x.parquet')).toBe('parquet');
    expect(populationFormat('X.PARQUET')).toBe('parquet');
  });

  it('round trip: same values, same types, categorical levels kept (with the spec) or sorted (without)', () => {
    const file = join(dir, 'pop.parquet');
    writePopulation(table, file);
    expectSameTable(table, readPopulation(file, { columns: populationColumnTypes(resolved) }));
    const inferred = readPopulation(file);
    expect(inferred.n).toBe(3000);
    for (const [name, col] of table.columns) expect(inferred.columns.get(name)!.kind, name).toBe(col.kind);
  });

  it('streams chunks as row groups that hyparquet reads back, missing values as nulls', async () => {
    const file = join(dir, 'chunks.parquet');
    const w = createPopulationWriter(file);
    expect(w.format).toBe('parquet');
    for (let start = 0; start < 3000; start += 1024) w.write(samplePopulation(resolved, { seed: 8, n: Math.min(1024, 3000 - start), start }));
    w.close();
    expectSameTable(table, readPopulation(file, { columns: populationColumnTypes(resolved) }));
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(file);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    expect(parquetMetadata(buffer).row_groups.map((g) => Number(g.num_rows))).toEqual([1024, 1024, 952]);
    const rows = await parquetReadObjects({ file: buffer, rowStart: 2999, rowEnd: 3000 });
    expect(rows[0]!.nationality).toBe(cellValue(table.columns.get('nationality')!, 2999));

    const t: Table = { n: 3, columns: new Map<string, Column>([['x', numeric(Float64Array.of(1.5, NaN, -2))], ['g', encodeCategorical(['a', null, 'b'], ['b', 'a'])]]) };
    const small = join(dir, 'missing.parquet');
    writePopulation(t, small);
    const back = readPopulation(small, { columns: { g: { kind: 'categorical', levels: ['b', 'a'] } } });
    expectSameTable(t, back);
    const b2 = readFileSync(small);
    const objs = await parquetReadObjects({ file: b2.buffer.slice(b2.byteOffset, b2.byteOffset + b2.byteLength) });
    expect(objs).toEqual([{ x: 1.5, g: 'a' }, { x: null, g: null }, { x: -2, g: 'b' }]);
  });

  it('reads Parquet from other writers: ints, int64, floats, booleans as numbers; strings as categories', () => {
    const file = foreignParquet('foreign.parquet', [
      { name: 'age', data: Int32Array.of(30, 41, 25), type: 'INT32' },
      { name: 'big', data: BigInt64Array.of(1n, 2n, 3n), type: 'INT64' },
      { name: 'income', data: [21000.5, null, 30000], type: 'DOUBLE' },
      { name: 'disabled', data: [true, false, true], type: 'BOOLEAN' },
      { name: 'nationality', data: ['french', 'eu', 'french'], type: 'STRING' },
    ]);
    const t = readPopulation(file);
    expect(t.n).toBe(3);
    expect(Array.from((t.columns.get('age') as { values: Float64Array }).values)).toEqual([30, 41, 25]);
    expect(Array.from((t.columns.get('big') as { values: Float64Array }).values)).toEqual([1, 2, 3]);
    expect(Array.from((t.columns.get('income') as { values: Float64Array }).values)).toEqual([21000.5, NaN, 30000]);
    expect(Array.from((t.columns.get('disabled') as { values: Float64Array }).values)).toEqual([1, 0, 1]);
    const nat = t.columns.get('nationality')!;
    expect(nat.kind).toBe('categorical');
    expect([0, 1, 2].map((i) => cellValue(nat, i))).toEqual(['french', 'eu', 'french']);
  });

  it('type check per column: one error naming the file and every bad column', () => {
    const file = foreignParquet('bad.parquet', [
      { name: 'income', data: ['n/a', '12', '13'], type: 'STRING' },
      { name: 'nationality', data: Int32Array.of(1, 2, 3), type: 'INT32' },
      { name: 'when', data: [new Date(0), new Date(1), new Date(2)], type: 'TIMESTAMP' },
      { name: 'region', data: ['north', 'mars', 'south'], type: 'STRING' },
    ]);
    const message = dataError(() =>
      readPopulation(file, { columns: { income: { kind: 'numeric' }, nationality: { kind: 'categorical' }, region: { kind: 'categorical', levels: ['north', 'south'] }, age: { kind: 'numeric' } } }),
    );
    expect(message).toBe(
      `${file}: column "age": missing; ` +
        'column "income": expected numeric, found "n/a" (row 1); ' +
        'column "nationality": expected categorical (text), found numbers; ' +
        'column "when": unsupported Parquet type INT64 (TIMESTAMP_MILLIS): a date/time at row 1; ' +
        'column "region": "mars" (row 2) is not one of the levels north, south',
    );
  });

  it('a file that is not Parquet is named as such', () => {
    const file = join(dir, 'junk.parquet');
    writeFileSync(file, 'not parquet at all');
    expect(dataError(() => readPopulation(file))).toMatch(/junk\.parquet: not a Parquet file/);
  });
});

describe('a corrupt page header', () => {
  it('every byte of the first page headers changed: a decode or a data error naming the column, never minutes of work', () => {
    const small = samplePopulation(resolved, { seed: 3, n: 30 });
    const file = join(dir, 'pages.parquet');
    writePopulation(small, file);
    const bytes = Buffer.from(readFileSync(file));
    const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
    const chunk = meta.row_groups[0]!.columns[0]!.meta_data!;
    // The dictionary page's header, then the first data page's.
    const starts = [Number(chunk.dictionary_page_offset ?? chunk.data_page_offset), Number(chunk.data_page_offset)];
    const messages = new Set<string>();
    for (const i of [...new Set(starts)].flatMap((at) => Array.from({ length: 24 }, (_, k) => at + k))) {
      for (const value of [0xc8, 0x7f]) {
        const copy = Buffer.from(bytes);
        copy[i] = value;
        const bad = join(dir, `page-${i}-${value}.parquet`);
        writeFileSync(bad, copy);
        const started = performance.now();
        try {
          expect(readPopulation(bad).n).toBe(30);
        } catch (e) {
          expect(e).toBeInstanceOf(DisparateError);
          expect((e as Error).message.startsWith(`${bad}: `)).toBe(true);
          messages.add((e as Error).message.replace(`${bad}: `, '').replace(/\d+/g, 'N'));
        }
        // Not a timing claim: a page of 2^31 values takes minutes, a bounded one milliseconds.
        expect(performance.now() - started).toBeLessThan(20_000);
      }
    }
    expect([...messages].some((m) => /a page of N values where its row group has N left/.test(m)), [...messages].join("\n")).toBe(true);
  }, 120_000);
});
