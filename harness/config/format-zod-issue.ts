import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

const join = (path: readonly PropertyKey[]): string => (path.length === 0 ? '(top level)' : path.map(String).join('.'));

/**
 * One zod issue as `path.to.field: message`: the one wording of every schema error (battery, population
 * spec, model file, results.json, pack figures). An unknown key reads `path.key: unknown field`. Unions report the branch that got furthest (the one
 * whose issue path is deepest), so `{ base: "x" }` for a parameter says `….base: expected number`.
 *
 * @example
 * formatZodIssue(result.error.issues[0]); // 'variables.income.params.sdlog: Invalid input: expected number, received string'
 */
export function formatZodIssue(issue: Issue, prefix: readonly PropertyKey[] = []): string {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    let best: Issue | undefined;
    for (const branch of issue.errors) {
      for (const sub of branch) if (best === undefined || sub.path.length > best.path.length) best = sub;
    }
    if (best !== undefined) return formatZodIssue(best, path);
  }
  if (issue.code === 'unrecognized_keys') {
    return `${join([...path, issue.keys[0] ?? ''])}: unknown field${issue.keys.length > 1 ? ` (also: ${issue.keys.slice(1).join(', ')})` : ''}`;
  }
  return `${join(path)}: ${issue.message}`;
}

/**
 * The first issue of a failed parse, formatted by {@link formatZodIssue}.
 *
 * @example describeIssue(Battery.safeParse(raw).error!) // 'checks.0.metric: unknown metric "selection_rat"'
 */
export function describeIssue(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? formatZodIssue(first) : '(top level): invalid';
}
