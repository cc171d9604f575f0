import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompressionType, dictionary, float64, getCompressionCodec, int32, list, setCompressionCodec, tableFromArrays, tableToIPC, utf8 } from '@uwdata/flechette';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregateDecisions, registerArrowCodecs, type DecisionRoles } from '../../datasets/sql/index.js';
import { runCli } from '../cli/run-cli.js';
import { expectBadInputAsync } from './expect-error.js';

// Hostile Arrow IPC decisions: bytes that are not Arrow, files cut short, columns missing or of a type
// the audit does not read, a glob whose files disagree. Each is a one-line data error naming the file
// (and the column), exit 2; a column the audit does not use may be of any type. A compressed buffer
// that does not decode to what its length prefix declares, or a codec Arrow does not define, likewise.

let dir: string;
const roles: DecisionRoles = { protected: ['nat'], flag: 'flag' };
const columns = { nat: ['fr', 'nl', 'fr', 'nl'], flag: Int32Array.of(1, 0, 0, 1), score: Float64Array.of(0.1, 0.5, 0.2, 0.9) };
const arrow = (data: Parameters<typeof tableFromArrays>[0], format: 'file' | 'stream' = 'file', types: Record<string, never> = {}) => tableToIPC(tableFromArrays(data, { types }), { format })!;

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const audit = (path: string, r: DecisionRoles = roles) => () => aggregateDecisions(path, r);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'disparate-hostile-arrow-'));
});

describe('bytes that are not a whole Arrow IPC file are refused naming the file', () => {
  it('a CSV named .arrow', async () => {
    const path = file('csv.arrow', 'nat,flag\nfr,1\n');
    await expectBadInputAsync(audit(path), 'data', new RegExp(`^${path}: not an Arrow IPC file, or truncated \\(`));
  });

  it('an empty file', async () => {
    const path = file('empty.feather', new Uint8Array(0));
    await expectBadInputAsync(audit(path), 'data', `${path}: empty file (not an Arrow IPC file)`);
  });

  it('the file format cut before its footer', async () => {
    const bytes = arrow(columns, 'file');
    const path = file('cut.arrow', bytes.subarray(0, bytes.length - 40));
    await expectBadInputAsync(audit(path), 'data', `${path}: truncated Arrow IPC file (the footer and closing "ARROW1" are missing)`);
  });

  it('the stream format cut inside a record batch', async () => {
    const bytes = arrow(columns, 'stream');
    const path = file('cut.arrows', bytes.subarray(0, bytes.length - 20));
    await expectBadInputAsync(audit(path), 'data', new RegExp(`^${path}: not an Arrow IPC file, or truncated \\(Expected to read \\d+ bytes for message body, but only read \\d+\\.\\)$`));
  });

  it('a corrupt count in the metadata (a list of 2^31 field nodes) is refused at once, not by exhausting the memory', async () => {
    for (const format of ['file', 'stream'] as const) {
      const bytes = Buffer.from(arrow(columns, format));
      // The record batch's field nodes: their count (3 columns), then the first node (4 rows, no null).
      const nodes = Buffer.concat([Buffer.from([3, 0, 0, 0, 4]), Buffer.alloc(15)]);
      const at = bytes.indexOf(nodes);
      expect(at).toBeGreaterThan(0);
      bytes.writeInt32LE(0x7f000003, at);
      const path = file(`nodes.${format === 'file' ? 'arrow' : 'arrows'}`, bytes);
      await expectBadInputAsync(audit(path), 'data', `${path}: a corrupt Arrow IPC file (its metadata declares a list of ${0x7f000003} entries, more than the file's ${bytes.length} bytes can hold)`);
    }
  });

  it('a corrupt length of a dictionary (decoded whole when the file is opened) is refused at once too', async () => {
    const bytes = Buffer.from(arrow({ nat: ['fr', 'nl', 'fr', 'nl'], flag: columns.flag }, 'stream', { nat: dictionary(utf8()) as never }));
    // The dictionary batch's one field node: 2 values, no null.
    const node = Buffer.concat([Buffer.from([1, 0, 0, 0, 2]), Buffer.alloc(15)]);
    const at = bytes.indexOf(node);
    expect(at).toBeGreaterThan(0);
    bytes.writeInt32LE(0x7f000000, at + 4);
    const path = file('dictionary-length.arrows', bytes);
    await expectBadInputAsync(audit(path), 'data', `${path}: a corrupt Arrow IPC file (its metadata declares a dictionary of ${0x7f000000} entries, more than the file's ${bytes.length} bytes can hold)`);
  });

  it('Feather version 1 (not Arrow IPC) is named for what it is', async () => {
    const path = file('old.feather', Buffer.concat([Buffer.from('FEA1'), Buffer.alloc(16)]));
    await expectBadInputAsync(audit(path), 'data', `${path}: Feather version 1, which predates Arrow IPC; re-save it as Feather version 2 (pyarrow.feather.write_feather, version=2)`);
  });

  it('a gzipped Arrow file is named for what it is', async () => {
    const path = file('d.arrow.gz', new Uint8Array([0x1f, 0x8b]));
    await expectBadInputAsync(audit(path), 'data', `${path}: a gzipped Arrow IPC file is not read; decompress it first (Arrow IPC is read in place, without a copy)`);
  });
});

