import type { PopulationSpec } from '../../harness/config/index.js';
import type { PopulationIssue } from './resolved-population.js';

/** What every step of resolving a spec shares: the spec, the issues found so far, and the column table. */
export interface ResolveContext {
  readonly spec: PopulationSpec;
  /** Issues in the order they were found; the first is the one `resolvePopulation` throws. */
  readonly issues: PopulationIssue[];
  readonly issue: (path: string, message: string) => void;
  /** Every output column: its owner variable and its levels (null = numeric). */
  readonly columnInfo: ReadonlyMap<string, { readonly owner: string; readonly levels: readonly string[] | null }>;
  /** Output columns in declaration order (a joint variable's columns in its place). */
  readonly outputColumns: readonly string[];
  /** Levels of a column, null for a numeric one, undefined for an unknown one. */
  readonly levelsOfColumn: (column: string) => readonly string[] | null | undefined;
}

/**
 * Builds the column table of a spec, reporting a column defined twice (by two variables, or by a
 * variable and the outcome). Later steps report into the same `issues`.
 *
 * @example
 * const ctx = createResolveContext(spec);
 * ctx.levelsOfColumn('nationality'); // ['french', 'eu', 'non_eu'] (caf-households)
 * ctx.levelsOfColumn('income'); // null
 */
export function createResolveContext(spec: PopulationSpec): ResolveContext {
  const issues: PopulationIssue[] = [];
  const issue = (path: string, message: string): void => void issues.push({ path, message });
  const vars = spec.variables;
  const columnInfo = new Map<string, { owner: string; levels: readonly string[] | null }>();
  const outputColumns: string[] = [];
  for (const n of Object.keys(vars)) {
    const v = vars[n]!;
    const add = (column: string, levels: readonly string[] | null, path: string): void => {
      if (columnInfo.has(column)) issue(path, `column "${column}" is already defined by variable "${columnInfo.get(column)!.owner}"`);
      columnInfo.set(column, { owner: n, levels });
      outputColumns.push(column);
    };
    if (v.type === 'joint') for (const [c, levels] of Object.entries(v.columns)) add(c, levels, `variables.${n}.columns.${c}`);
    else if (v.type === 'categorical') add(n, v.levels, `variables.${n}`);
    else if (v.type === 'derived') add(n, v.bins ? v.bins.map((b) => b.level) : (v.levels ?? null), `variables.${n}`);
    else add(n, null, `variables.${n}`);
  }
  const levelsOfColumn = (c: string): readonly string[] | null | undefined => columnInfo.get(c)?.levels;
  if (spec.outcome && columnInfo.has(spec.outcome.name)) issue('outcome.name', `"${spec.outcome.name}" is already a variable`);
  return { spec, issues, issue, columnInfo, outputColumns, levelsOfColumn };
}
