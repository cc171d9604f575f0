import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkExpression, expressionColumns, expressionSql, formatExpression, inferType, MAX_PRINTED_SIZE, parseExpression, printedSize, type Expr, type Literal } from '../../datasets/sql/expression/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { expectBadInput } from '../hostile/expect-error.js';

const COLUMNS = ['decile_score', 'score_text', 'age', 'race', 'sex', 'two words', 'end', 'a"b'];
const parse = (text: string): Expr => parseExpression(text, '--flag');
const sql = (text: string): string => expressionSql(parse(text));
const checked = (text: string, type: 'boolean' | 'any' = 'boolean'): unknown => checkExpression(parse(text), COLUMNS, '--flag', type);

describe('parsing and precedence', () => {
  it('reads the examples of the issue', () => {
    expect(parse('decile_score >= 5')).toEqual({ kind: 'compare', op: '>=', left: { kind: 'column', name: 'decile_score' }, right: { kind: 'number', text: '5' } });
    expect(sql("score_text IN ('Medium','High')")).toBe(`("score_text" IN ('Medium', 'High'))`);
  });

  it('binds * over +, + over comparison, comparison over NOT, NOT over AND, AND over OR', () => {
    expect(formatExpression(parse('a + b * c > 1 OR NOT x = 1 AND y'))).toBe('((a + (b * c)) > 1) OR ((NOT (x = 1)) AND y)');
    expect(formatExpression(parse('-a * b'))).toBe('(-a) * b');
    expect(formatExpression(parse('a - b - c'))).toBe('(a - b) - c');
    expect(formatExpression(parse('a / b / c'))).toBe('(a / b) / c');
    expect(formatExpression(parse('(a OR b) AND c'))).toBe('(a OR b) AND c');
    // IS binds looser than comparison, as in PostgreSQL: (a = b) IS NULL.
    expect(formatExpression(parse('a = b IS NULL'))).toBe('(a = b) IS NULL');
    // BETWEEN's AND is its own, the next AND is boolean.
    expect(formatExpression(parse('x BETWEEN 1 AND 2 AND y'))).toBe('(x BETWEEN 1 AND 2) AND y');
    expect(formatExpression(parse('x NOT BETWEEN a + 1 AND 2 * b'))).toBe('x NOT BETWEEN (a + 1) AND (2 * b)');
    expect(formatExpression(parse('NOT x NOT IN (1, -2.5)'))).toBe('NOT (x NOT IN (1, -2.5))');
  });

  it('keeps AND/OR chains flat, so long chains stay shallow', () => {
    const e = parse(Array.from({ length: 150 }, (_, i) => `c${i} = ${i}`).join(' OR '));
    expect(e.kind === 'or' && e.operands.length).toBe(150);
  });

  it('reads keywords in any case, names exactly as written', () => {
    expect(formatExpression(parse('x is not null and y in (true, false) or case when z then 1 else 2 end = 1'))).toBe(
      '((x IS NOT NULL) AND (y IN (TRUE, FALSE))) OR ((CASE WHEN z THEN 1 ELSE 2 END) = 1)',
    );
    expect(parse('Decile')).toEqual({ kind: 'column', name: 'Decile' });
    expect(parse('"two words"')).toEqual({ kind: 'column', name: 'two words' });
    expect(parse('"end"')).toEqual({ kind: 'column', name: 'end' });
    expect(parse("'it''s'")).toEqual({ kind: 'string', value: "it's" });
  });

  it('reads names and text in NFC, as the decisions file is read', () => {
    const decomposed = 'a\u0301ge';
    expect(parse(`"${decomposed}" = 'e\u0301'`)).toEqual({ kind: 'compare', op: '=', left: { kind: 'column', name: '\u00e1ge' }, right: { kind: 'string', value: '\u00e9' } });
    expect(parse('âge_één')).toEqual({ kind: 'column', name: 'âge_één' });
  });

  it('normalises numbers without changing their digits', () => {
    expect(parse('.5')).toEqual({ kind: 'number', text: '0.5' });
    expect(parse('5.')).toEqual({ kind: 'number', text: '5.0' });
    expect(parse('1.25e-3')).toEqual({ kind: 'number', text: '1.25e-3' });
    expect(parse('12345678901234567890')).toEqual({ kind: 'number', text: '12345678901234567890' });
    expect(parse('007.50')).toEqual({ kind: 'number', text: '7.50' });
    expect(parse('0')).toEqual({ kind: 'number', text: '0' });
  });

  it('reads both CASE forms and the whitelisted functions', () => {
    expect(formatExpression(parse("CASE race WHEN 'Black' THEN 1 WHEN 'White' THEN 2 END"))).toBe("CASE race WHEN 'Black' THEN 1 WHEN 'White' THEN 2 END");
    expect(formatExpression(parse('coalesce(a, b, 0) + abs(c) + floor(d) + ceil(e) + round(f) + round(g, 2) + length(trim(h)) + nullif(i, 0)'))).toBe(
      '((((((COALESCE(a, b, 0) + ABS(c)) + FLOOR(d)) + CEIL(e)) + ROUND(f)) + ROUND(g, 2)) + LENGTH(TRIM(h))) + NULLIF(i, 0)',
    );
  });

  it('lists the columns read, once each, in order', () => {
    expect(expressionColumns(parse('b > a AND CASE WHEN "two words" IS NULL THEN a ELSE c END = 1 AND b IN (1)'))).toEqual(['b', 'a', 'two words', 'c']);
    expect(expressionColumns(parse('1 = 1'))).toEqual([]);
  });
});

