import { describe, expect, it } from 'vitest';
import { lineSplitter } from '../../models/adapters/split-lines.js';

describe('lineSplitter', () => {
  it('splits lines across chunks, with \\n or \\r\\n, keeping the unfinished rest', () => {
    const lines: string[] = [];
    const split = lineSplitter(16, (l) => lines.push(l));
    for (const chunk of ['[1,', '2]\n[3]\r\n[', '4]\n\n[5']) expect(split.push(Buffer.from(chunk))).toBe(true);
    expect(lines).toEqual(['[1,2]', '[3]', '[4]', '']);
    expect(split.rest()).toBe('[5');
  });

  it('gives up once one line passes the limit, in one chunk or across several, holding no more than the limit', () => {
    expect(lineSplitter(8, () => undefined).push(Buffer.from('123456789'))).toBe(false);
    const lines: string[] = [];
    const split = lineSplitter(8, (l) => lines.push(l));
    expect(split.push(Buffer.from('1234\n5678'))).toBe(true);
    expect(split.push(Buffer.from('9999'))).toBe(true); // 8 bytes held
    expect(split.push(Buffer.from('9'))).toBe(false);
    expect(lines).toEqual(['1234']);
    expect(split.rest()).toBe('');
  });

  it('a line of exactly the limit passes; a UTF-8 character split between chunks is whole', () => {
    const lines: string[] = [];
    const split = lineSplitter(8, (l) => lines.push(l));
    const e = Buffer.from('é');
    expect(split.push(Buffer.concat([Buffer.from('12345678\n"'), e.subarray(0, 1)]))).toBe(true);
    expect(split.push(Buffer.concat([e.subarray(1), Buffer.from('"\n')]))).toBe(true);
    expect(lines).toEqual(['12345678', '"é"']);
  });
});
