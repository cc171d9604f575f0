import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadArrow } from 'arquero';
import { describe, expect, it } from 'vitest';
import { createPopulationWriter, formatCsv, populationColumnTypes, readPopulation, writePopulation } from '../../datasets/io/index.js';
import { resolvePopulation, samplePopulation } from '../../datasets/synth/index.js';
import { cellValue, type Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { toy } from '../synth/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'disparate-io-'));
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

describe('writePopulation / readPopulation round trips', () => {
  it.each(['pop.csv', 'pop.arrow'])('%s: same values, same types, categorical levels kept', (name) => {
    const file = join(dir, name);
    writePopulation(table, file);
    const back = readPopulation(file, { columns: populationColumnTypes(resolved) });
    expectSameTable(table, back);
  });

  it('streams chunks into one Arrow IPC stream that arquero reads, dictionary = levels', async () => {
    const file = join(dir, 'chunks.arrows');
    const w = createPopulationWriter(file);
    for (let start = 0; start < 3000; start += 1024) w.write(samplePopulation(resolved, { seed: 8, n: Math.min(1024, 3000 - start), start }));
    w.close();
    expectSameTable(table, readPopulation(file));
    const aq = await loadArrow(file);
    expect(aq.numRows()).toBe(3000);
    expect(aq.get('nationality', 0)).toBe(cellValue(table.columns.get('nationality')!, 0));
    expect(aq.get('income', 2999)).toBe(cellValue(table.columns.get('income')!, 2999));
  });

  it('Arrow with LZ4 or ZSTD compressed record batches (test/fixtures/arrow-compressed) reads as its uncompressed original', () => {
    const fixture = (name: string) => join(process.cwd(), 'test/fixtures/arrow-compressed', name);
    for (const [compressed, original] of [['lz4.arrow', 'decisions.arrow'], ['lz4.arrows', 'decisions.arrows'], ['zstd.arrow', 'decisions.arrow'], ['zstd.arrows', 'decisions.arrows']]) {
      const plain = readPopulation(fixture(original!));
      expect(plain.n).toBe(240);
      expectSameTable(plain, readPopulation(fixture(compressed!)));
    }
  });

  it('CSV: header once, quoting, missing values empty', () => {
    const t: Table = {
      n: 2,
      columns: new Map([
        ['name', { kind: 'categorical', levels: ['a, "b"', 'c'], codes: Int32Array.of(0, -1) }],
        ['x', { kind: 'numeric', values: Float64Array.of(1.5, NaN) }],
      ]),
    };
    expect(formatCsv(t, { header: true })).toBe('name,x\n"a, ""b""",1.5\n,\n');
    const file = join(dir, 'q.csv');
    writePopulation(t, file);
    const back = readPopulation(file);
    expect(cellValue(back.columns.get('name')!, 0)).toBe('a, "b"');
    expect(cellValue(back.columns.get('x')!, 1)).toBeNull();
  });
});

describe('readPopulation type checks', () => {
  it('infers types from CSV and JSONL', () => {
    const csv = join(dir, 'infer.csv');
    writeFileSync(csv, 'group,score,flag\nb,1.5,1\na,,0\nb,3,1\n');
    const t = readPopulation(csv);
    expect(t.n).toBe(3);
    expect(t.columns.get('group')).toMatchObject({ kind: 'categorical', levels: ['a', 'b'] });
    expect(t.columns.get('score')?.kind).toBe('numeric');
    const jsonl = join(dir, 'infer.jsonl');
    writeFileSync(jsonl, '{"group":"b","score":1.5}\n{"group":"a","score":null,"extra":true}\n');
    const j = readPopulation(jsonl);
    expect(j.n).toBe(2);
    expect(cellValue(j.columns.get('extra')!, 0)).toBeNull();
    expect(cellValue(j.columns.get('extra')!, 1)).toBe(1);
  });

  it('names the file and every bad column', () => {
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'nationality,income,age\nfrench,n/a,30\nmartian,12000,x\n');
    const message = dataError(() =>
      readPopulation(csv, { columns: { nationality: { kind: 'categorical', levels: ['french', 'eu'] }, income: { kind: 'numeric' }, age: { kind: 'numeric' }, disability: { kind: 'categorical' } } }),
    );
    expect(message).toBe(
      `${csv}: column "disability": missing; column "nationality": "martian" (row 2) is not one of the levels french, eu; column "income": expected numeric, found "n/a" (row 1); column "age": expected numeric, found "x" (row 2)`,
    );
    const jsonl = join(dir, 'mixed.jsonl');
    writeFileSync(jsonl, '{"a":1}\n{"a":"one"}\n{"a":{"nested":1}}\n');
    expect(dataError(() => readPopulation(jsonl))).toMatch(/mixed\.jsonl: column "a": unsupported value/);
    writeFileSync(jsonl, '{"a":1}\n{"a":"one"}\n');
    expect(dataError(() => readPopulation(jsonl))).toBe(`${jsonl}: column "a": mixes numbers (row 1) and text "one" (row 2)`);
    writeFileSync(jsonl, '{"a":1}\nnot json\n');
    expect(dataError(() => readPopulation(jsonl))).toMatch(/line 2: not JSON/);
  });

  it('checks Arrow columns against expectations, and refuses unknown formats and missing files', () => {
    const file = join(dir, 'typed.arrow');
    writePopulation(table, file);
    expect(dataError(() => readPopulation(file, { columns: { income: { kind: 'categorical' } } }))).toBe(`${file}: column "income": expected categorical (text), found numbers`);
    expect(dataError(() => readPopulation(join(dir, 'x.xlsx')))).toMatch(/cannot read|unsupported format/);
    writeFileSync(join(dir, 'x.xlsx'), 'x');
    expect(dataError(() => readPopulation(join(dir, 'x.xlsx')))).toMatch(/unsupported format ".xlsx"/);
    writeFileSync(join(dir, 'junk.arrow'), 'not arrow at all');
    expect(dataError(() => readPopulation(join(dir, 'junk.arrow')))).toMatch(/junk\.arrow: not an Arrow IPC file/);
    // A corrupt population file gets the decisions' checks: a count in its metadata past the file's
    // size is refused at once (not by exhausting the memory), a batch shorter than it says by name.
    const bytes = Buffer.from(readFileSync(file));
    const count = bytes.indexOf(Buffer.concat([Buffer.from([resolved.columns.length, 0, 0, 0]), Buffer.from(new BigInt64Array([BigInt(table.n)]).buffer), Buffer.alloc(8)]));
    expect(count).toBeGreaterThan(0);
    bytes.writeInt32LE(0x7f000000 + resolved.columns.length, count);
    writeFileSync(join(dir, 'corrupt.arrow'), bytes);
    expect(dataError(() => readPopulation(join(dir, 'corrupt.arrow')))).toBe(`${join(dir, 'corrupt.arrow')}: a corrupt Arrow IPC file (its metadata declares a list of ${0x7f000000 + resolved.columns.length} entries, more than the file's ${bytes.length} bytes can hold)`);
    // .arrow is the IPC file format (magic first), .arrows the stream (continuation marker first).
    expect(readFileSync(file).subarray(0, 6).toString()).toBe('ARROW1');
    writePopulation(table, join(dir, 'typed.arrows'));
    expect(readFileSync(join(dir, 'typed.arrows')).subarray(0, 4)).toEqual(Buffer.from([255, 255, 255, 255]));
  });
});
