import { inferType, parseExpression } from '../sql/index.js';

/** The roles that may hold an expression, as the command line names them. */
export interface RoleExpressions {
  readonly flag: string;
  readonly label?: string | undefined;
  readonly labelSource?: string | undefined;
  readonly where?: string | undefined;
  readonly derive?: readonly string[] | undefined;
}

/** COL=VALUE as `--flag`/`--label`/`--label-source` take it: a plain name, "=", a value (not "==", not "<=" …). */
const COLUMN_EQUALS = /^[^=<>!'"()]+=(?!=)/;

/**
 * Parses and type-checks every expression of `roles` before any engine is contacted, so that a
 * statement, a comment, a subquery or a function outside the whitelist (`1; DROP TABLE x`,
 * `read_csv('/etc/passwd')`, `x IN (SELECT …)`) is refused without a connection being opened. The
 * column names are checked later, against the table's columns, and before the aggregation query runs.
 * A role that is a plain column name or COL=VALUE passes here: it compiles to a quoted name and a
 * quoted literal, and if its name turns out not to be a column it is parsed as an expression then.
 *
 * @throws DisparateError('usage') naming the option and what is wrong (see parseExpression).
 */
export function checkRoleExpressions(roles: RoleExpressions): void {
  const check = (text: string, where: string) => inferType(parseExpression(text, where), where);
  const either = (text: string | undefined, where: string) => {
    if (text === undefined) return;
    try {
      check(text, where);
    } catch (error) {
      if (!COLUMN_EQUALS.test(text)) throw error;
    }
  };
  either(roles.flag, '--flag');
  either(roles.label, '--label');
  either(roles.labelSource, '--label-source');
  if (roles.where !== undefined) check(roles.where, '--where');
  for (const d of roles.derive ?? []) {
    const eq = d.indexOf('=');
    check(eq > 0 ? d.slice(eq + 1) : d, '--derive');
  }
}