describe('SQL text', () => {
  it('quotes every name and text, doubling the quote inside', () => {
    expect(sql('"a""b" = \'x\'\'y\'')).toBe(`("a""b" = 'x''y')`);
    expect(sql('"a"" OR 1=1 --" = 1')).toBe(`("a"" OR 1=1 --" = 1)`);
  });

  it('quotes with backticks for Spark SQL and BigQuery, a quote in text escaped with a backslash', () => {
    const e = parse("\"two words\" IN ('it''s', 'a\nb') AND x / 2 > ROUND(y, 1)");
    expect(expressionSql(e, 'backtick')).toBe("((`two words` IN ('it\\'s', 'a\\nb')) AND ((`x` * 1e0 / NULLIF(2, 0)) > (SIGN(`y`) * FLOOR(ABS(`y`) * 1e1 + 0.5) / 1e1)))");
    expect(expressionSql(e)).toBe(`(("two words" IN ('it''s', 'a\nb')) AND (("x" * 1e0 / NULLIF(2, 0)) > (SIGN("y") * FLOOR(ABS("y") * 1e1 + 0.5) / 1e1)))`);
    expectBadInput(() => expressionSql(parse('"a`b" = 1'), 'backtick'), 'usage', 'column "a`b": a name with a backtick or a backslash cannot be quoted the same way for Spark SQL and BigQuery');
  });

  it('divides as real numbers and gives NULL for division by zero', () => {
    expect(sql('a / 2')).toBe('("a" * 1e0 / NULLIF(2, 0))');
  });

  it('prints minus signs so that two never make a comment', () => {
    expect(sql('- -1')).toBe('(-(-1))');
    expect(sql('a - -b')).toBe('("a" - (-"b"))');
    expect(sql('x IN (-1, 2)')).toBe('("x" IN (-1, 2))');
  });

  it('prints ROUND as SIGN/ABS/FLOOR arithmetic (half away from zero)', () => {
    expect(sql('ROUND(x)')).toBe('(SIGN("x") * FLOOR(ABS("x") + 0.5))');
    expect(sql('ROUND(x, 2)')).toBe('(SIGN("x") * FLOOR(ABS("x") * 1e2 + 0.5) / 1e2)');
  });

  it('refuses nested ROUNDs whose SQL would double past the limit, without building it', () => {
    const nested = `${'ROUND('.repeat(55)}x${')'.repeat(55)} > 1`;
    const message = '--flag: expression is too large once printed as SQL (more than 10^15 parts, at most 20000; ROUND prints its argument twice, so ROUND inside ROUND doubles the text)';
    expectBadInput(() => checkExpression(parse(nested), ['x'], '--flag', 'boolean'), 'usage', message);
    expectBadInput(() => expressionSql(parse(nested)), 'usage', /^expression is too large once printed as SQL/);
    expect(sql(`${'ROUND('.repeat(10)}x${')'.repeat(10)}`).length).toBeLessThan(40_000);
  });
});

