import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatCsv, readDecisions, readPopulation, writePopulation, type DecisionColumns } from '../../datasets/io/index.js';
import { categorical, cellValue, encodeCategorical, normaliseLabels, numeric, type CategoricalColumn, type Column } from '../../datasets/table/index.js';
import { decodeText } from '../../harness/config/index.js';
import { expectBadInput } from './expect-error.js';

// Hostile text: bytes that are not UTF-8, labels equal but for their Unicode form, invisible or
// control characters, labels and level counts past the limits, JavaScript's reserved property
// names as groups, JSON Lines with a repeated key, counts past 2^53 and ids with leading zeros.
// Every reader follows one policy (datasets/table/label-policy.ts); each case asserts the message.

let dir: string;
const roles: DecisionColumns = { protected: ['nat'], flag: 'flag' };

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const decisions = (path: string, columns: DecisionColumns = roles) => () => readDecisions(path, columns);
const population = (path: string) => () => readPopulation(path);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'disparate-hostile-text-'));
});

describe('bytes that are not UTF-8 are an error naming the file, the row and the byte offset', () => {
  const hint = 're-save it as UTF-8, or pass --encoding latin1 (battery: encoding: latin1) if it is ISO-8859-1';
  it.each([
    ['latin-1 é in a data row', bytes('nat,flag\nfr,1\nn', [0xe9], ',0\n'), 15, 'row 2, line 3', 'E9'],
    ['latin-1 in the header', bytes('n', [0xe9], 't,flag\nfr,1\n'), 1, 'line 1, the header', 'E9'],
    ['a lone continuation byte', bytes('nat,flag\n', [0x80], 'x,1\n'), 9, 'row 1, line 2', '80'],
    ['an overlong encoding of "/"', bytes('nat,flag\na', [0xc0, 0xaf], ',1\n'), 10, 'row 1, line 2', 'C0'],
    ['an encoded UTF-16 surrogate', bytes('nat,flag\na', [0xed, 0xa0, 0x80], ',1\n'), 10, 'row 1, line 2', 'ED'],
    ['a sequence cut short by the end of the file', bytes('nat,flag\na,1\nb', [0xe2, 0x82]), 14, 'row 2, line 3', 'E2'],
    ['a byte that never starts a sequence (F5)', bytes('nat,flag\na,1\n', [0xf5], 'b,0\n'), 13, 'row 2, line 3', 'F5'],
    ['blank lines are not rows', bytes('nat,flag\n\n\r\na,1\n\nn', [0xe8], ',0\n'), 18, 'row 2, line 6', 'E8'],
  ])('CSV decisions: %s', (_, content, offset, where, byte) => {
    const path = file('bad-utf8.csv', content);
    expectBadInput(decisions(path), 'data', `${path}: not valid UTF-8 at byte offset ${offset} (${where}): byte 0x${byte}; ${hint}`);
  });

  it('JSONL rows are counted from the first line', () => {
    const path = file('bad-utf8.jsonl', bytes('{"nat":"a","flag":1}\n{"nat":"n', [0xe9], '","flag":0}\n'));
    expectBadInput(decisions(path), 'data', `${path}: not valid UTF-8 at byte offset 30 (row 2, line 2): byte 0xE9; ${hint}`);
  });

  it('the population reader is as strict', () => {
    const path = file('bad-utf8-pop.csv', bytes('nat,x\nn', [0xe9], ',1\n'));
    expectBadInput(population(path), 'data', `${path}: not valid UTF-8 at byte offset 7 (row 1, line 2): byte 0xE9; ${hint}`);
  });

  it('--encoding latin1 reads "né" and "nè" as the two groups they are (120 rows each), not one "n\uFFFD"', () => {
    const rows = Array.from({ length: 240 }, (_, i) => bytes('n', [i % 2 ? 0xe8 : 0xe9], `,${i % 3 === 0 ? 1 : 0}\n`));
    const path = file('latin1.csv', Buffer.concat([bytes('nat,flag\n'), ...rows]));
    const d = readDecisions(path, { ...roles, encoding: 'latin1' });
    const nat = d.table.columns.get('nat')!;
    expect(nat).toMatchObject({ kind: 'categorical', levels: ['né', 'nè'] });
    expect(Array.from((nat as { codes: Int32Array }).codes).filter((c) => c === 0)).toHaveLength(120);
    expect(readPopulation(path, { encoding: 'latin1' }).columns.get('nat')).toMatchObject({ levels: ['nè', 'né'] });
  });

  it('decodeText: latin1 maps every byte to the code point of its value', () => {
    expect(decodeText('x.csv', Uint8Array.of(0x6e, 0xe9, 0xff), 'data', 'latin1')).toBe('né\u00ff');
  });
});

