// Row expressions (--flag "decile_score >= 5", --where, --derive): a whitelisted grammar parsed here, checked against the columns, printed as portable SQL.
export type { ArithmeticOperator, ComparisonOperator, Expr, FunctionName, Literal, ValueType } from './ast.js';
export { checkExpression, inferType, type ColumnTypes } from './check-expression.js';
export { expressionColumns } from './expression-columns.js';
export { FUNCTIONS, FUNCTION_NAMES } from './functions.js';
export { MAX_DEPTH, parseExpression } from './parse-expression.js';
export { expressionSql, formatExpression, MAX_PRINTED_SIZE, printedSize, quoteName, quoteText, type ColumnSql, type SqlQuoting } from './print-expression.js';
export { MAX_EXPRESSION_LENGTH } from './tokenize.js';
