import { createRequire } from 'node:module';
import { CompressionType, setCompressionCodec } from '@uwdata/flechette';
import { u32, xxh64Low } from './arrow-xxh64.js';

/**
 * The codecs of compressed Arrow IPC record batches (pyarrow's write_feather compresses with LZ4 unless
 * told otherwise). The IPC format compresses a record batch buffer by buffer: each buffer is an int64
 * little-endian uncompressed length, then an LZ4 *frame* or a Zstandard frame (or the length -1, then
 * the buffer as it is); flechette reads the prefix, passes the -1 buffers through and hands the codec the
 * frame and the declared length. The codecs check that the frame decodes to exactly that length, so a
 * corrupt or inconsistent buffer is an error, never values shifted or padded with zeros.
 *
 * LZ4 frames are decoded here, every read and write bounds-checked, and every checksum the frame carries
 * (header, blocks, content) verified with lz4js's xxHash-32: lz4js's own decoder reads a block checksum
 * before the block instead of after it, reads no checksum, and lets a corrupt block read before the start
 * of its output or past the end of its input. Zstandard frames are delimited here and decoded by fzstd,
 * and their content checksums, which fzstd skips, verified (arrow-xxh64.ts). Both libraries are loaded on
 * the first compressed buffer, not with the modules every command loads.
 */

/** A compressed buffer that does not decode to what its length prefix declares (a corrupt file). */
export class CompressedBufferError extends Error {}

const fail = (message: string): never => {
  throw new CompressedBufferError(message);
};

interface Lz4js {
  compress(src: Uint8Array): Uint8Array;
}
type Xxh32 = (seed: number, src: Uint8Array, index: number, length: number) => number;
type Fzstd = typeof import('fzstd');

const require = createRequire(import.meta.url);
let xxh32: Xxh32 | undefined;
let lz4js: Lz4js | undefined;
let fzstd: Fzstd | undefined;
/** xxHash-32 (seed 0) of `length` bytes of `src` from `at`, unsigned. */
const hash = (src: Uint8Array, at: number, length: number): number => (xxh32 ??= (require('lz4js/xxh32.js') as { hash: Xxh32 }).hash)(0, src, at, length) >>> 0;

const LZ4_MAGIC = 0x184d2204;
/** Skippable frames (LZ4 and Zstandard alike): magic numbers 0x184D2A50 to 0x184D2A5F, then a 32-bit size. */
const SKIPPABLE = 0x184d2a50;
/** The largest block of each block-size code (4 to 7) of the frame descriptor. */
const LZ4_BLOCK_MAX = [0, 0, 0, 0, 1 << 16, 1 << 18, 1 << 20, 1 << 22];

/** A bounds check on `src`: reading up to `n` bytes from it needs them, else `frame` was cut short. */
type Need = (n: number, what: string) => void;
const bounds = (src: Uint8Array, frame: string): Need => (n, what) => {
  if (n > src.length) fail(`${frame} cut short (${what})`);
};

/**
 * The frame at `s` (its magic number checked to be there): the end of the skippable frame it is, or -1
 * when it is not one.
 */
function skippable(src: Uint8Array, s: number, need: Need): number {
  if ((u32(src, s) & 0xfffffff0) >>> 0 !== SKIPPABLE) return -1;
  need(s + 8, 'a skippable frame');
  const end = s + 8 + u32(src, s + 4);
  need(end, 'a skippable frame');
  return end;
}

const tooLong = (length: number, codec: string): never => fail(`${codec} data that decompresses to more than the ${length} bytes its length prefix declares`);

/** Copies `n` bytes inside `out` from `from` to `to` (LZ4 matches may overlap their own output). */
function copyMatch(out: Uint8Array, to: number, from: number, n: number): void {
  if (to - from >= n && n > 32) out.copyWithin(to, from, from + n);
  else for (let i = 0; i < n; i++) out[to + i] = out[from + i]!;
}

/**
 * Decodes one LZ4 block (src[s, end)) into `out` from `o`; a match may reach back to `floor` (the frame's
 * start for linked blocks, the block's own start for independent ones). Returns the end of its output.
 */