describe('checking against the columns', () => {
  it('accepts conditions over known columns', () => {
    checked("decile_score >= 5 AND score_text IN ('Medium', 'High') AND \"two words\" IS NULL");
    checked("CASE WHEN age < 25 THEN 'under 25' ELSE '25 and over' END", 'any');
    checked('"a""b" = 1');
  });

  it('names an unknown column and the near matches', () => {
    expectBadInput(() => checked('decile >= 5'), 'usage', '--flag: unknown column "decile" (did you mean "decile_score"?)');
    expectBadInput(() => checked('Race = 1'), 'usage', '--flag: unknown column "Race" (did you mean "race", "age"?)');
    expectBadInput(() => checked('zzzzzzz = 1'), 'usage', '--flag: unknown column "zzzzzzz"');
  });

  it('refuses a number where a condition is needed', () => {
    expectBadInput(() => checked('decile_score + 1'), 'usage', `--flag: expected a condition (true or false), e.g. "x >= 5" or "x IN ('a', 'b')", but "decile_score + 1" is a number`);
    expectBadInput(() => checked("'yes'"), 'usage', /but "'yes'" is text$/);
    checked('decile_score + 1', 'any');
  });

  it('refuses comparing numbers with text, and arithmetic on text or conditions', () => {
    expectBadInput(() => checked("decile_score + 1 = 'High'"), 'usage', `--flag: the comparison "(decile_score + 1) = 'High'" mixes a number and text`);
    expectBadInput(() => checked("race IN ('Black', 1)"), 'usage', '--flag: the IN list of "race" mixes text and a number');
    expectBadInput(() => checked("age BETWEEN 18 AND 'x'"), 'usage', '--flag: BETWEEN of "age" mixes a number and text');
    expectBadInput(() => checked("'a' + 1 > 0"), 'usage', `--flag: "+" needs a number, but "'a'" is text`);
    expectBadInput(() => checked('(age > 1) + 1 > 0'), 'usage', '--flag: "+" needs a number, but "age > 1" is a condition (true/false)');
    expectBadInput(() => checked('NOT 5'), 'usage', '--flag: NOT needs a condition (true/false), but "5" is a number');
    expectBadInput(() => checked("CASE WHEN age > 1 THEN 1 ELSE 'x' END = 1"), 'usage', '--flag: the results of CASE (THEN/ELSE) mixes a number and text');
    expectBadInput(() => checked("LENGTH(age) > 1 AND ABS('x') > 1"), 'usage', `--flag: ABS needs a number, but "'x'" is text`);
    expectBadInput(() => checked("'a\nb\u2028' + 1 > 0"), 'usage', `--flag: "+" needs a number, but "'a\\u000ab\\u2028'" is text`);
  });

  it('uses column types when the reader gives them', () => {
    expectBadInput(
      () => checkExpression(parse("decile_score = 'High'"), COLUMNS, '--flag', 'boolean', { decile_score: 'number' }),
      'usage',
      `--flag: the comparison "decile_score = 'High'" mixes a number and text`,
    );
    expect(inferType(parse('CASE WHEN x THEN y END'), '--derive', { y: 'text' })).toBe('text');
    // A 0/1 column is a number: PostgreSQL refuses it where a condition is needed, so it is refused here first.
    expectBadInput(() => checkExpression(parse('age'), COLUMNS, '--flag', 'boolean', { age: 'number' }), 'usage', /^--flag: expected a condition .* but "age" is a number$/);
    expect(checkExpression(parse('age = 1'), COLUMNS, '--flag', 'boolean', { age: 'number' })).toBe('boolean');
    expect(checkExpression(parse('age'), COLUMNS, '--flag', 'boolean')).toBe('unknown');
    expect(checkExpression(parse('constructor = 1 AND "__proto__" = 2'), ['constructor', '__proto__'], '--flag', 'boolean', { age: 'number' })).toBe('boolean');
    expect(checkExpression(parse("CASE WHEN age < 25 THEN 'young' END"), COLUMNS, '--derive', 'any')).toBe('text');
  });

  it('refuses NULL where it silently never matches', () => {
    expectBadInput(() => checked('age = NULL'), 'usage', '--flag: "= NULL" is never true (NULL is not a value); write IS NULL');
    expectBadInput(() => checked('age <> NULL'), 'usage', '--flag: "<> NULL" is never true (NULL is not a value); write IS NOT NULL');
    expectBadInput(() => checked('age IN (1, NULL)'), 'usage', /^--flag: NULL in an IN list never matches/);
    expectBadInput(() => checked('-NULL > 1'), 'usage', '--flag: NULL in a minus sign always gives NULL; write a value or a column');
    checked("COALESCE(score_text, 'none') = 'none'");
    checked("CASE WHEN age > 1 THEN NULL ELSE 'x' END = 'x'");
  });

  it('checks ROUND digits', () => {
    expectBadInput(() => checked('ROUND(age, 1.5) > 1'), 'usage', '--flag: the second argument of ROUND is the number of digits, a whole number from 0 to 10');
    expectBadInput(() => checked('ROUND(age, age) > 1'), 'usage', /second argument of ROUND/);
  });
});