describe('labels are NFC; labels equal but for their Unicode form, invisible characters or spaces are refused naming both', () => {
  it('decisions: "é" (one code point) and "e" + U+0301 are one group written two ways', () => {
    const path = file('nfd.csv', 'nat,flag\n\u00e9,1\ne\u0301,0\n');
    expectBadInput(decisions(path), 'data', `${path}: protected column "nat": groups "é" and "e\\u0301" are the same text in different Unicode forms (NFC and NFD); write them the same way`);
  });

  it('population: the same twins in any categorical column', () => {
    const path = file('nfd-pop.csv', 'region,x\n\u00e9,1\ne\u0301,2\n');
    expectBadInput(population(path), 'data', `${path}: column "region": labels "é" and "e\\u0301" are the same text in different Unicode forms (NFC and NFD); write them the same way`);
  });

  it('JSONL: the same twins', () => {
    const path = file('nfd.jsonl', '{"nat":"\u00e9","flag":1}\n{"nat":"e\u0301","flag":0}\n');
    expectBadInput(decisions(path), 'data', `${path}: protected column "nat": groups "é" and "e\\u0301" are the same text in different Unicode forms (NFC and NFD); write them the same way`);
  });

  it('a label written in NFD alone is read in NFC, and so matches a spec level typed in NFC', () => {
    const path = file('nfd-alone.csv', 'nat,flag\ne\u0301,1\nfr,0\n');
    expect(readDecisions(path, roles).table.columns.get('nat')).toMatchObject({ levels: ['\u00e9', 'fr'] });
    const t = readPopulation(path, { columns: { nat: { kind: 'categorical', levels: ['fr', '\u00e9'] } } });
    expect([0, 1].map((i) => cellValue(t.columns.get('nat')!, i))).toEqual(['\u00e9', 'fr']);
  });

  it('column names are NFC too, and a name equal to another after normalisation is a repeated column', () => {
    const path = file('nfd-header.csv', 'e\u0301tat,\u00e9tat\na,b\n');
    expectBadInput(population(path), 'data', `${path}: header (line 1): column "état" appears twice (fields 1 and 2); column names must be unique`);
  });

  it.each([
    ['zero-width space', '\u200B', '\\u200B'],
    ['zero-width non-joiner', '\u200C', '\\u200C'],
    ['zero-width joiner', '\u200D', '\\u200D'],
    ['left-to-right mark', '\u200E', '\\u200E'],
    ['right-to-left mark', '\u200F', '\\u200F'],
    ['right-to-left override', '\u202E', '\\u202E'],
    ['first-strong isolate', '\u2068', '\\u2068'],
    ['word joiner', '\u2060', '\\u2060'],
    ['byte-order mark inside a label', '\uFEFF', '\\uFEFF'],
    ['soft hyphen', '\u00AD', '\\u00AD'],
  ])('a trailing %s splits no group: refused naming both', (_, char, shown) => {
    const path = file('invisible.csv', `nat,flag\nfr,1\nfr${char},0\nnl,0\n`);
    expectBadInput(decisions(path), 'data', `${path}: protected column "nat": groups "fr" and "fr${shown}" differ only by invisible characters (zero-width or bidi controls); write them the same way`);
  });

  it('an invisible character inside a label that has no twin is kept (it may be meaningful)', () => {
    const path = file('zwj-alone.csv', 'nat,flag\na\u200Db,1\nc,0\n');
    expect(readDecisions(path, roles).table.columns.get('nat')).toMatchObject({ levels: ['a\u200Db', 'c'] });
  });

  it('population: spaces around a label split no group either', () => {
    const path = file('spaces-pop.csv', 'region,x\nnorth,1\n" north",2\n');
    expectBadInput(population(path), 'data', `${path}: column "region": labels "north" and " north" differ only by spaces; write them the same way`);
  });
});

