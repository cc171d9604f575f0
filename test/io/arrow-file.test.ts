import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordBatchFileReader, RecordBatchStreamReader, type RecordBatch } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { createPopulationWriter, readPopulation } from '../../datasets/io/index.js';
import { resolvePopulation, samplePopulation } from '../../datasets/synth/index.js';
import { cellValue } from '../../datasets/table/index.js';
import { toy } from '../synth/fixtures.js';

/** The Arrow outputs checked by an independent reader: Apache Arrow's own JS implementation. */
const dir = mkdtempSync(join(tmpdir(), 'disparate-arrow-'));
const resolved = resolvePopulation(toy);
const size = 5000;
const chunks = [0, 2000, 4500].map((start, i, all) => samplePopulation(resolved, { seed: 3, n: (all[i + 1] ?? size) - start, start, size }));
const whole = samplePopulation(resolved, { seed: 3, n: size, size });

function write(file: string): Uint8Array {
  const w = createPopulationWriter(file);
  for (const c of chunks) w.write(c);
  w.close();
  return readFileSync(file);
}

describe('Arrow output, read back by apache-arrow', () => {
  it('.arrow is the IPC file format: magic at both ends, a footer indexing one record batch per chunk', () => {
    const bytes = write(join(dir, 'pop.arrow'));
    expect(Buffer.from(bytes.subarray(0, 6)).toString()).toBe('ARROW1');
    expect(Buffer.from(bytes.subarray(bytes.length - 6)).toString()).toBe('ARROW1');
    const reader = RecordBatchFileReader.from(bytes);
    reader.open();
    expect(reader.numRecordBatches).toBe(3);
    expect(reader.schema.fields.map((f) => f.name)).toEqual([...whole.columns.keys()]);
    // Random access through the footer: the last batch first.
    const last = reader.readRecordBatch(2) as RecordBatch;
    expect(last.numRows).toBe(size - 4500);
    const row = 4500;
    for (const [name, column] of whole.columns) {
      const vector = last.getChild(name)!;
      for (let i = 0; i < last.numRows; i += 97) {
        const expected = cellValue(column, row + i);
        const actual = vector.get(i) as unknown;
        expect(actual === null ? null : actual, `${name} row ${row + i}`).toEqual(expected === null ? null : expected);
      }
    }
    expect([...reader].reduce((n, b) => n + b.numRows, 0)).toBe(size);
  });

  it('.arrows is the IPC stream; both read back into the same table with disparate\'s reader', () => {
    const stream = write(join(dir, 'pop.arrows'));
    const reader = RecordBatchStreamReader.from(stream);
    expect([...reader].reduce((n, b) => n + b.numRows, 0)).toBe(size);
    for (const file of ['pop.arrow', 'pop.arrows']) {
      const back = readPopulation(join(dir, file));
      expect(back.n).toBe(size);
      for (const [name, column] of whole.columns) {
        const other = back.columns.get(name)!;
        for (let i = 0; i < size; i += 131) expect(cellValue(other, i), `${file} ${name} ${i}`).toEqual(cellValue(column, i));
      }
    }
  });
});