function lz4Block(src: Uint8Array, s: number, end: number, out: Uint8Array, o: number, floor: number): number {
  const corrupt = (what: string): never => fail(`an LZ4 block ${what}`);
  for (;;) {
    const token = src[s++]!;
    let literals = token >>> 4;
    if (literals === 15) {
      for (let b = 255; b === 255; literals += b) {
        if (s >= end) corrupt('cut inside a literal length');
        b = src[s++]!;
      }
    }
    if (literals > end - s) corrupt('with literals past its end');
    if (literals > out.length - o) tooLong(out.length, 'LZ4');
    if (literals > 32) out.set(src.subarray(s, s + literals), o);
    else for (let i = 0; i < literals; i++) out[o + i] = src[s + i]!;
    s += literals;
    o += literals;
    if (s === end) return o;
    if (end - s < 2) corrupt('cut inside a match offset');
    const offset = src[s]! | (src[s + 1]! << 8);
    s += 2;
    if (offset === 0 || offset > o - floor) corrupt('with a match before the start of its data');
    let length = token & 15;
    if (length === 15) {
      for (let b = 255; b === 255; length += b) {
        if (s >= end) corrupt('cut inside a match length');
        b = src[s++]!;
      }
    }
    length += 4;
    if (length > out.length - o) tooLong(out.length, 'LZ4');
    copyMatch(out, o, o - offset, length);
    o += length;
    if (s >= end) corrupt('ending with a match (its last sequence must be literals)');
  }
}

/**
 * Decodes one block of a frame, src[s, s + size), stored as it is (the size word's high bit) or LZ4
 * compressed, into `out` from `o`, refusing more than the frame's `blockMax` bytes. Returns the end of its
 * output.
 */
function frameBlock(src: Uint8Array, s: number, size: number, stored: boolean, out: Uint8Array, o: number, floor: number, blockMax: number): number {
  let end: number;
  if (stored) {
    if (size > out.length - o) tooLong(out.length, 'LZ4');
    out.set(src.subarray(s, s + size), o);
    end = o + size;
  } else {
    end = lz4Block(src, s, s + size, out, o, floor);
  }
  if (end - o > blockMax) fail(`an LZ4 block decoding to more than its frame's ${blockMax}-byte blocks`);
  return end;
}