describe('hostile input is refused, naming the problem', () => {
  const cases: [string, string | RegExp][] = [
    ['1; DROP TABLE x', '--flag: ";" at position 2 is not allowed: one expression, not statements'],
    ["read_csv('/etc/passwd')", '--flag: unknown function read_csv at position 1 (allowed: ABS, CEIL, FLOOR, ROUND, LENGTH, TRIM, COALESCE, NULLIF)'],
    ["pg_read_file('x')", /^--flag: unknown function pg_read_file at position 1 /],
    ['(SELECT 1)', '--flag: subqueries are not allowed, found "SELECT" at position 2'],
    ['x IN (SELECT 1)', '--flag: subqueries are not allowed, found "SELECT" at position 7'],
    ['x = 1 -- comment', '--flag: comments ("--") are not allowed (at position 7)'],
    ['x = 1 /* c */', '--flag: comments ("/*") are not allowed (at position 7)'],
    ['COUNT(*)', /^--flag: unknown function COUNT at position 1/],
    ['x = 1 UNION SELECT 2', '--flag: UNION at position 7: subqueries are not allowed'],
    ['DROP TABLE x', '--flag: DROP at position 1: statements are not allowed, only one expression'],
    ['x::text = 1', '--flag: unexpected character ":" at position 2'],
    ['t.x = 1', '--flag: unexpected character "." at position 2 (qualified names like t.x are not allowed; quote a name with a dot: "a.b")'],
    ['`x` = 1', '--flag: unexpected character "`" at position 1'],
    ["x = 'unterminated", "--flag: text opened at position 5 is never closed (' missing)"],
    ['"x = 1', '--flag: quoted name opened at position 1 is never closed (" missing)'],
    ['"abs"(x) = 1', '--flag: function names cannot be quoted, found "abs" at position 1'],
    ['x LIKE \'%a\'', '--flag: LIKE at position 3: LIKE is not part of the expression language (quote a column named LIKE: "LIKE")'],
    ['CAST(x AS INTEGER) = 1', /^--flag: unknown function CAST at position 1/],
    ['x = $1', '--flag: unexpected character "$" at position 5'],
    ['x = 1\n; DROP', '--flag: ";" at position 7 is not allowed: one expression, not statements'],
    ['x\u0000 = 1', '--flag: unexpected character "\\u0000" at position 2'],
    ['a < b < c', '--flag: comparisons cannot be chained (a < b < c); join them with AND, found "<" at position 7'],
    ['x IS TRUE', '--flag: expected NULL after IS (only IS NULL and IS NOT NULL are supported), found "TRUE" at position 6'],
    ['1abc', '--flag: malformed number "1a" at position 1'],
    ['1e999', '--flag: number "1e999" at position 1 is too large'],
    ['', '--flag: expression is empty'],
    ['x = \ud800', '--flag: invalid character (unpaired UTF-16 surrogate) at position 5'],
    ['ABS(x, 1)', '--flag: ABS at position 1 takes 1 argument, not 2 (ABS(x): absolute value)'],
    ['ROUND(x, 1, 2) > 0', '--flag: ROUND at position 1 takes 1 or 2 arguments, not 3 (ROUND(x[, digits]): half away from zero, digits a whole number 0–10)'],
    [`COALESCE(${'x, '.repeat(16)}x) > 0`, '--flag: COALESCE at position 1 takes 2 to 16 arguments, not 17 (COALESCE(a, b, …): the first that is not NULL)'],
    ['COALESCE(x) > 0', '--flag: COALESCE at position 1 takes 2 to 16 arguments, not 1 (COALESCE(a, b, …): the first that is not NULL)'],
    ["race = 'a\\' OR 1=1 OR race = '", "--flag: backslash at position 10 is not accepted in text: Spark SQL and BigQuery read it as an escape, the other engines literally"],
    ['"a\\b" = 1', '--flag: backslash at position 3 is not accepted in a quoted name: Spark SQL and BigQuery read it as an escape, the other engines literally'],
  ];
  it.each(cases)('%j', (text, message) => {
    expectBadInput(() => checkExpression(parse(text), COLUMNS, '--flag', 'boolean'), 'usage', message);
  });

  it('cannot smuggle a quote out of a quoted name: the whole text is one (unknown) column', () => {
    const e = parse('"a"" OR 1=1 --"');
    expect(e).toEqual({ kind: 'column', name: 'a" OR 1=1 --' });
    expectBadInput(() => checkExpression(e, COLUMNS, '--flag', 'boolean'), 'usage', /^--flag: unknown column "a" OR 1=1 --"/);
  });

  it('refuses very long and deeply nested input with a usage error, not a stack overflow', () => {
    expectBadInput(() => parse('x'.repeat(100_000)), 'usage', '--flag: expression is 100000 characters long; at most 2000 are accepted');
    expectBadInput(() => parse(`${'('.repeat(900)}1${')'.repeat(900)}`), 'usage', '--flag: expression is nested more than 64 levels deep (at position 65)');
    expectBadInput(() => parse(`${'NOT '.repeat(400)}x`), 'usage', /^--flag: expression is nested more than 64 levels deep/);
    expectBadInput(() => parse(`${'-'.repeat(1)}${' -'.repeat(600)} 1`), 'usage', /^--flag: expression is nested more than 64 levels deep/);
    expectBadInput(() => parse(`a${' + a'.repeat(300)}`), 'usage', '--flag: expression is nested 301 levels deep; at most 64 are accepted');
    expectBadInput(() => parse(`${'ABS('.repeat(300)}1${')'.repeat(300)}`), 'usage', /^--flag: expression is nested more than 64 levels deep/);
    expectBadInput(() => parse(`${'CASE WHEN '.repeat(150)}`), 'usage', /^--flag: expression is nested more than 64 levels deep/);
    // Exactly at the limit is accepted.
    expect(parse(`${'('.repeat(60)}1${')'.repeat(60)}`)).toEqual({ kind: 'number', text: '1' });
  });
});

// Trees the parser can produce (so printing then parsing must give them back).
const name = fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme' }).map((s) => s.normalize('NFC')).filter((s) => s.length > 0 && !s.includes('\u0000') && !s.includes('\\') && !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
const digits = fc.tuple(fc.nat({ max: 100000 }), fc.option(fc.nat({ max: 999 }), { nil: undefined }), fc.option(fc.integer({ min: -20, max: 20 }), { nil: undefined })).map(
  ([a, b, e]) => `${a}${b === undefined ? '' : `.${b}`}${e === undefined ? '' : `e${e}`}`,
);
const literal: fc.Arbitrary<Literal> = fc.oneof(
  digits.map((text) => ({ kind: 'number' as const, text })),
  digits.map((text) => ({ kind: 'number' as const, text: `-${text}` })),
  name.map((value) => ({ kind: 'string' as const, value })),
  fc.boolean().map((value) => ({ kind: 'boolean' as const, value })),
);
const tree = fc.letrec<{ expr: Expr }>((tie) => {
  const e = tie('expr');
  return {
    expr: fc.oneof(
      { depthSize: 'small', maxDepth: 6, withCrossShrink: true },
      name.map((n): Expr => ({ kind: 'column', name: n })),
      digits.map((text): Expr => ({ kind: 'number', text })),
      name.map((value): Expr => ({ kind: 'string', value })),
      fc.boolean().map((value): Expr => ({ kind: 'boolean', value })),
      fc.constant<Expr>({ kind: 'null' }),
      e.map((operand): Expr => ({ kind: 'negate', operand })),
      e.map((operand): Expr => ({ kind: 'not', operand })),
      fc.tuple(fc.constantFrom('+', '-', '*', '/' as const), e, e).map(([op, left, right]): Expr => ({ kind: 'arithmetic', op, left, right })),
      fc.tuple(fc.constantFrom('=', '<>', '<', '<=', '>', '>=' as const), e, e).map(([op, left, right]): Expr => ({ kind: 'compare', op, left, right })),
      fc.tuple(fc.constantFrom('and', 'or' as const), fc.array(e, { minLength: 2, maxLength: 4 })).map(([kind, operands]): Expr => ({ kind, operands })),
      fc.tuple(e, fc.array(literal, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([operand, list, negated]): Expr => ({ kind: 'in', operand, list, negated })),
      fc.tuple(e, e, e, fc.boolean()).map(([operand, low, high, negated]): Expr => ({ kind: 'between', operand, low, high, negated })),
      fc.tuple(e, fc.boolean()).map(([operand, negated]): Expr => ({ kind: 'isNull', operand, negated })),
      fc.tuple(fc.option(e, { nil: null }), fc.array(fc.record({ when: e, then: e }), { minLength: 1, maxLength: 3 }), fc.option(e, { nil: null })).map(
        ([operand, whens, otherwise]): Expr => ({ kind: 'case', operand, whens, otherwise }),
      ),
      fc.constantFrom('ABS', 'CEIL', 'FLOOR', 'ROUND', 'LENGTH', 'TRIM' as const).chain((fn) => e.map((arg): Expr => ({ kind: 'call', name: fn, args: [arg] }))),
      fc.tuple(fc.constantFrom('COALESCE', 'NULLIF', 'ROUND' as const), e, e).map(([fn, a, b]): Expr => ({ kind: 'call', name: fn, args: [a, b] })),
    ),
  };
}).expr;

/** The SQL text outside quotes: where a statement, a comment or a cast could hide. */
function unquoted(text: string): string {
  let out = '';
  let quote: string | null = null;
  for (const ch of text) {
    if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else out += ch;
  }
  expect(quote).toBeNull();
  return out;
}

/** Backtick-quoted SQL outside names and text; a backslash in text escapes the next character. */
function unquotedBacktick(text: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === "'" && ch === '\\') i++;
    else if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '`') quote = ch;
    else out += ch;
  }
  expect(quote).toBeNull();
  return out;
}

