import { DisparateError } from '../../harness/errors/index.js';
import { categorical, numeric, type Column, type Table } from '../table/index.js';
import { columnLevels, type ResolvedPopulation } from './resolved-population.js';

/** A named applicant profile: a value for every column of the population (the outcome may be left out). */
export interface Archetype {
  readonly name: string;
  readonly profile: Readonly<Record<string, string | number>>;
}

export interface ArchetypeRows {
  /** archetypes × values rows, archetype-major. */
  readonly table: Table;
  readonly archetype: readonly string[];
  readonly value: readonly (string | number)[];
}

/**
 * Named archetypes, each varied along one attribute: one row per (archetype, value), every other
 * column fixed at the profile. Columns are typed and ordered as in the population, so the rows go
 * through the same model adapter. Default values: every level of a categorical attribute.
 *
 * @example
 * buildArchetypes(resolved, [{ name: 'single mother, part-time', profile: { … } }], 'nationality');
 */
export function buildArchetypes(resolved: ResolvedPopulation, archetypes: readonly Archetype[], attribute: string, values?: readonly (string | number)[]): ArchetypeRows {
  const attrNode = resolved.nodes.get(attribute);
  if (!attrNode) throw new DisparateError('usage', `archetypes: no column "${attribute}" in population "${resolved.spec.name}"`);
  const attrLevels = columnLevels(attrNode, attribute);
  const vals = values ?? attrLevels ?? [];
  if (vals.length === 0) throw new DisparateError('usage', `archetypes: "${attribute}" is numeric, list the values`);
  const outcome = resolved.spec.outcome?.name;
  const n = archetypes.length * vals.length;
  const names: string[] = [];
  const rowValues: (string | number)[] = [];
  for (const a of archetypes) {
    for (const v of vals) {
      names.push(a.name);
      rowValues.push(v);
    }
  }
  const columns = new Map<string, Column>();
  for (const column of resolved.columns) {
    const levels = columnLevels(resolved.nodes.get(column)!, column);
    const cellOf = (a: Archetype, v: string | number): string | number | undefined => (column === attribute ? v : a.profile[column]);
    const missing = archetypes.find((a) => column !== attribute && !Object.hasOwn(a.profile, column));
    if (missing && column !== outcome) throw new DisparateError('usage', `archetype "${missing.name}": no value for column "${column}"`);
    if (levels) {
      const codes = new Int32Array(n);
      let r = 0;
      for (const a of archetypes) {
        for (const v of vals) {
          const x = cellOf(a, v);
          const k = x === undefined ? -1 : levels.indexOf(String(x));
          if (x !== undefined && k < 0) throw new DisparateError('usage', `archetype "${a.name}": "${x}" is not a level of "${column}" (levels: ${levels.join(', ')})`);
          codes[r++] = k;
        }
      }
      columns.set(column, categorical(levels, codes));
    } else {
      const out = new Float64Array(n);
      let r = 0;
      for (const a of archetypes) {
        for (const v of vals) {
          const x = cellOf(a, v);
          if (x !== undefined && typeof x !== 'number') throw new DisparateError('usage', `archetype "${a.name}": column "${column}" is numeric, got "${x}"`);
          out[r++] = x === undefined ? NaN : x;
        }
      }
      columns.set(column, numeric(out));
    }
  }
  for (const a of archetypes) {
    const unknown = Object.keys(a.profile).find((k) => !resolved.nodes.has(k));
    if (unknown !== undefined) throw new DisparateError('usage', `archetype "${a.name}": no column "${unknown}" in population "${resolved.spec.name}"`);
  }
  return { table: { n, columns }, archetype: names, value: rowValues };
}
