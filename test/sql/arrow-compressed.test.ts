import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompressionType, dictionary, float64, int32, tableFromArrays, tableFromIPC, tableToIPC, utf8 } from '@uwdata/flechette';
import { describe, expect, it } from 'vitest';
import { xxh64Low } from '../../datasets/sql/arrow-xxh64.js';
import { registerArrowCodecs } from '../../datasets/sql/index.js';
import { auditDecisions } from '../../harness/pipeline/index.js';
import { auditOptions, withoutInput as strip } from './audit-options.js';

/**
 * Compressed Arrow IPC decisions (pyarrow's write_feather compresses with LZ4 by default) are the rows
 * their uncompressed original holds. The fixtures (test/fixtures/arrow-compressed) are 240 decisions in
 * three record batches written by flechette, and the same messages rewritten with LZ4 frame or Zstandard
 * buffers by compress.py with liblz4 and libzstd (Python), not by the decoders under test: the file and
 * stream formats, some buffers stored as they were (length -1), frames with and without their checksums
 * and content sizes, dictionary batches compressed too.
 */
const FIXTURES = join(process.cwd(), 'test/fixtures/arrow-compressed');
const fixture = (name: string) => join(FIXTURES, name);

const base = auditOptions(['region', 'sex'], 'flag', 'compressed arrow test');

const COLUMNS = { label: 'label', score: 'score' };
// Text with nulls (note), Int64 (age) and a derived attribute from a Float64 column with nulls (income).
const EXPRESSIONS = {
  protected: ['region', 'earner'],
  flag: 'score >= 0.45',
  label: 'label',
  score: 'score',
  where: "age < 70 AND (note IS NULL OR note <> 'appeal')",
  derive: ["earner=CASE WHEN income IS NULL THEN 'unknown' WHEN income >= 20000 THEN 'high' ELSE 'low' END"],
};

const CASES = [
  ['LZ4, file format', 'lz4.arrow', 'decisions.arrow'],
  ['LZ4, stream format', 'lz4.arrows', 'decisions.arrows'],
  ['ZSTD, file format', 'zstd.arrow', 'decisions.arrow'],
  ['ZSTD, stream format', 'zstd.arrows', 'decisions.arrows'],
] as const;

describe('a compressed Arrow file gives its uncompressed original\'s results', () => {
  // Each original is audited once per set of options, then compared with its LZ4 and its ZSTD copy.
  const originals = new Map<string, ReturnType<typeof auditDecisions>>();
  const audited = (original: string, options: typeof COLUMNS | typeof EXPRESSIONS) => {
    const key = `${original} ${options === COLUMNS ? 'columns' : 'expressions'}`;
    if (!originals.has(key)) originals.set(key, auditDecisions(base(fixture(original), options)));
    return originals.get(key)!;
  };
  it.each(CASES)('%s', async (_, compressed, original) => {
    for (const options of [COLUMNS, EXPRESSIONS]) {
      const plain = await audited(original, options);
      const packed = await auditDecisions(base(fixture(compressed), options));
      expect(plain.groups.length).toBeGreaterThan(5);
      expect(plain.manifest.rows).toBeGreaterThan(150);
      expect(strip(packed)).toBe(strip(plain));
      expect(packed.manifest.data?.hash).not.toBe(plain.manifest.data?.hash);
    }
  });
});

describe('the fixtures are what they say', () => {
  const LZ4_MAGIC = Buffer.from([0x04, 0x22, 0x4d, 0x18]);
  const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
  const count = (bytes: Buffer, magic: Buffer) => {
    let n = 0;
    for (let i = bytes.indexOf(magic); i >= 0; i = bytes.indexOf(magic, i + 1)) n++;
    return n;
  };

  it.each(CASES)('%s: compressed frames, three record batches, the original\'s values', (name, compressed, original) => {
    registerArrowCodecs();
    const bytes = readFileSync(fixture(compressed));
    const frames = count(bytes, name.startsWith('LZ4') ? LZ4_MAGIC : ZSTD_MAGIC);
    expect(frames).toBeGreaterThan(20);
    expect(count(readFileSync(fixture(original)), name.startsWith('LZ4') ? LZ4_MAGIC : ZSTD_MAGIC)).toBe(0);
    expect(bytes.length).toBeLessThan(readFileSync(fixture(original)).length);
    const table = tableFromIPC(bytes, { useBigInt: true });
    const plain = tableFromIPC(readFileSync(fixture(original)), { useBigInt: true });
    expect(table.getChildAt(0)!.data.length).toBe(3);
    expect(table.numRows).toBe(240);
    expect(table.toArray()).toEqual(plain.toArray());
  });
});

describe('LZ4 frames from another encoder (lz4js, through flechette\'s writer)', () => {
  it('decode to the values written, across blocks that reach back into earlier output', () => {
    registerArrowCodecs();
    const n = 5000;
    const text = Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : `group-${(i * 7919) % 13}`));
    const code = Int32Array.from({ length: n }, (_, i) => (i * 2654435761) % 1000);
    const value = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 1000);
    const table = tableFromArrays({ text, code, value, kind: text.map((t) => (t === null ? 'none' : 'some')) }, { types: { text: utf8(), code: int32(), value: float64(), kind: dictionary(utf8()) }, maxBatchRows: 2048 });
    for (const format of ['file', 'stream'] as const) {
      const packed = tableToIPC(table, { format, codec: CompressionType.LZ4_FRAME })!;
      expect(Buffer.from(packed).indexOf(Buffer.from([0x04, 0x22, 0x4d, 0x18]))).toBeGreaterThan(0);
      expect(tableFromIPC(packed).toArray()).toEqual(table.toArray());
    }
  });
});

describe('xxHash-64, whose low 32 bits are a Zstandard frame\'s checksum', () => {
  it('gives the reference implementation\'s digests (xxhsum; python-xxhash\'s documented example)', () => {
    const cases: [string, number][] = [
      ['', 0x51d8e999], // XXH64("") = ef46db3751d8e999
      ['a', 0xa98c6e5b], // d24ec4f1a98c6e5b
      ['abc', 0xad770999], // 44bc2cf5ad770999
      ['Nobody inspects the spammish repetition', 0x8a378bf1], // fbcea83c8a378bf1: a 32-byte stripe, then 4- and 1-byte tails (the fixtures' frames cover 8-byte ones)
    ];
    for (const [text, low] of cases) expect(xxh64Low(new TextEncoder().encode(text))).toBe(low);
  });
});
