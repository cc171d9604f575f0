import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RNG_ALGORITHM,
  createRng,
  fillUniforms,
  philox4x32,
  splitSeed,
  streamId,
  uniform,
  wordsToUniform,
} from '../../harness/stats/rng/index.js';
import { mulhi } from '../../harness/stats/rng/philox.js';

const hex = (words: Uint32Array): string[] => Array.from(words, (w) => w.toString(16).padStart(8, '0'));

describe('philox4x32-10', () => {
  it('is named for the manifest', () => {
    expect(RNG_ALGORITHM).toBe('philox4x32-10');
  });

  // Random123 kat_vectors: "philox4x32 10 <ctr0..3> <key0..1> <out0..3>"
  it('matches the Random123 known-answer vectors', () => {
    expect(hex(philox4x32(0, 0, 0, 0, 0, 0))).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
    const f = 0xffffffff;
    expect(hex(philox4x32(f, f, f, f, f, f))).toEqual(['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd']);
    expect(hex(philox4x32(0xa4093822, 0x299f31d0, 0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344))).toEqual([
      'd16cfe09',
      '94fdcceb',
      '5001e420',
      '24126ea1',
    ]);
  });

  it('computes the high word of 32×32 products exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), (a, m) => {
        const expected = Number((BigInt(a) * BigInt(m)) >> 32n);
        expect(mulhi(a, m)).toBe(expected);
        expect(mulhi(a | 0, m | 0)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    expect(mulhi(0xffffffff, 0xffffffff)).toBe(0xfffffffe);
  });
});

describe('uniform', () => {
  it('splits seeds up to 2^53 into two key words and rejects others', () => {
    expect(splitSeed(0)).toEqual([0, 0]);
    expect(splitSeed(2 ** 32 + 5)).toEqual([5, 1]);
    expect(splitSeed(2 ** 53 - 1)).toEqual([0xffffffff, 0x1fffff]);
    expect(() => splitSeed(-1)).toThrow(RangeError);
    expect(() => splitSeed(1.5)).toThrow(RangeError);
    expect(() => splitSeed(2 ** 53)).toThrow(RangeError);
  });

  it('maps words to 53-bit uniforms strictly inside (0, 1)', () => {
    expect(wordsToUniform(0, 0)).toBeGreaterThan(0);
    expect(wordsToUniform(0xffffffff, 0xffffffff)).toBeLessThan(1);
    expect(wordsToUniform(0xffffffff, 0xffffffff)).toBe(1 - 2 ** -53);
    expect(wordsToUniform(0x80000000, 0)).toBe(0.5);
    expect(wordsToUniform(0, 0x40)).toBe(2 ** -53);
  });

  it('uses the words of the Philox block given by the counter layout', () => {
    // counter = (floor(row / 2) lo, hi, slot, stream); even rows words 0-1, odd rows words 2-3
    const block = philox4x32(7, 0, 3, 0, 0, 11);
    expect(uniform(7, 11, 6, 0)).toBe(wordsToUniform(block[0]!, block[1]!));
    expect(uniform(7, 11, 7, 0)).toBe(wordsToUniform(block[2]!, block[3]!));
    const block2 = philox4x32(5, 1, 9, 0, 2, 11);
    expect(uniform(2 ** 32 + 5, 11, 18, 2)).toBe(wordsToUniform(block2[0]!, block2[1]!));
    const block3 = philox4x32(5, 1, 4, 1, 0, 11);
    expect(uniform(2 ** 32 + 5, 11, 2 ** 33 + 9, 0)).toBe(wordsToUniform(block3[2]!, block3[3]!));
  });

  it('bulk fill equals the scalar path, for any start and slot', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 53 - 1 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 2 ** 33 - 20, max: 2 ** 33 + 20 }), fc.integer({ min: 2 ** 53 - 100, max: 2 ** 53 - 41 })),
        fc.integer({ min: 0, max: 0xffffffff }),
        (seed, stream, start, slot) => {
          const out = fillUniforms(new Float64Array(1 + (start % 40)), seed, stream, start, slot);
          for (let i = 0; i < out.length; i++) expect(out[i]).toBe(uniform(seed, stream, start + i, slot));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is roughly uniform (mean, variance, 20-bin chi-square) on 200k draws', () => {
    const n = 200_000;
    const u = fillUniforms(new Float64Array(n), 12345, streamId('test'), 0);
    let sum = 0;
    let sq = 0;
    const bins = new Array<number>(20).fill(0);
    let outside = 0;
    for (const x of u) {
      if (!(x > 0 && x < 1)) outside++;
      sum += x;
      sq += x * x;
      bins[Math.floor(x * 20)]!++;
    }
    expect(outside).toBe(0);
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
    const e = n / 20;
    const chi2 = bins.reduce((s, o) => s + (o - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(43.8); // χ²(19) 99.9 % quantile
  });

  it('gives unrelated streams and seeds', () => {
    expect(uniform(1, streamId('a'), 0)).not.toBe(uniform(1, streamId('b'), 0));
    expect(uniform(1, streamId('a'), 0)).not.toBe(uniform(2, streamId('a'), 0));
  });
});

describe('streamId', () => {
  it('is FNV-1a 32 over UTF-8', () => {
    expect(streamId('')).toBe(0x811c9dc5);
    expect(streamId('a')).toBe(0xe40c292c);
    expect(streamId('foobar')).toBe(0xbf9cf968);
    expect(streamId('é')).not.toBe(streamId('e'));
  });
});

describe('createRng', () => {
  it('binds a seed and names streams', () => {
    const rng = createRng(99);
    expect(rng.algorithm).toBe('philox4x32-10');
    expect(rng.uniform('income', 10)).toBe(uniform(99, streamId('income'), 10, 0));
    const out = rng.fill('income', new Float64Array(3), 9, 1);
    expect(out[1]).toBe(uniform(99, streamId('income'), 10, 1));
    expect(() => createRng(-3)).toThrow(RangeError);
  });
});
