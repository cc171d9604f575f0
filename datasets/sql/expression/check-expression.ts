import type { Expr, ValueType } from './ast.js';
import { FUNCTIONS, MAX_ROUND_DIGITS } from './functions.js';
import { nearNames } from './near-names.js';
import { formatExpression, MAX_PRINTED_SIZE, printedSize, tooLarge } from './print-expression.js';
import { showText, usage } from './tokenize.js';

/** Column types where the caller knows them (from the engine's DESCRIBE); absent columns are `unknown`. */
export type ColumnTypes = Readonly<Record<string, 'boolean' | 'number' | 'text'>>;

/**
 * Check an expression against the columns of the decisions: every column exists (NFC, exact spelling), and
 * the types fit — no number compared with text, no arithmetic on text, a condition where one is needed
 * (`type: 'boolean'`). Types the text cannot tell (a column without `columnTypes`) are let through; the
 * engine then decides.
 *
 * @returns the expression's type ('unknown' when it rests on a column of unknown type).
 * @throws DisparateError('usage') naming `where`, the column (with near matches) or the part that does not fit.
 * @example checkExpression(parseExpression('decile_score >= 5', '--flag'), ['decile_score', 'race'], '--flag', 'boolean')
 */
export function checkExpression(expr: Expr, columns: readonly string[], where: string, type: 'boolean' | 'any', columnTypes: ColumnTypes = {}): ValueType {
  const known = new Set(columns.map((c) => c.normalize('NFC')));
  const result = new TypeChecker(known, columns, where, columnTypes).infer(expr);
  const size = printedSize(expr);
  if (size > MAX_PRINTED_SIZE) throw usage(where, `expression is too large once printed as SQL (${tooLarge(size)})`);
  if (type === 'boolean' && (result === 'number' || result === 'text')) {
    throw usage(where, `expected a condition (true or false), e.g. "x >= 5" or "x IN ('a', 'b')", but ${clip(expr)} is ${result === 'number' ? 'a number' : 'text'}`);
  }
  if (type === 'boolean' && result === 'null') throw usage(where, 'expected a condition (true or false), but the expression is always NULL');
  return result;
}

/** The type an expression evaluates to (checks types as {@link checkExpression} does, without columns). */
export function inferType(expr: Expr, where: string, columnTypes: ColumnTypes = {}): ValueType {
  return new TypeChecker(null, [], where, columnTypes).infer(expr);
}

/** The part of the expression a message is about, on one line (a newline inside 'text' is shown escaped). */
function clip(expr: Expr): string {
  return `"${showText(formatExpression(expr), 60)}"`;
}

const article = (t: ValueType): string => (t === 'number' ? 'a number' : t === 'text' ? 'text' : t === 'boolean' ? 'a condition (true/false)' : t);

class TypeChecker {
  constructor(
    private readonly known: ReadonlySet<string> | null,
    private readonly columns: readonly string[],
    private readonly where: string,
    private readonly columnTypes: ColumnTypes,
  ) {}

  private fail(what: string): never {
    throw usage(this.where, what);
  }

  /** Two types that can meet in a comparison, IN, BETWEEN, CASE branches or COALESCE; returns the joint type. */
  private unify(a: ValueType, b: ValueType, context: () => string): ValueType {
    if (a === 'null' || a === 'unknown') return b === 'null' ? a : b === 'unknown' ? 'unknown' : b;
    if (b === 'null' || b === 'unknown' || a === b) return a;
    this.fail(`${context()} mixes ${article(a)} and ${article(b)}`);
  }

  private expect(expr: Expr, wanted: 'number' | 'text' | 'boolean', context: string): void {
    if (expr.kind === 'null') this.fail(`NULL in ${context} always gives NULL; ${wanted === 'boolean' ? 'use IS NULL to test for missing values' : 'write a value or a column'}`);
    const t = this.infer(expr);
    if (t !== wanted && t !== 'unknown') this.fail(`${context} needs ${article(wanted)}, but ${clip(expr)} is ${article(t)}`);
  }

