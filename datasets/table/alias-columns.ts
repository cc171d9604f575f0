import type { Table } from './table.js';

/**
 * The same table with extra names for some columns: `aliases` maps a new name (e.g. a model input)
 * to an existing column. Columns are shared, not copied. Returns the missing column names, if any,
 * instead of throwing, so the caller can name its own file and field.
 *
 * @example aliasColumns(table, { inkomen: 'income' }) // table.columns also has "inkomen"
 */
export function aliasColumns(table: Table, aliases: Readonly<Record<string, string>>): { table: Table; missing: string[] } {
  const entries = Object.entries(aliases);
  if (entries.length === 0) return { table, missing: [] };
  const columns = new Map(table.columns);
  const missing: string[] = [];
  for (const [alias, name] of entries) {
    const column = table.columns.get(name);
    if (column) columns.set(alias, column);
    else missing.push(name);
  }
  return { table: { n: table.n, columns }, missing };
}