describe('control characters in labels are refused, in every reader, never a crash later', () => {
  it.each([
    ['NUL', '\u0000', 'U+0000'],
    ['BEL', '\u0007', 'U+0007'],
    ['ESC', '\u001B', 'U+001B'],
    ['DEL', '\u007F', 'U+007F'],
    ['NEL (C1)', '\u0085', 'U+0085'],
    ['line separator', '\u2028', 'U+2028'],
    ['paragraph separator', '\u2029', 'U+2029'],
  ])('%s in a group', (_, char, code) => {
    const path = file('control.csv', `nat,flag\na${char}b,1\nc,0\n`);
    const shown = `\\u${code.slice(2)}`;
    expectBadInput(decisions(path), 'data', `${path}: protected column "nat": group "a${shown}b" holds the control character ${code} (position 2); remove it`);
  });

  it('U+FFFD, the mark of an earlier bad decoding, is refused', () => {
    const path = file('fffd.csv', 'nat,flag\nn\uFFFD,1\nc,0\n');
    expectBadInput(decisions(path), 'data', `${path}: protected column "nat": group "n\\uFFFD" holds U+FFFD, the replacement character left by a bad text decoding (position 2); remove it`);
  });

  it('a lone surrogate (JSONL "\\ud800") is refused', () => {
    const path = file('surrogate.jsonl', '{"nat":"a\\ud800","flag":1}\n{"nat":"b","flag":0}\n');
    expectBadInput(decisions(path), 'data', `${path}: protected column "nat": group "a\\uD800" holds a lone UTF-16 surrogate U+D800 (half a character) (position 2); remove it`);
  });

  it('JSONL population: NUL in a categorical column names the column', () => {
    const path = file('nul-pop.jsonl', '{"region":"a\\u0000","x":1}\n');
    expectBadInput(population(path), 'data', `${path}: column "region": label "a\\u0000" holds the control character U+0000 (position 2); remove it`);
  });

  it('a column name with a control character is refused in the header', () => {
    const path = file('nul-header.csv', 'na\u0007t,flag\na,1\n');
    expectBadInput(population(path), 'data', `${path}: header (line 1): column name "na\\u0007t" holds the control character U+0007 (position 3); remove it`);
  });

  it('a JSONL key with a control character is refused', () => {
    const path = file('nul-key.jsonl', '{"na\\u0000t":"a","flag":1}\n');
    expectBadInput(population(path), 'data', `${path}: line 1 (row 1): key "na\\u0000t" holds the control character U+0000 (position 3); remove it`);
  });

  it('long format: an attribute name with a BEL (a report heading) is refused', () => {
    const path = file('long-format.csv', 'attribute,group,flag\nna\u0007t,fr,1\nnat,nl,0\n');
    expectBadInput(decisions(path, { protected: [], flag: 'flag', long: { attribute: 'attribute', group: 'group' } }), 'data', `${path}: attribute column "attribute": label "na\\u0007t" holds the control character U+0007 (position 3); remove it`);
  });

  it('tab, line feed and carriage return inside a quoted label are kept (Excel writes them)', () => {
    const path = file('multiline.csv', 'nat,flag\n"a\tb",1\n"c\r\nd",0\n');
    expect(readDecisions(path, roles).table.columns.get('nat')).toMatchObject({ levels: ['a\tb', 'c\r\nd'] });
  });

  it('Arrow: NFD twins in a dictionary are refused as in CSV', () => {
    const path = join(dir, 'twins.arrow');
    writePopulation({ n: 2, columns: new Map<string, Column>([['region', categorical(['\u00e9', 'e\u0301'], Int32Array.of(0, 1))]]) }, path);
    expectBadInput(population(path), 'data', `${path}: column "region": labels "é" and "e\\u0301" are the same text in different Unicode forms (NFC and NFD); write them the same way`);
  });

  it('Parquet: a U+FFFD left by a writer that decoded badly is refused as in CSV', () => {
    const path = join(dir, 'fffd.parquet');
    writePopulation({ n: 2, columns: new Map<string, Column>([['region', encodeCategorical(['n\uFFFD', 'b'])], ['x', numeric(Float64Array.of(1, 2))]]) }, path);
    expectBadInput(population(path), 'data', `${path}: column "region": label "n\\uFFFD" holds U+FFFD, the replacement character left by a bad text decoding (position 2); remove it`);
  });

  it('Parquet: a BEL in a label is refused', () => {
    const path = join(dir, 'bel.parquet');
    writePopulation({ n: 1, columns: new Map<string, Column>([['region', encodeCategorical(['a\u0007'])]]) }, path);
    expectBadInput(population(path), 'data', `${path}: column "region": label "a\\u0007" holds the control character U+0007 (position 2); remove it`);
  });
});