describe('columns', () => {
  it('a missing column has the message of every other format', async () => {
    const path = file('no-nat.arrow', arrow({ flag: columns.flag, score: columns.score }));
    await expectBadInputAsync(audit(path), 'data', `${path}: protected column "nat" not found (columns: flag, score)`);
  });

  it('a used column of a type the audit does not read names the column and its type; unused, it is no obstacle', async () => {
    const path = file('list.arrow', arrow({ ...columns, tags: [[1], [2], [], [3]] }, 'file', { tags: list(int32()) as never }));
    await expectBadInputAsync(audit(path, { protected: ['tags'], flag: 'flag' }), 'data', `${path}: column "tags" is of Arrow type List, which the audit does not read (text, numbers and booleans only)`);
    await expectBadInputAsync(audit(path, { protected: ['nat'], flag: 'flag', where: 'tags IS NOT NULL' }), 'data', /: column "tags" is of Arrow type List/);
    const { cells } = await aggregateDecisions(path, roles);
    expect(cells.columns).toContain('row_count');
  });

  it('a column named twice in the schema is refused when used', async () => {
    const bytes = arrow({ nat: columns.nat, flag: columns.flag, flah: Int32Array.of(0, 0, 0, 0) });
    // Rename the third field in place, in the schema message and the footer's copy: same length, so the schema stays valid.
    const copy = Buffer.from(bytes);
    for (let i = copy.indexOf('flah'); i >= 0; i = copy.indexOf('flah', i + 1)) copy[i + 3] = 'g'.charCodeAt(0);
    const path = file('twice.arrow', copy);
    await expectBadInputAsync(audit(path), 'data', `${path}: column "flag" appears more than once in the header; rename one of them`);
  });

  it('a glob whose second file lacks a used column, or types it otherwise, names that file', async () => {
    mkdirSync(join(dir, 'g1'));
    file('g1/a.arrow', arrow(columns));
    const b = file('g1/b.arrow', arrow({ flag: columns.flag, score: columns.score }));
    await expectBadInputAsync(audit(join(dir, 'g1/*.arrow')), 'data', `${b}: column "nat" not found (columns: flag, score)`);
    mkdirSync(join(dir, 'g2'));
    file('g2/a.arrow', arrow(columns));
    const c = file('g2/c.arrow', arrow({ ...columns, flag: ['1', '0', '0', '1'] }, 'file', { flag: utf8() as never }));
    await expectBadInputAsync(audit(join(dir, 'g2/*.arrow')), 'data', `${c}: column "flag" is of Arrow type Utf8 here, unlike in ${join(dir, 'g2/a.arrow')}; give it one type in every file`);
  });

  it('a glob whose second file is not Arrow names that file (the files are decoded in turn)', async () => {
    mkdirSync(join(dir, 'g3'));
    file('g3/a.arrow', arrow(columns));
    const b = file('g3/b.arrow', 'nat,flag\nfr,1\n');
    await expectBadInputAsync(audit(join(dir, 'g3/*.arrow')), 'data', new RegExp(`^${b}: not an Arrow IPC file, or truncated \\(`));
  });

  it('a glob that matches no file', async () => {
    const path = join(dir, 'none/*.arrow');
    await expectBadInputAsync(audit(path), 'data', `${path}: no file matches`);
  });
});

