import type { Results } from '../../harness/results/index.js';
import type { Table } from './table.js';

/** A published figure in plain digits: six significant digits, no locale. */
function formatFigure(value: number | null): string {
  return value === null ? 'not reproduced' : String(Number(value.toPrecision(6)));
}

/**
 * The published-vs-reproduced table of a pack: each figure, its published and reproduced values,
 * the gap, the tolerance, whether it matches (or is shown for comparison only) and its source.
 */
export function buildReproductionTable(results: Results): Table | null {
  const r = results.reproduction;
  if (!r || r.figures.length === 0) return null;
  return {
    caption: `Published vs reproduced (${r.pack}): ${r.matched} of ${r.total} figures within tolerance`,
    header: ['Figure', 'Published', 'Reproduced', 'Gap', 'Tolerance', 'Match', 'Source'],
    numeric: [1, 2, 3, 4],
    rows: r.figures.map((f) => ({
      cells: [
        f.note ? `${f.label} (${f.note})` : f.label,
        formatFigure(f.published),
        formatFigure(f.reproduced),
        f.reproduced === null ? '—' : formatFigure(f.reproduced - f.published),
        `± ${formatFigure(f.tolerance)}${f.exact ? ' (exact inputs)' : ''}`,
        f.informative ? (f.within ? 'yes (comparison only)' : 'no (comparison only)') : f.within ? 'yes' : 'no',
        f.source,
      ],
    })),
  };
}