/** Decodes LZ4 frames (one or more, skippable frames skipped) to exactly `length` bytes. */
export function lz4Frames(src: Uint8Array, length: number): Uint8Array {
  // No LZ4 block expands a byte to more than 255 (a run-length byte of 255): a longer declared length
  // is corrupt, and is refused before it is allocated.
  if (length > src.length * 255 + 64) fail(`LZ4 data of ${src.length} bytes, which cannot decompress to the ${length} its length prefix declares`);
  const out = new Uint8Array(length);
  const need = bounds(src, 'an LZ4 frame');
  let s = 0;
  let o = 0;
  while (s < src.length) {
    need(s + 4, 'its magic number');
    const skipped = skippable(src, s, need);
    if (skipped >= 0) {
      s = skipped;
      continue;
    }
    const magic = u32(src, s);
    if (magic !== LZ4_MAGIC) fail(`data that is not an LZ4 frame (magic number ${magic.toString(16).padStart(8, '0')}, not 184d2204)`);
    need(s + 7, 'its descriptor');
    const flags = src[s + 4]!;
    const sizes = src[s + 5]!;
    if (flags >>> 6 !== 1) fail(`an LZ4 frame of version ${flags >>> 6} (1 is the only one)`);
    if ((flags & 0x02) !== 0 || (sizes & 0x8f) !== 0) fail('an LZ4 frame descriptor with reserved bits set');
    if ((flags & 0x01) !== 0) fail('an LZ4 frame compressed against a dictionary');
    const blockMax = LZ4_BLOCK_MAX[(sizes >>> 4) & 7]!;
    if (blockMax === 0) fail(`an LZ4 frame with block size code ${(sizes >>> 4) & 7} (4 to 7 are defined)`);
    const linked = (flags & 0x20) === 0;
    const blockChecksums = (flags & 0x10) !== 0;
    const contentSize = (flags & 0x08) !== 0;
    const contentChecksum = (flags & 0x04) !== 0;
    const descriptorEnd = s + 6 + (contentSize ? 8 : 0);
    need(descriptorEnd + 1, 'its descriptor');
    if (((hash(src, s + 4, descriptorEnd - s - 4) >>> 8) & 0xff) !== src[descriptorEnd]) fail('an LZ4 frame whose descriptor checksum does not match');
    const declared = contentSize ? u32(src, s + 6) + u32(src, s + 10) * 2 ** 32 : -1;
    const start = o;
    s = descriptorEnd + 1;
    for (;;) {
      need(s + 4, 'a block size');
      const word = u32(src, s);
      s += 4;
      if (word === 0) break;
      const size = word & 0x7fffffff;
      if (size > blockMax) fail(`an LZ4 block of ${size} bytes in a frame of blocks up to ${blockMax}`);
      need(s + size + (blockChecksums ? 4 : 0), 'a block');
      if (blockChecksums && hash(src, s, size) !== u32(src, s + size)) fail('an LZ4 block whose checksum does not match');
      o = frameBlock(src, s, size, word >= 0x80000000, out, o, linked ? start : o, blockMax);
      s += size + (blockChecksums ? 4 : 0);
    }
    if (declared >= 0 && declared !== o - start) fail(`an LZ4 frame of ${o - start} bytes whose descriptor says ${declared}`);
    if (contentChecksum) {
      need(s + 4, 'its content checksum');
      if (hash(out, start, o - start) !== u32(src, s)) fail('an LZ4 frame whose content checksum does not match');
      s += 4;
    }
  }
  if (o !== length) fail(`LZ4 data that decompresses to ${o} bytes, not the ${length} its length prefix declares`);
  return out;
}

/** A little-endian unsigned integer of `bytes` bytes (up to 8; exact up to 2^53) at `at`. */
function uint(src: Uint8Array, at: number, bytes: number): number {
  let value = 0;
  for (let i = bytes - 1; i >= 0; i--) value = value * 256 + src[at + i]!;
  return value;
}

/**
 * A Zstandard frame's extent (src[start, end)), where its content checksum is, or -1, the content size
 * its header declares, or -1, and its window size (RFC 8878, 3.1.1).
 */
function zstdFrame(src: Uint8Array, start: number, need: Need): { end: number; checksum: number; size: number; window: number } {
  const descriptor = src[start + 4]!;
  if ((descriptor & 0x08) !== 0) fail('a Zstandard frame descriptor with its reserved bit set');
  const single = (descriptor & 0x20) !== 0;
  const dictionaryAt = start + 5 + (single ? 0 : 1);
  const dictionaryBytes = [0, 1, 2, 4][descriptor & 3]!;
  const sizeBytes = [single ? 1 : 0, 2, 4, 8][descriptor >>> 6]!;
  const header = dictionaryAt + dictionaryBytes + sizeBytes - start;
  need(start + header, 'its header');
  if (uint(src, dictionaryAt, dictionaryBytes) !== 0) fail('a Zstandard frame compressed against a dictionary');
  // A 2-byte content size is stored less 256.
  const size = sizeBytes === 0 ? -1 : uint(src, dictionaryAt + dictionaryBytes, sizeBytes) + (sizeBytes === 2 ? 256 : 0);
  // Window descriptor (3.1.1.1.2): 2^(10 + exponent), plus eighths of it; a single-segment frame's window is its content.
  const base = single ? 0 : 2 ** (10 + (src[start + 5]! >>> 3));
  const window = single ? size : base + (base / 8) * (src[start + 5]! & 7);
  let s = start + header;
  for (let last = false; !last; ) {
    need(s + 3, 'a block header');
    const word = src[s]! | (src[s + 1]! << 8) | (src[s + 2]! << 16);
    last = (word & 1) === 1;
    const type = (word >>> 1) & 3;
    if (type === 3) fail('a Zstandard block of the reserved type');
    s += 3 + (type === 1 ? 1 : word >>> 3);
    need(s, 'a block');
  }
  const checksum = (descriptor & 0x04) !== 0 ? s : -1;
  if (checksum >= 0) need(s + 4, 'its content checksum');
  return { end: checksum >= 0 ? s + 4 : s, checksum, size, window };
}