  infer(expr: Expr): ValueType {
    switch (expr.kind) {
      case 'column': {
        const name = expr.name.normalize('NFC');
        if (this.known !== null && !this.known.has(name)) {
          const near = nearNames(name, this.columns);
          this.fail(`unknown column "${showText(name)}"${near.length > 0 ? ` (did you mean ${near.map((n) => `"${showText(n)}"`).join(', ')}?)` : ''}`);
        }
        // own keys only: a column called "constructor" must not find Object's
        return Object.hasOwn(this.columnTypes, name) ? this.columnTypes[name]! : 'unknown';
      }
      case 'number':
        return 'number';
      case 'string':
        return 'text';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'negate':
        this.expect(expr.operand, 'number', 'a minus sign');
        return 'number';
      case 'not':
        this.expect(expr.operand, 'boolean', 'NOT');
        return 'boolean';
      case 'arithmetic':
        this.expect(expr.left, 'number', `"${expr.op}"`);
        this.expect(expr.right, 'number', `"${expr.op}"`);
        return 'number';
      case 'compare': {
        for (const side of [expr.left, expr.right]) {
          if (side.kind === 'null') this.fail(`"${expr.op} NULL" is never true (NULL is not a value); write IS ${expr.op === '<>' ? 'NOT ' : ''}NULL`);
        }
        this.unify(this.infer(expr.left), this.infer(expr.right), () => `the comparison ${clip(expr)}`);
        return 'boolean';
      }
      case 'and':
      case 'or':
        for (const operand of expr.operands) this.expect(operand, 'boolean', expr.kind.toUpperCase());
        return 'boolean';
      case 'in': {
        let t = this.infer(expr.operand);
        if (expr.operand.kind === 'null') this.fail('NULL IN (…) is never true; use IS NULL');
        for (const value of expr.list) t = this.unify(t, this.infer(value), () => `the IN list of ${clip(expr.operand)}`);
        return 'boolean';
      }
      case 'between': {
        let t: ValueType = 'unknown';
        for (const part of [expr.operand, expr.low, expr.high]) {
          if (part.kind === 'null') this.fail('NULL in BETWEEN always gives NULL; write a value or a column');
          t = this.unify(t, this.infer(part), () => `BETWEEN of ${clip(expr.operand)}`);
        }
        if (t === 'boolean') this.fail('BETWEEN needs numbers or text, not conditions');
        return 'boolean';
      }
      case 'isNull':
        this.infer(expr.operand);
        return 'boolean';
      case 'case': {
        if (expr.operand !== null) {
          if (expr.operand.kind === 'null') this.fail('CASE NULL WHEN … never matches; use CASE WHEN x IS NULL THEN …');
          let t = this.infer(expr.operand);
          for (const { when } of expr.whens) {
            if (when.kind === 'null') this.fail('CASE x WHEN NULL never matches; use CASE WHEN x IS NULL THEN …');
            t = this.unify(t, this.infer(when), () => `CASE ${clip(expr.operand!)} WHEN …`);
          }
        } else {
          for (const { when } of expr.whens) this.expect(when, 'boolean', 'WHEN');
        }
        let result: ValueType = 'null';
        for (const branch of [...expr.whens.map((w) => w.then), ...(expr.otherwise ? [expr.otherwise] : [])]) {
          result = this.unify(result, this.infer(branch), () => 'the results of CASE (THEN/ELSE)');
        }
        if (result === 'null') this.fail('every result of CASE is NULL');
        return result;
      }
      case 'call': {
        const spec = FUNCTIONS[expr.name];
        if (expr.name === 'ROUND' && expr.args.length === 2) {
          const digits = expr.args[1]!;
          if (digits.kind !== 'number' || !/^\d+$/.test(digits.text) || Number(digits.text) > MAX_ROUND_DIGITS) {
            this.fail(`the second argument of ROUND is the number of digits, a whole number from 0 to ${MAX_ROUND_DIGITS}`);
          }
        }
        if (spec.args === 'same') {
          let t: ValueType = 'null';
          for (const arg of expr.args) t = this.unify(t, this.infer(arg), () => `${expr.name}(…)`);
          if (expr.name === 'NULLIF' && expr.args.some((a) => a.kind === 'null')) this.fail('NULLIF with NULL does nothing; remove it');
          if (t === 'null') this.fail(`${expr.name} of NULL only is always NULL`);
          return t;
        }
        for (const arg of expr.args) this.expect(arg, spec.args, expr.name);
        return spec.result === 'same' ? 'unknown' : spec.result;
      }
    }
  }
}