describe('limits on labels and levels', () => {
  it('a label of 1,001 characters is refused, with a 40-character excerpt', () => {
    const long = 'x'.repeat(1001);
    const path = file('long.csv', `nat,flag\n${long},1\n`);
    expectBadInput(decisions(path), 'data', `${path}: protected column "nat": group "${'x'.repeat(40)}…" is 1,001 characters long (limit 1,000)`);
  });

  it('a label of 1,000 characters is fine', () => {
    const path = file('long-ok.csv', `nat,flag\n${'y'.repeat(1000)},1\n`);
    expect((readDecisions(path, roles).table.columns.get('nat') as CategoricalColumn).levels[0]).toHaveLength(1000);
  });

  it('a 5 MB label gives a short message, not 5 MB of output', () => {
    const path = file('huge.csv', `nat,flag\n${'z'.repeat(5_000_000)},1\n`);
    expectBadInput(decisions(path), 'data', /group "z{40}…" is 5,000,000 characters long \(limit 1,000\)$/);
  });

  it('a column name past 1,000 characters is refused', () => {
    const path = file('long-name.csv', `${'n'.repeat(1200)},flag\na,1\n`);
    expectBadInput(population(path), 'data', `${path}: header (line 1): field 1 is a column name of 1,200 characters (limit 1,000); is the first line a header?`);
  });

  it('a protected column with more than 100,000 groups is refused', () => {
    const path = file('many.csv', `nat,flag\n${Array.from({ length: 100_001 }, (_, i) => `g${i},${i % 2}`).join('\n')}\n`);
    expectBadInput(decisions(path), 'data', `${path}: protected column "nat": has 100,001 distinct values (limit 100,000 levels)`);
  });

  it('a million distinct labels (an id column) are checked in about a second, not minutes', () => {
    const ids = Array.from({ length: 1_000_000 }, (_, i) => `id${i}`);
    const t0 = performance.now();
    expect(normaliseLabels(ids, 'label', Infinity).problem).toBeNull();
    expect(performance.now() - t0).toBeLessThan(5000);
    ids[999_999] = 'id7';
    expect(normaliseLabels(ids, 'label', Infinity).problem).toBe('label "id7" appears twice');
  });
});

describe('JavaScript property names are ordinary groups', () => {
  const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];

  it('decisions: each is its own group with its own rows', () => {
    const path = file('proto.csv', `nat,flag\n${names.flatMap((n, i) => [`${n},1`, ...Array.from({ length: i }, () => `${n},0`)]).join('\n')}\n`);
    const d = readDecisions(path, roles);
    const nat = d.table.columns.get('nat') as CategoricalColumn;
    expect(nat.levels).toEqual(names);
    expect(names.map((_, k) => Array.from(nat.codes).filter((c) => c === k).length)).toEqual([1, 2, 3, 4, 5]);
  });

  it('population JSONL: a column named __proto__ is kept as a column', () => {
    const path = file('proto-col.jsonl', '{"__proto__":"a","constructor":1}\n{"__proto__":"b","constructor":2}\n');
    const t = readPopulation(path);
    expect([...t.columns.keys()]).toEqual(['__proto__', 'constructor']);
    expect(t.columns.get('__proto__')).toMatchObject({ kind: 'categorical', levels: ['a', 'b'] });
  });
});

describe('JSON Lines: a key repeated within one object is refused, not "last one wins"', () => {
  it.each([
    ['a repeated flag', '{"nat":"a","flag":1,"flag":0}', 'flag'],
    ['spaces around the colon', '{"nat" : "a", "nat" : "b", "flag": 1}', 'nat'],
    ['the same key escaped', '{"nat":"a","\\u006eat":"b","flag":1}', 'nat'],
  ])('%s', (_, line, key) => {
    const path = file('dup.jsonl', `{"nat":"x","flag":0}\n${line}\n`);
    expectBadInput(decisions(path), 'data', `${path}: line 2 (row 2): key "${key}" appears twice in one object; which value is meant is unclear`);
  });

  it('the same key in a nested object and at the top is no repeat (the nested object is refused for what it is)', () => {
    const path = file('nested.jsonl', '{"nat":"a","flag":1,"meta":{"nat":"b"}}\n');
    expect(readDecisions(path, roles).table.n).toBe(1);
  });

  it('a key inside a string value is no key', () => {
    const path = file('in-string.jsonl', '{"nat":"\\"flag\\":1","flag":1}\n');
    expect(readDecisions(path, roles).table.columns.get('nat')).toMatchObject({ levels: ['"flag":1'] });
  });

  it('malformed JSON is named by line and column, without quoting the line', () => {
    const path = file('malformed.jsonl', '{"nat":"secret-value",}\n');
    expectBadInput(decisions(path), 'data', `${path}: line 1: not JSON (column 23)`);
  });
});

