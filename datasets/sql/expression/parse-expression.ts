import type { ArithmeticOperator, ComparisonOperator, Expr, Literal } from './ast.js';
import { FUNCTION_NAMES, FUNCTIONS, isFunctionName } from './functions.js';
import { KEYWORDS, REFUSED_WORDS } from './keywords.js';
import { MAX_EXPRESSION_LENGTH, showText, tokenize, usage, type Token } from './tokenize.js';

/** Deepest nesting accepted (parentheses, NOT, minus signs, CASE, calls, operator chains). */
export const MAX_DEPTH = 64;

/**
 * Parse one row expression of the whitelisted grammar into a typed tree. The text is read in Unicode NFC,
 * as the decisions file's column names and labels are.
 *
 * Precedence, loosest first, as in PostgreSQL: OR; AND; NOT; IS [NOT] NULL; comparison (not chained);
 * [NOT] BETWEEN / [NOT] IN; + -; * /; unary minus.
 *
 * @throws DisparateError('usage') with a one-line message naming `where` and the offending token and position.
 * @example parseExpression("decile_score >= 5 AND race IN ('Black', 'Hispanic')", '--flag')
 */
export function parseExpression(text: string, where: string): Expr {
  if (typeof text !== 'string') throw usage(where, 'expected an expression');
  if (text.length > MAX_EXPRESSION_LENGTH) throw usage(where, `expression is ${text.length} characters long; at most ${MAX_EXPRESSION_LENGTH} are accepted`);
  const unpaired = firstUnpairedSurrogate(text);
  // An unpaired surrogate would reach the engine as U+FFFD once encoded as UTF-8: a different value than typed.
  if (unpaired >= 0) throw usage(where, `invalid character (unpaired UTF-16 surrogate) at position ${unpaired + 1}`);
  const tokens = tokenize(text.normalize('NFC'), where);
  if (tokens.length === 1) throw usage(where, 'expression is empty');
  const parser = new Parser(tokens, where);
  const expr = parser.parseOr();
  parser.expectEnd();
  const depth = depthOf(expr);
  if (depth > MAX_DEPTH) throw usage(where, `expression is nested ${depth} levels deep; at most ${MAX_DEPTH} are accepted`);
  return expr;
}

function firstUnpairedSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) i++;
      else return i;
    } else if (code >= 0xdc00 && code <= 0xdfff) return i;
  }
  return -1;
}

function depthOf(expr: Expr): number {
  switch (expr.kind) {
    case 'column':
    case 'number':
    case 'string':
    case 'boolean':
    case 'null':
      return 1;
    case 'negate':
    case 'not':
    case 'isNull':
    case 'in':
      return 1 + depthOf(expr.operand);
    case 'arithmetic':
    case 'compare':
      return 1 + Math.max(depthOf(expr.left), depthOf(expr.right));
    case 'and':
    case 'or':
      return 1 + Math.max(...expr.operands.map(depthOf));
    case 'between':
      return 1 + Math.max(depthOf(expr.operand), depthOf(expr.low), depthOf(expr.high));
    case 'case': {
      const parts = [...(expr.operand ? [expr.operand] : []), ...expr.whens.flatMap((w) => [w.when, w.then]), ...(expr.otherwise ? [expr.otherwise] : [])];
      return 1 + Math.max(...parts.map(depthOf));
    }
    case 'call':
      return 1 + Math.max(...expr.args.map(depthOf));
  }
}

