/**
 * xxHash-64 (seed 0), whose low 32 bits are a Zstandard frame's optional content checksum (the
 * Zstandard format, RFC 8878, 3.1.1; xxHash's XXH64 specification). 64-bit unsigned arithmetic is done
 * on 32-bit halves held in numbers (products on 16-bit limbs, exact in a double), not on BigInt, which
 * would cost a heap allocation per operation; the result of each operation is left in `hi` and `lo`.
 */
let hi = 0;
let lo = 0;

const P1H = 0x9e3779b1, P1L = 0x85ebca87;
const P2H = 0xc2b2ae3d, P2L = 0x27d4eb4f;
const P3H = 0x165667b1, P3L = 0x9e3779f9;
const P4H = 0x85ebca77, P4L = 0xc2b2ae63;
const P5H = 0x27d4eb2f, P5L = 0x165667c5;

/** (a × b) mod 2^64: the low half of al × bl, and its high half (from 16-bit limbs) plus the cross terms. */
function mul(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff, a1 = al >>> 16, b0 = bl & 0xffff, b1 = bl >>> 16;
  const middle = a1 * b0 + a0 * b1 + ((a0 * b0) >>> 16);
  hi = (a1 * b1 + Math.floor(middle / 65536) + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
  lo = Math.imul(al, bl) >>> 0;
}

/** (a + b) mod 2^64. */
function add(ah: number, al: number, bh: number, bl: number): void {
  const l = al + bl;
  lo = l >>> 0;
  hi = (ah + bh + (l > 0xffffffff ? 1 : 0)) >>> 0;
}

/** a rotated left by r bits (0 < r < 32). */
function rotl(ah: number, al: number, r: number): void {
  hi = ((ah << r) | (al >>> (32 - r))) >>> 0;
  lo = ((al << r) | (ah >>> (32 - r))) >>> 0;
}

/** round(acc, input): (rotl(acc + input × P2, 31)) × P1. */
function round(ah: number, al: number, ih: number, il: number): void {
  mul(ih, il, P2H, P2L);
  add(ah, al, hi, lo);
  rotl(hi, lo, 31);
  mul(hi, lo, P1H, P1L);
}

/** mergeRound(acc, v): (acc ^ round(0, v)) × P1 + P4. */
function merge(ah: number, al: number, vh: number, vl: number): void {
  round(0, 0, vh, vl);
  mul((ah ^ hi) >>> 0, (al ^ lo) >>> 0, P1H, P1L);
  add(hi, lo, P4H, P4L);
}

/**
 * round() on lane `i` of `lanes` (its high half at i, low at i + 1), inlined for the 32-byte stripes
 * that take almost all the time: the input × P2 and the × P1 with the primes' 16-bit limbs as constants.
 */
function roundLane(lanes: Uint32Array, i: number, ih: number, il: number): void {
  let a0 = il & 0xffff;
  let a1 = il >>> 16;
  let middle = a1 * 0xeb4f + a0 * 0x27d4 + ((a0 * 0xeb4f) >>> 16);
  const mh = (a1 * 0x27d4 + Math.floor(middle / 65536) + Math.imul(ih, P2L) + Math.imul(il, P2H)) >>> 0;
  const ml = Math.imul(il, P2L) >>> 0;
  const l = lanes[i + 1]! + ml;
  const sl = l >>> 0;
  const sh = (lanes[i]! + mh + (l > 0xffffffff ? 1 : 0)) >>> 0;
  const rh = ((sh << 31) | (sl >>> 1)) >>> 0;
  const rl = ((sl << 31) | (sh >>> 1)) >>> 0;
  a0 = rl & 0xffff;
  a1 = rl >>> 16;
  middle = a1 * 0xca87 + a0 * 0x85eb + ((a0 * 0xca87) >>> 16);
  lanes[i] = (a1 * 0x85eb + Math.floor(middle / 65536) + Math.imul(rh, P1L) + Math.imul(rl, P1H)) >>> 0;
  lanes[i + 1] = Math.imul(rl, P1L) >>> 0;
}

/** The little-endian unsigned 32-bit integer at `at`. */
export const u32 = (src: Uint8Array, at: number): number => (src[at]! | (src[at + 1]! << 8) | (src[at + 2]! << 16) | (src[at + 3]! << 24)) >>> 0;

/** The low 32 bits of xxHash-64 (seed 0) of `src`, unsigned. */
export function xxh64Low(src: Uint8Array): number {
  const length = src.length;
  let p = 0;
  let hh: number, hl: number;
  if (length >= 32) {
    const lanes = new Uint32Array(8);
    add(P1H, P1L, P2H, P2L);
    lanes[0] = hi, lanes[1] = lo;
    lanes[2] = P2H, lanes[3] = P2L;
    // 0 − P1
    add(~P1H >>> 0, ~P1L >>> 0, 0, 1);
    lanes[6] = hi, lanes[7] = lo;
    for (; p + 32 <= length; p += 32) {
      roundLane(lanes, 0, u32(src, p + 4), u32(src, p));
      roundLane(lanes, 2, u32(src, p + 12), u32(src, p + 8));
      roundLane(lanes, 4, u32(src, p + 20), u32(src, p + 16));
      roundLane(lanes, 6, u32(src, p + 28), u32(src, p + 24));
    }
    const v1h = lanes[0]!, v1l = lanes[1]!, v2h = lanes[2]!, v2l = lanes[3]!;
    const v3h = lanes[4]!, v3l = lanes[5]!, v4h = lanes[6]!, v4l = lanes[7]!;
    rotl(v1h, v1l, 1);
    let sh = hi, sl = lo;
    rotl(v2h, v2l, 7);
    add(sh, sl, hi, lo);
    sh = hi, sl = lo;
    rotl(v3h, v3l, 12);
    add(sh, sl, hi, lo);
    sh = hi, sl = lo;
    rotl(v4h, v4l, 18);
    add(sh, sl, hi, lo);
    merge(hi, lo, v1h, v1l);
    merge(hi, lo, v2h, v2l);
    merge(hi, lo, v3h, v3l);
    merge(hi, lo, v4h, v4l);
    hh = hi, hl = lo;
  } else {
    hh = P5H, hl = P5L;
  }
  // + length (below 2^53: its high half is the quotient)
  add(hh, hl, Math.floor(length / 2 ** 32) >>> 0, length >>> 0);
  hh = hi, hl = lo;
  for (; p + 8 <= length; p += 8) {
    round(0, 0, u32(src, p + 4), u32(src, p));
    rotl((hh ^ hi) >>> 0, (hl ^ lo) >>> 0, 27);
    mul(hi, lo, P1H, P1L);
    add(hi, lo, P4H, P4L);
    hh = hi, hl = lo;
  }
  if (p + 4 <= length) {
    mul(0, u32(src, p), P1H, P1L);
    rotl((hh ^ hi) >>> 0, (hl ^ lo) >>> 0, 23);
    mul(hi, lo, P2H, P2L);
    add(hi, lo, P3H, P3L);
    hh = hi, hl = lo;
    p += 4;
  }
  for (; p < length; p++) {
    mul(0, src[p]!, P5H, P5L);
    rotl((hh ^ hi) >>> 0, (hl ^ lo) >>> 0, 11);
    mul(hi, lo, P1H, P1L);
    hh = hi, hl = lo;
  }
  // avalanche: h ^= h >> 33; h *= P2; h ^= h >> 29; h *= P3; h ^= h >> 32
  mul(hh, (hl ^ (hh >>> 1)) >>> 0, P2H, P2L);
  mul((hi ^ (hi >>> 29)) >>> 0, (lo ^ ((lo >>> 29) | (hi << 3))) >>> 0, P3H, P3L);
  return (lo ^ hi) >>> 0;
}