describe('through the CLI', () => {
  it('exit 2, one line on stderr, nothing on stdout', () => {
    file('cli.ipc', arrow({ flag: columns.flag, score: columns.score }, 'stream', { score: float64() as never }));
    const r = runCli(['audit', 'cli.ipc', '--protected', 'nat', '--flag', 'flag', '--out', 'o'], { cwd: dir });
    expect(r.stderr).toBe('disparate: cli.ipc: protected column "nat" not found (columns: flag, score)\n');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});

describe('value offsets', () => {
  it('offsets that go backwards (one corrupt offset) are refused naming the column, not read as other values or past the buffer', async () => {
    for (const offset of [5, 1 << 20]) {
      const copy = Buffer.from(arrow({ nat: ['fr', 'nl', 'fr', 'nl'], flag: columns.flag }, 'file', { nat: utf8() as never }));
      const offsets = Buffer.from(Int32Array.of(0, 2, 4, 6, 8).buffer);
      const at = copy.indexOf(offsets);
      expect(at).toBeGreaterThan(0);
      copy.writeInt32LE(offset, at + 4);
      const path = file(`offsets-${offset}.arrow`, copy);
      await expectBadInputAsync(audit(path), 'data', `${path}: column "nat": a record batch's value offsets go backwards (a corrupt file)`);
    }
  });
});

describe('text', () => {
  it('bytes that are not UTF-8 in a string column (plain or dictionary-encoded) are refused naming the row', async () => {
    const copy = Buffer.from(arrow({ nat: ['fr', 'qq', 'fr', 'qq'], flag: columns.flag }, 'file', { nat: utf8() as never }));
    for (let i = copy.indexOf('qq'); i >= 0; i = copy.indexOf('qq', i + 1)) copy[i + 1] = 0xff;
    const path = file('latin.arrow', copy);
    const message = (f: string) => `${f}: column "nat" holds bytes that are not UTF-8 at row 2 (Arrow strings are UTF-8; the writer decoded or encoded them wrongly)`;
    await expectBadInputAsync(audit(path), 'data', message(path));
    const dict = Buffer.from(arrow({ nat: ['fr', 'qq', 'fr', 'qq'], flag: columns.flag }, 'stream', { nat: dictionary(utf8()) as never }));
    for (let i = dict.indexOf('qq'); i >= 0; i = dict.indexOf('qq', i + 1)) dict[i + 1] = 0xff;
    const dictPath = file('latin-dict.arrows', dict);
    await expectBadInputAsync(audit(dictPath), 'data', message(dictPath));
  });
});

describe('compressed record batches (test/fixtures/arrow-compressed, written by liblz4 and libzstd)', () => {
  const FIXTURES = join(process.cwd(), 'test/fixtures/arrow-compressed');
  const LZ4 = Buffer.from([0x04, 0x22, 0x4d, 0x18]);
  const ZSTD = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
  const plain = { protected: ['region', 'sex'], flag: 'flag' };
  /** A fixture's bytes and its largest frame: where the frame starts (its 8-byte length prefix just before) and that length. */
  const largest = (name: string, magic: Buffer) => {
    const bytes = Buffer.from(readFileSync(join(FIXTURES, name)));
    let at = -1;
    for (let i = bytes.indexOf(magic); i >= 0; i = bytes.indexOf(magic, i + 1)) if (at < 0 || bytes.readBigInt64LE(i - 8) > bytes.readBigInt64LE(at - 8)) at = i;
    return { bytes, at, length: Number(bytes.readBigInt64LE(at - 8)) };
  };
  const corrupt = (name: string) => (f: string) => `${f}: a compressed record batch holds ${name} (a corrupt file)`;

  it('a corrupt LZ4 frame: a block checksum that does not match, or (without checksums, as Arrow C++ writes them) a match before the start of the data', async () => {
    const checked = largest('lz4.arrows', LZ4);
    checked.bytes.fill(0, checked.at + 16, checked.at + 20);
    const a = file('corrupt-lz4.arrows', checked.bytes);
    await expectBadInputAsync(audit(a, plain), 'data', corrupt('an LZ4 block whose checksum does not match')(a));
    const bare = largest('lz4.arrow', LZ4);
    bare.bytes.fill(0, bare.at + 20, bare.at + 24);
    const b = file('corrupt-lz4.arrow', bare.bytes);
    await expectBadInputAsync(audit(b, plain), 'data', corrupt('an LZ4 block with a match before the start of its data')(b));
    const magic = largest('lz4.arrow', LZ4);
    magic.bytes[magic.at] = 0x05;
    const c = file('not-lz4.arrow', magic.bytes);
    await expectBadInputAsync(audit(c, plain), 'data', corrupt('data that is not an LZ4 frame (magic number 184d2205, not 184d2204)')(c));
  });

  it('a corrupt Zstandard frame: a block of the reserved type, or a content checksum that does not match', async () => {
    const { bytes, at } = largest('zstd.arrow', ZSTD);
    // The frame header: magic, descriptor, window byte unless single-segment, dictionary id, content size.
    const descriptor = bytes[at + 4]!;
    const single = (descriptor & 0x20) !== 0;
    const header = 5 + (single ? 0 : 1) + [0, 1, 2, 4][descriptor & 3]! + [single ? 1 : 0, 2, 4, 8][descriptor >> 6]!;
    bytes[at + header] = bytes[at + header]! | 0x06;
    const path = file('corrupt-zstd.arrow', bytes);
    await expectBadInputAsync(audit(path, plain), 'data', corrupt('a Zstandard block of the reserved type')(path));
    // Bytes inside the block: only the frame's checksum (zstd.arrows has them; pyarrow writes none) shows it.
    const checked = largest('zstd.arrows', ZSTD);
    checked.bytes.fill(0, checked.at + 12, checked.at + 16);
    const other = file('corrupt-zstd.arrows', checked.bytes);
    await expectBadInputAsync(audit(other, plain), 'data', corrupt('a Zstandard frame whose content checksum does not match')(other));
  });

  it('a length prefix that the buffer does not decode to (longer, shorter, negative)', async () => {
    const cases: [string, Buffer, (length: number) => bigint, (length: number) => string][] = [
      ['lz4.arrow', LZ4, (n) => BigInt(n + 8), (n) => `LZ4 data that decompresses to ${n} bytes, not the ${n + 8} its length prefix declares`],
      ['lz4.arrows', LZ4, (n) => BigInt(n - 8), (n) => `LZ4 data that decompresses to more than the ${n - 8} bytes its length prefix declares`],
      ['zstd.arrow', ZSTD, (n) => BigInt(n + 8), (n) => `Zstandard data that decompresses to ${n} bytes, not the ${n + 8} its length prefix declares`],
      ['zstd.arrows', ZSTD, (n) => BigInt(n - 8), (n) => `a Zstandard frame of ${n} bytes where the length prefix declares ${n - 8}`],
      ['zstd.arrows', ZSTD, () => -5n, () => 'a compressed buffer whose length prefix is -5'],
    ];
    for (const [name, magic, declared, message] of cases) {
      const { bytes, at, length } = largest(name, magic);
      bytes.writeBigInt64LE(declared(length), at - 8);
      const path = file(`length-${declared(length)}-${name}`, bytes);
      await expectBadInputAsync(audit(path, plain), 'data', corrupt(message(length))(path));
    }
  });

  it('a Zstandard frame without a content size is decoded within a window the buffer can need, not whatever window it declares', async () => {
    // Frames written by hand: one RLE block (a constant buffer, e.g. a column of zeros), no content size,
    // the window descriptor's exponent e giving a window of 2^(10 + e) bytes.
    registerArrowCodecs();
    const ours = getCompressionCodec(CompressionType.ZSTD)!;
    const write = (name: string, exponent: number) => {
      setCompressionCodec(CompressionType.ZSTD, {
        decode: ours.decode,
        encode: (bytes: Uint8Array) => {
          if (bytes.length === 0 || bytes.length > 1 << 17 || bytes.some((b) => b !== bytes[0])) return bytes;
          const block = 1 | (1 << 1) | (bytes.length << 3);
          return Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0x00, exponent << 3, block & 0xff, (block >> 8) & 0xff, block >> 16, bytes[0]!);
        },
      });
      try {
        return file(name, tableToIPC(tableFromArrays({ nat: ['fr', 'nl', 'fr', 'nl'], flag: columns.flag, score: new Float64Array(64).subarray(0, 4) }), { format: 'stream', codec: CompressionType.ZSTD })!);
      } finally {
        setCompressionCodec(CompressionType.ZSTD, ours);
      }
    };
    const small = write('unsized-small-window.arrows', 0);
    const plainFile = file('unsized-plain.arrows', arrow({ nat: ['fr', 'nl', 'fr', 'nl'], flag: columns.flag, score: new Float64Array(4) }, 'stream'));
    const scored = { ...roles, score: 'score' };
    expect((await aggregateDecisions(small, scored)).cells).toEqual((await aggregateDecisions(plainFile, scored)).cells);
    const huge = write('unsized-huge-window.arrows', 20);
    await expectBadInputAsync(audit(huge, scored), 'data', `${huge}: a compressed record batch holds a Zstandard frame with no content size and a 1073741824-byte window, more than the 32 bytes its length prefix declares (a corrupt file)`);
  });

  it('a codec Arrow does not define', async () => {
    const path = join(FIXTURES, 'unknown-codec.arrows');
    await expectBadInputAsync(audit(path, plain), 'data', `${path}: record batches compressed with codec 2, which Arrow IPC does not define (0 is LZ4 frame, 1 is ZSTD); write it with compression "lz4", "zstd" or "uncompressed"`);
  });

  it('through the CLI: exit 2, one line naming the file, no numbers', () => {
    const { bytes, at } = largest('lz4.arrows', LZ4);
    bytes.fill(0, at + 16, at + 20);
    file('cli-corrupt.feather', bytes);
    const r = runCli(['audit', 'cli-corrupt.feather', '--protected', 'region,sex', '--flag', 'flag', '--out', 'o'], { cwd: dir });
    expect(r.stderr).toBe('disparate: cli-corrupt.feather: a compressed record batch holds an LZ4 block whose checksum does not match (a corrupt file)\n');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});
