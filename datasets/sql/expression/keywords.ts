/** Words of the expression language; written bare they are never column names (quote them: "end"). */
export const KEYWORDS: ReadonlySet<string> = new Set(['AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'TRUE', 'FALSE', 'BETWEEN', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END']);

/**
 * SQL words outside the language, refused bare with a reason rather than read as a column name, so
 * `(SELECT 1)` says "subqueries are not allowed" instead of "unknown column SELECT".
 */
export const REFUSED_WORDS: ReadonlyMap<string, string> = new Map([
  ...['SELECT', 'WITH', 'VALUES', 'TABLE', 'EXISTS', 'FROM', 'WHERE', 'UNION', 'INTERSECT', 'EXCEPT', 'LATERAL'].map(
    (w) => [w, 'subqueries are not allowed'] as const,
  ),
  ...['INSERT', 'UPDATE', 'DELETE', 'DROP', 'CREATE', 'ALTER', 'GRANT', 'REVOKE', 'TRUNCATE', 'COPY', 'ATTACH', 'DETACH', 'PRAGMA', 'INSTALL', 'LOAD', 'CALL', 'EXECUTE', 'EXEC', 'SET', 'RESET', 'EXPORT', 'IMPORT', 'VACUUM', 'BEGIN', 'COMMIT', 'ROLLBACK'].map(
    (w) => [w, 'statements are not allowed, only one expression'] as const,
  ),
  ...['LIKE', 'ILIKE', 'SIMILAR', 'GLOB', 'REGEXP', 'ESCAPE', 'COLLATE', 'CAST', 'ARRAY', 'INTERVAL', 'ANY', 'ALL', 'SOME', 'DISTINCT', 'AS', 'ON', 'JOIN', 'LIMIT', 'ORDER', 'GROUP', 'BY', 'HAVING', 'OVER', 'INTO'].map(
    (w) => [w, 'is not part of the expression language'] as const,
  ),
]);

/** A name that can be written without quotes and reads back as the same column. */
export function isBareName(name: string): boolean {
  if (KEYWORDS.has(name.toUpperCase()) || REFUSED_WORDS.has(name.toUpperCase())) return false;
  const chars = [...name];
  if (chars.length === 0 || !(chars[0] === '_' || /\p{L}/u.test(chars[0]!))) return false;
  return chars.every((c) => c === '_' || /[\p{L}\p{M}]/u.test(c) || (c >= '0' && c <= '9'));
}