/** The largest window accepted from a Zstandard frame that declares no content size, beyond the buffer's own length. */
const ZSTD_WINDOW_UNSIZED = 8 << 20;

/**
 * Decodes Zstandard frames (skippable frames skipped) to exactly `length` bytes, 8-byte aligned as
 * flechette views them: the frames are delimited here, each is decoded by fzstd, and the content checksum
 * a frame carries is verified.
 */
export function zstdFrames(src: Uint8Array, length: number): Uint8Array {
  const need = bounds(src, 'a Zstandard frame');
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let s = 0; s < src.length; ) {
    need(s + 4, 'its magic number');
    const skipped = skippable(src, s, need);
    if (skipped >= 0) {
      s = skipped;
      continue;
    }
    const magic = u32(src, s);
    if (magic !== 0xfd2fb528) fail(`data that is not a Zstandard frame (magic number ${magic.toString(16).padStart(8, '0')}, not fd2fb528)`);
    const { end, checksum, size, window } = zstdFrame(src, s, need);
    // A content size in the header is checked before fzstd allocates it. Without one, fzstd allocates
    // the frame's window (up to 2 GB) however little follows: a window beyond what the buffer still has
    // to hold (or beyond 8 MiB, what a streaming encoder's default window needs) is refused first.
    if (size > length - total) fail(`a Zstandard frame of ${size} bytes where the length prefix declares ${length}`);
    if (size < 0 && window > Math.max(length - total, ZSTD_WINDOW_UNSIZED)) fail(`a Zstandard frame with no content size and a ${window}-byte window, more than the ${length} bytes its length prefix declares`);
    let part: Uint8Array;
    try {
      part = (fzstd ??= require('fzstd') as Fzstd).decompress(src.subarray(s, end));
    } catch (e) {
      return fail(`Zstandard data that cannot be decoded (${e instanceof Error ? e.message : String(e)})`);
    }
    if (checksum >= 0 && xxh64Low(part) !== u32(src, checksum)) fail('a Zstandard frame whose content checksum does not match');
    total += part.length;
    if (total > length) tooLong(length, 'Zstandard');
    parts.push(part);
    s = end;
  }
  if (total !== length) fail(`Zstandard data that decompresses to ${total} bytes, not the ${length} its length prefix declares`);
  if (parts.length === 1 && parts[0]!.byteOffset % 8 === 0) return parts[0]!;
  const out = new Uint8Array(length);
  for (let i = 0, at = 0; i < parts.length; at += parts[i]!.length, i++) out.set(parts[i]!, at);
  return out;
}

/** The declared length of a buffer flechette hands a codec is a length. */
function checked(decode: (src: Uint8Array, length: number) => Uint8Array) {
  return (src: Uint8Array, length: number): Uint8Array => {
    if (!Number.isSafeInteger(length) || length < 0) fail(`a compressed buffer whose length prefix is ${length}`);
    return decode(src, length);
  };
}

let registered = false;
/** Registers the LZ4 frame and Zstandard codecs with flechette (once; the libraries load on first use). */
export function registerArrowCodecs(): void {
  if (registered) return;
  registered = true;
  setCompressionCodec(CompressionType.LZ4_FRAME, {
    decode: checked(lz4Frames),
    encode: (bytes) => (lz4js ??= require('lz4js') as Lz4js).compress(bytes),
  });
  setCompressionCodec(CompressionType.ZSTD, {
    decode: checked(zstdFrames),
    encode: () => {
      throw new Error('Zstandard compression is not available (fzstd only decompresses); write LZ4 or uncompressed Arrow IPC');
    },
  });
}
