import type { Results } from '../../harness/results/index.js';
import type { Table } from './table.js';

/** A published figure in plain digits: six significant digits, no locale. */
function formatFigure(value: number | null): string {
  return value === null ? 'not reproduced' : String(Number(value.toPrecision(6)));
}

/**
 * One line on a reproduction: how many gating figures are within tolerance, and how many more are
 * shown for comparison only, or that the pack publishes no figure at all.
 *
 * @example reproductionLine(r) // "2 of 2 figures within tolerance; 8 more shown for comparison only"
 */
export function reproductionLine(r: NonNullable<Results['reproduction']>): string {
  const informative = r.figures.filter((f) => f.informative).length;
  if (r.figures.length === 0) return 'no published figure to compare (see the pack README)';
  const gating = r.total === 0 ? 'no figure gates the verdict' : `${r.matched} of ${r.total} figures within tolerance`;
  return informative === 0 ? gating : `${gating}; ${informative} ${r.total === 0 ? '' : 'more '}shown for comparison only`;
}

/**
 * The published-vs-reproduced table of a pack: each figure, its published and reproduced values,
 * the gap, the tolerance, whether it matches (or is shown for comparison only) and its source.
 */
export function buildReproductionTable(results: Results): Table | null {
  const r = results.reproduction;
  if (!r || r.figures.length === 0) return null;
  return {
    caption: `Published vs reproduced (${r.pack}): ${reproductionLine(r)}`,
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
