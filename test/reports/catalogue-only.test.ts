import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every word a person reads lives in the catalogue (reports/i18n): a string literal of three or
 * more lower-case words in the builders and writers is prose that a French or Dutch report would
 * print in English. Comments, thrown errors (internal faults, not report text) and object keys
 * that are enum values of results.json are not prose; junit.xml stays English by design.
 */
const FOLDERS = ['reports/shared', 'reports/specs', 'reports/writers'];
const ENGLISH_BY_DESIGN = new Set(['write-junit.ts']);
const PROSE = /(['"`])(?:(?!\1).)*\b[a-z]+ [a-z]+ [a-z]+\b(?:(?!\1).)*\1/;

function proseLiterals(): string[] {
  const found: string[] = [];
  for (const folder of FOLDERS) {
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts') && !ENGLISH_BY_DESIGN.has(f))) {
      readFileSync(join(folder, file), 'utf8').split('\n').forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        if (/^\s*(\*|\/\*|\/\/)/.test(line) || /throw new Error|console\.warn/.test(code)) return;
        // an enum value of results.json used as a key ("'no established change': 'inconclusive'")
        const withoutKeys = code.replace(/(['"])[^'"]*\1\s*:/g, '');
        if (PROSE.test(withoutKeys)) found.push(`${folder}/${file}:${i + 1}: ${line.trim()}`);
      });
    }
  }
  return found;
}

describe('the catalogue holds the words', () => {
  it('no prose in string literals outside reports/i18n (junit.xml excepted)', () => {
    expect(proseLiterals()).toEqual([]);
  });

  it('can fail: the English catalogue itself is prose', () => {
    expect(PROSE.test(`'the reference group is flagged'`)).toBe(true);
    expect(PROSE.test(`'selection-rate-ratio'`)).toBe(false);
  });
});