const COMPARISONS: ReadonlySet<string> = new Set(['=', '<>', '<', '<=', '>', '>=']);

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'end of expression';
    case 'number':
      return `"${showText(token.text)}" at position ${token.pos + 1}`;
    case 'string':
      return `'${showText(token.value)}' at position ${token.pos + 1}`;
    case 'name':
      return `"${showText(token.name)}" at position ${token.pos + 1}`;
    case 'symbol':
      return `"${token.symbol}" at position ${token.pos + 1}`;
  }
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly where: string,
  ) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  /** True when the token is the bare keyword `word` (keywords are case-insensitive; quoted names never are). */
  private isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === 'name' && !token.quoted && token.name.toUpperCase() === word;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.next();
    return true;
  }

  private isSymbol(symbol: string): boolean {
    const token = this.peek();
    return token.type === 'symbol' && token.symbol === symbol;
  }

  private fail(what: string, token: Token = this.peek()): never {
    throw usage(this.where, `${what}, found ${describe(token)}`);
  }

  private expectKeyword(word: string, context: string): void {
    if (!this.acceptKeyword(word)) this.fail(`expected ${word} ${context}`);
  }

  private expectSymbol(symbol: string, context: string): void {
    if (!this.isSymbol(symbol)) this.fail(`expected "${symbol}" ${context}`);
    this.next();
  }

  /** Bounds recursion, so a hostile `((((…` or `NOT NOT NOT …` is a usage error, never a stack overflow. */
  private nest<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw usage(this.where, `expression is nested more than ${MAX_DEPTH} levels deep (at position ${this.peek().pos + 1})`);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.type === 'end') return;
    if (token.type === 'name' && !token.quoted) this.refuseWord(token);
    this.fail('expected an operator or the end of the expression');
  }

  parseOr(): Expr {
    return this.nest(() => {
      const operands = [this.parseAnd()];
      while (this.acceptKeyword('OR')) operands.push(this.parseAnd());
      return operands.length === 1 ? operands[0]! : { kind: 'or', operands };
    });
  }

  private parseAnd(): Expr {
    const operands = [this.parseNot()];
    while (this.acceptKeyword('AND')) operands.push(this.parseNot());
    return operands.length === 1 ? operands[0]! : { kind: 'and', operands };
  }

  private parseNot(): Expr {
    if (this.acceptKeyword('NOT')) return this.nest(() => ({ kind: 'not', operand: this.parseNot() }));
    return this.parseIs();
  }

  private parseIs(): Expr {
    const operand = this.parseComparison();
    if (!this.acceptKeyword('IS')) return operand;
    const negated = this.acceptKeyword('NOT');
    this.expectKeyword('NULL', `after IS${negated ? ' NOT' : ''} (only IS NULL and IS NOT NULL are supported)`);
    if (this.isKeyword('IS')) this.fail('IS NULL cannot be followed by another IS; use parentheses');
    return { kind: 'isNull', operand, negated };
  }

  private parseComparison(): Expr {
    const left = this.parsePredicate();
    const token = this.peek();
    if (token.type !== 'symbol' || !COMPARISONS.has(token.symbol)) return left;
    this.next();
    const right = this.parsePredicate();
    const after = this.peek();
    if (after.type === 'symbol' && COMPARISONS.has(after.symbol)) this.fail('comparisons cannot be chained (a < b < c); join them with AND', after);
    return { kind: 'compare', op: token.symbol as ComparisonOperator, left, right };
  }

  private parsePredicate(): Expr {
    const operand = this.parseAdditive();
    const negated = this.isKeyword('NOT') && (this.isKeyword('IN', 1) || this.isKeyword('BETWEEN', 1));
    if (negated) this.next();
    if (this.acceptKeyword('BETWEEN')) {
      const low = this.parseAdditive();
      this.expectKeyword('AND', 'between the two bounds of BETWEEN');
      const high = this.parseAdditive();
      return { kind: 'between', operand, low, high, negated };
    }
    if (this.acceptKeyword('IN')) return { kind: 'in', operand, list: this.parseInList(), negated };
    if (this.isKeyword('NOT')) this.fail('NOT here must be followed by IN or BETWEEN');
    return operand;
  }

  private parseInList(): Literal[] {
    this.expectSymbol('(', 'after IN');
    const list: Literal[] = [];
    for (;;) {
      list.push(this.parseInValue());
      if (this.isSymbol(')')) break;
      this.expectSymbol(',', 'or ")" in the IN list');
    }
    this.next();
    return list;
  }

  private parseInValue(): Literal {
    const token = this.next();
    if (token.type === 'number') return { kind: 'number', text: token.text };
    if (token.type === 'string') return { kind: 'string', value: token.value };
    if (token.type === 'symbol' && token.symbol === '-') {
      const digits = this.next();
      if (digits.type === 'number') return { kind: 'number', text: `-${digits.text}` };
      this.fail('expected a number after "-" in the IN list', digits);
    }
    if (token.type === 'name' && !token.quoted) {
      const word = token.name.toUpperCase();
      if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE' };
      if (word === 'NULL') this.fail('NULL in an IN list never matches (x = NULL is never true); write x IS NULL', token);
      if (word === 'SELECT' || word === 'WITH' || word === 'VALUES' || word === 'TABLE') this.fail('subqueries are not allowed', token);
    }
    this.fail('IN (…) takes literal values only (numbers, \'text\', TRUE, FALSE)', token);
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    for (;;) {
      const token = this.peek();
      if (token.type !== 'symbol' || (token.symbol !== '+' && token.symbol !== '-')) return left;
      this.next();
      left = { kind: 'arithmetic', op: token.symbol as ArithmeticOperator, left, right: this.parseMultiplicative() };
    }
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      if (token.type !== 'symbol' || (token.symbol !== '*' && token.symbol !== '/')) return left;
      this.next();
      left = { kind: 'arithmetic', op: token.symbol as ArithmeticOperator, left, right: this.parseUnary() };
    }
  }

  private parseUnary(): Expr {
    if (this.isSymbol('-')) {
      this.next();
      return this.nest(() => ({ kind: 'negate', operand: this.parseUnary() }));
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expr {
    const token = this.next();
    switch (token.type) {
      case 'number':
        return { kind: 'number', text: token.text };
      case 'string':
        return { kind: 'string', value: token.value };
      case 'end':
        this.fail('expression ends too early: expected a value', token);
      // falls through: fail never returns
      case 'symbol':
        if (token.symbol === '(') {
          if (this.isKeyword('SELECT') || this.isKeyword('WITH') || this.isKeyword('VALUES') || this.isKeyword('TABLE')) this.fail('subqueries are not allowed');
          const inner = this.parseOr();
          this.expectSymbol(')', `to close "(" at position ${token.pos + 1}`);
          return inner;
        }
        if (token.symbol === '*') this.fail('"*" is only multiplication here (no SELECT *, no COUNT(*))', token);
        this.fail('expected a value', token);
      // falls through: fail never returns
      case 'name':
        return this.parseName(token);
    }
  }

  private parseName(token: Extract<Token, { type: 'name' }>): Expr {
    const word = token.name.toUpperCase();
    if (!token.quoted && KEYWORDS.has(word)) {
      if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE' };
      if (word === 'NULL') return { kind: 'null' };
      if (word === 'CASE') return this.parseCase();
      this.fail(`expected a value (quote a column named ${word}: "${showText(token.name)}")`, token);
    }
    if (this.isSymbol('(')) {
      if (token.quoted) this.fail('function names cannot be quoted', token);
      const name = word;
      if (!isFunctionName(name)) {
        const reason = REFUSED_WORDS.get(name);
        if (reason === 'subqueries are not allowed' || reason?.startsWith('statements')) this.refuseWord(token);
        throw usage(this.where, `unknown function ${showText(token.name)} at position ${token.pos + 1} (allowed: ${FUNCTION_NAMES.join(', ')})`);
      }
      this.next();
      return this.parseCall(name, token);
    }
    if (token.quoted) return { kind: 'column', name: token.name };
    this.refuseWord(token);
    return { kind: 'column', name: token.name };
  }

  private refuseWord(token: Extract<Token, { type: 'name' }>): void {
    const word = token.name.toUpperCase();
    const reason = REFUSED_WORDS.get(word);
    if (reason === undefined) return;
    const quoteHint = reason.startsWith('is not') ? ` (quote a column named ${word}: "${showText(token.name)}")` : '';
    throw usage(this.where, `${word} at position ${token.pos + 1}: ${reason.startsWith('is not') ? word + ' ' + reason : reason}${quoteHint}`);
  }

  private parseCall(name: keyof typeof FUNCTIONS, token: Token): Expr {
    const spec = FUNCTIONS[name];
    const args: Expr[] = [];
    if (!this.isSymbol(')')) {
      for (;;) {
        args.push(this.parseOr());
        if (this.isSymbol(')')) break;
        this.expectSymbol(',', `or ")" in the arguments of ${name}`);
      }
    }
    this.next();
    if (args.length < spec.minArgs || args.length > spec.maxArgs) {
      const expected = spec.minArgs === spec.maxArgs ? `${spec.minArgs}` : spec.maxArgs === spec.minArgs + 1 ? `${spec.minArgs} or ${spec.maxArgs}` : `${spec.minArgs} to ${spec.maxArgs}`;
      throw usage(this.where, `${name} at position ${token.pos + 1} takes ${expected} argument${spec.maxArgs === 1 ? '' : 's'}, not ${args.length} (${spec.summary})`);
    }
    return { kind: 'call', name, args };
  }

  private parseCase(): Expr {
    const operand = this.isKeyword('WHEN') ? null : this.parseOr();
    const whens: { when: Expr; then: Expr }[] = [];
    while (this.acceptKeyword('WHEN')) {
      const when = this.parseOr();
      this.expectKeyword('THEN', 'after the condition of WHEN');
      whens.push({ when, then: this.parseOr() });
    }
    if (whens.length === 0) this.fail('expected WHEN in CASE');
    const otherwise = this.acceptKeyword('ELSE') ? this.parseOr() : null;
    this.expectKeyword('END', 'to close CASE');
    return { kind: 'case', operand, whens, otherwise };
  }
}
