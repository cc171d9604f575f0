/**
 * The typed syntax tree of a row expression (`decile_score >= 5`, `race IN ('Black','Hispanic')`). Every
 * node kind is one construct of the whitelisted grammar; nothing else can be represented, so nothing else
 * can be printed as SQL.
 */
export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type ArithmeticOperator = '+' | '-' | '*' | '/';

/** A literal allowed in an `IN (…)` list: a number (possibly negative), a string or a boolean. */
export type Literal = NumberLiteral | StringLiteral | BooleanLiteral;
export interface NumberLiteral {
  readonly kind: 'number';
  /** The digits as written (normalised: `.5` → `0.5`, `5.` → `5.0`), so printing never loses precision. */
  readonly text: string;
}
export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
}
export interface BooleanLiteral {
  readonly kind: 'boolean';
  readonly value: boolean;
}

export type Expr =
  | { readonly kind: 'column'; readonly name: string }
  | NumberLiteral
  | StringLiteral
  | BooleanLiteral
  | { readonly kind: 'null' }
  | { readonly kind: 'negate'; readonly operand: Expr }
  | { readonly kind: 'not'; readonly operand: Expr }
  | { readonly kind: 'arithmetic'; readonly op: ArithmeticOperator; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'compare'; readonly op: ComparisonOperator; readonly left: Expr; readonly right: Expr }
  /** `a AND b AND c` is one node: long chains stay shallow, so they never hit a depth limit (ours or SQLite's). */
  | { readonly kind: 'and' | 'or'; readonly operands: readonly Expr[] }
  | { readonly kind: 'in'; readonly operand: Expr; readonly list: readonly Literal[]; readonly negated: boolean }
  | { readonly kind: 'between'; readonly operand: Expr; readonly low: Expr; readonly high: Expr; readonly negated: boolean }
  | { readonly kind: 'isNull'; readonly operand: Expr; readonly negated: boolean }
  | {
      readonly kind: 'case';
      /** Present for the simple form `CASE x WHEN 1 THEN …`; absent for `CASE WHEN cond THEN …`. */
      readonly operand: Expr | null;
      readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
      readonly otherwise: Expr | null;
    }
  | { readonly kind: 'call'; readonly name: FunctionName; readonly args: readonly Expr[] };

/** The whitelisted functions (see functions.ts for why each is there and why others are not). */
export type FunctionName = 'ABS' | 'CEIL' | 'FLOOR' | 'ROUND' | 'LENGTH' | 'TRIM' | 'COALESCE' | 'NULLIF';

/** What an expression evaluates to, as far as the text tells: `unknown` for a column whose type is not given. */
export type ValueType = 'boolean' | 'number' | 'text' | 'null' | 'unknown';
