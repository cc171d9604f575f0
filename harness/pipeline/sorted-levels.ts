import { categorical, type CategoricalColumn } from '../../datasets/table/index.js';

/** Re-encodes a categorical column with its levels in code-point order, so reports list groups predictably. */
export function sortedLevels(column: CategoricalColumn): CategoricalColumn {
  const levels = [...column.levels].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const remap = Int32Array.from(column.levels, (l) => levels.indexOf(l));
  const codes = column.codes.map((c) => (c < 0 ? c : remap[c]!));
  return categorical(levels, codes);
}