describe('properties', () => {
  it('printing then parsing gives the same tree', () => {
    fc.assert(
      fc.property(tree, (expr) => {
        let text: string;
        try {
          text = formatExpression(expr);
          if (text.length > 2000) return; // beyond the length limit: nothing to compare
        } catch {
          throw new Error('formatExpression threw');
        }
        let back: Expr;
        try {
          back = parse(text);
        } catch (e) {
          // Only the depth limit may refuse a generated tree.
          expect((e as Error).message).toMatch(/nested/);
          return;
        }
        expect(back).toEqual(expr);
      }),
      { numRuns: 1500 },
    );
  });

  it('SQL text outside quotes never holds a statement separator or a comment', () => {
    fc.assert(
      fc.property(tree, (expr) => {
        if (printedSize(expr) > MAX_PRINTED_SIZE) {
          expect(() => expressionSql(expr)).toThrow(/too large once printed as SQL/);
          return;
        }
        const outside = unquoted(expressionSql(expr));
        expect(outside).not.toMatch(/;|--|\/\*|::|`|\$/);
        if (expressionColumns(expr).some((n) => n.includes('`'))) return;
        const spark = unquotedBacktick(expressionSql(expr, 'backtick'));
        expect(spark).not.toMatch(/;|--|\/\*|::|"|\$|\\/);
        // same text outside quotes whichever quoting
        expect(spark).toBe(outside);
      }),
      { numRuns: 1000 },
    );
  });

  const soup = fc
    .array(
      fc.oneof(
        fc.constantFrom('(', ')', ',', "'", '"', '--', '/*', ';', '-', '+', '*', '/', '=', '<>', '!=', '<', '>=', ' ', 'NOT', 'AND', 'OR', 'IN', 'IS', 'NULL', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'SELECT', 'abs', 'round', 'x', 'age', '1', '2.5', "'a'", '"two words"', 'e', '.', '\n', '\u0000', "'x\ny'", "'a\u2028'"),
        fc.string({ maxLength: 3, unit: 'binary' }),
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(' '));

  it('any text either parses and checks or gives a one-line usage error', () => {
    fc.assert(
      fc.property(fc.oneof(soup, fc.string({ maxLength: 60, unit: 'binary' }), fc.string({ maxLength: 60 })), (text) => {
        try {
          const e = parseExpression(text, '--where');
          checkExpression(e, COLUMNS.concat(['x', 'e']), '--where', 'any');
          expressionSql(e);
        } catch (error) {
          expect(error).toBeInstanceOf(DisparateError);
          expect((error as DisparateError).code).toBe('usage');
          expect((error as DisparateError).message).toMatch(/^--where: [^\n\r\u2028\u2029]+$/);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