describe('counts past 2^53 − 1 are refused, not rounded', () => {
  const counts: DecisionColumns = { protected: ['nat'], flag: 'flag', count: 'n' };
  it.each(['100000000000000001', '9007199254740993', '18446744073709551616'])('CSV count %s', (n) => {
    const path = file('big-count.csv', `nat,flag,n\na,1,${n}\nb,0,3\n`);
    expectBadInput(decisions(path, counts), 'data', `${path}: count column "n": "${n}" at row 1 is beyond 9007199254740991 (2^53 − 1), the largest count held exactly`);
  });

  it('a JSON number 100000000000000001 (parsed as 1e17)', () => {
    const path = file('big-count.jsonl', '{"nat":"a","flag":1,"n":100000000000000001}\n');
    expectBadInput(decisions(path, counts), 'data', `${path}: count column "n": 100000000000000000 at row 1 is beyond 9007199254740991 (2^53 − 1), the largest count held exactly`);
  });

  it('9007199254740991 itself is exact and accepted', () => {
    const path = file('max-count.csv', 'nat,flag,n\na,1,9007199254740991\nb,0,3\n');
    expect(readDecisions(path, counts).weights![0]).toBe(9007199254740991);
  });
});

describe('ids with leading zeros stay text', () => {
  it('"0007" and "7" are two ids, not one', () => {
    const t = readPopulation(file('ids.csv', 'id,x\n0007,1\n7,2\n'));
    expect(t.columns.get('id')).toMatchObject({ kind: 'categorical', levels: ['0007', '7'] });
  });

  it('plain integers and decimals such as 0.5 are still numbers', () => {
    const t = readPopulation(file('numbers.csv', 'id,x\n7,0.5\n8,0\n'));
    expect(t.columns.get('id')?.kind).toBe('numeric');
    expect(t.columns.get('x')?.kind).toBe('numeric');
  });
});

describe('CSV written by generate and score: formula starts neutralised in text cells (OWASP), numbers as they are', () => {
  it.each([
    ['=', '=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['+', '+cmd', "'+cmd"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@SUM(A1)', "'@SUM(A1)"],
    ['tab', '\tx', "'\tx"],
    ['carriage return', '\rx', '"\'\rx"'],
  ])('a level starting with %s', (_, level, cell) => {
    const csv = formatCsv({ n: 1, columns: new Map<string, Column>([['g', encodeCategorical([level])]]) }, { header: false });
    expect(csv).toBe(`${cell}\n`);
  });

  it('a negative number is a number, not a formula', () => {
    expect(formatCsv({ n: 2, columns: new Map<string, Column>([['x', numeric(Float64Array.of(-1.5, 2))]]) }, { header: false })).toBe('-1.5\n2\n');
  });

  it('a column name starting with = is a text cell too', () => {
    expect(formatCsv({ n: 1, columns: new Map<string, Column>([['=x', numeric(Float64Array.of(1))]]) }, { header: true })).toBe("'=x\n1\n");
  });
});

describe('messages quote at most a short excerpt', () => {
  it('a missing column among 10,000 lists 20 of them, not all', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `c${i}`);
    const path = file('wide.csv', `${names.join(',')}\n${names.map(() => '1').join(',')}\n`);
    expectBadInput(decisions(path), 'data', `${path}: flag column "flag" not found (columns: ${names.slice(0, 20).join(', ')} and 9980 more)`);
  });

  it('a flag value of 5,000 characters is shown as 40', () => {
    const path = file('long-flag.csv', `nat,flag\na,${'q'.repeat(5000)}\n`);
    expectBadInput(decisions(path), 'data', `${path}: column "flag" must be 0 or 1, found "${'q'.repeat(39)}… at row 1`);
  });
});
