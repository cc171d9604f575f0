import type { ReproducedFigure, Reproduction, Results } from '../../harness/results/index.js';
import type { Table, TableRow } from './table.js';

/** A published figure in plain digits: six significant digits, no locale. */
function formatFigure(value: number | null): string {
  return value === null ? 'not reproduced' : String(Number(value.toPrecision(6)));
}

/**
 * A number in plain decimals, never in exponent notation, to `digits` significant digits.
 * @example plainDecimal(4.96657e-8, 1) // "0.00000005"
 */
function plainDecimal(value: number, digits: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const decimals = Math.min(15, Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(value)))));
  const s = value.toFixed(decimals);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** The words of the reproduction tables, in one place. */
const TEXT = {
  within: (tol: string) => `within ±${tol}`,
  outside: (tol: string) => `outside ±${tol}`,
  exact: ' (exact: must match to rounding)',
} as const;

/**
 * The gap between reproduced and published, signed, in plain decimals, with the tolerance it is
 * judged against: "+0.00003 (within ±0.0001)".
 */
export function gapText(gap: number, tolerance: number, within: boolean): string {
  const tol = plainDecimal(tolerance, 6);
  const shown = Math.abs(gap) < 1e-15 ? '0' : `${gap > 0 ? '+' : '−'}${plainDecimal(Math.abs(gap), 1)}`;
  return `${shown} (${within ? TEXT.within(tol) : TEXT.outside(tol)})`;
}

const NOTHING_REPRODUCED = 'Reproduced: none; every published figure is one the pack was built or calibrated from';

/** The part of the line on the build checks, or '' when the pack has no input figure. */
function buildCheckText(r: Reproduction): string {
  const { within, total } = r.inputs;
  if (total === 0) return '';
  return within === total
    ? `build checks: ${within} of ${total} inputs read back`
    : `build checks failed: only ${within} of ${total} inputs read back, so the pack itself is broken`;
}

/**
 * One line on a reproduction, plain words first: how many of the published figures the pack did not
 * build on are reproduced within tolerance (informative ones counted in the total but never as
 * reproduced), then the build checks: inputs read back. A pack whose published figures are all inputs
 * reproduces nothing, and the line says so.
 *
 * @example reproductionLine(rotterdam) // "Reproduced: 0 of 9 published figures (9 informative: shown with their gap, not expected to match); build checks: 8 of 8 inputs read back"
 */
export function reproductionLine(r: Reproduction): string {
  if (r.figures.length === 0) return 'No published figure to compare (see the pack README)';
  const outputs = r.reproduced.total + r.informative.total;
  const informative = r.informative.total === 0 ? '' : ` (${r.informative.total} informative: shown with their gap, not expected to match)`;
  const head = outputs === 0
    ? NOTHING_REPRODUCED
    : `Reproduced: ${r.reproduced.within} of ${outputs} published figures${informative}`;
  const build = buildCheckText(r);
  return build === '' ? head : `${head}; ${build}`;
}

/**
 * What the terminal says after a reproduction: {@link reproductionLine}, and a broken build on a line
 * of its own naming the inputs that did not read back.
 *
 * @example reproductionSummary(caf) // "Reproduced: none; every published figure is one the pack was built or calibrated from; build checks: 2 of 2 inputs read back\n"
 */
export function reproductionSummary(r: Reproduction): string {
  const lines = [reproductionLine(r)];
  const missed = r.figures.filter((f) => f.class === 'input' && !f.within).map((f) => f.id);
  if (missed.length > 0) {
    lines.push(`Broken build: the pack does not read back ${missed.length === 1 ? 'the input' : 'the inputs'} it was built from (${missed.join(', ')}); a fault in the pack, not a failed reproduction`);
  }
  return `${lines.join('\n')}\n`;
}

function row(f: ReproducedFigure, match: string, note: number): TableRow {
  return {
    cells: [
      f.note ? `${f.label} (${f.note})` : f.label,
      f.class,
      formatFigure(f.published),
      formatFigure(f.reproduced),
      f.reproduced === null ? '—' : gapText(f.reproduced - f.published, f.tolerance, f.within),
      `± ${plainDecimal(f.tolerance, 6)}${f.exact ? TEXT.exact : ''}`,
      match,
      `[${note}]`,
    ],
  };
}

/** Each distinct source once, numbered in order of first use, for a table's footnotes. */
function footnotes(figures: readonly ReproducedFigure[]): { notes: string[]; at: (f: ReproducedFigure) => number } {
  const notes = [...new Set(figures.map((f) => f.source))];
  return { notes, at: (f) => notes.indexOf(f.source) + 1 };
}

const HEADER = ['Figure', 'Class', 'Published', 'Reproduced', 'Gap', 'Tolerance', 'Match', 'Source'];

/**
 * The tables of a pack's reproduction, each figure in the table of its class:
 * 1. published vs reproduced: the `reproduced` figures (these count) and the `informative` ones (gap
 *    shown, not gated), each with published and reproduced values, gap, tolerance, match and source;
 * 2. build checks: the `input` figures, values the pack was built or calibrated from, read back.
 * A table without rows is left out; no table when the pack publishes no figure.
 */
export function buildReproductionTables(results: Results): Table[] {
  const r = results.reproduction;
  if (!r || r.figures.length === 0) return [];
  const outputs = [...r.figures.filter((f) => f.class === 'reproduced'), ...r.figures.filter((f) => f.class === 'informative')];
  const inputs = r.figures.filter((f) => f.class === 'input');
  const tables: Table[] = [];
  if (outputs.length > 0) {
    const cite = footnotes(outputs);
    tables.push({
      caption: `Published vs reproduced (${r.pack}): ${reproductionLine(r)}`,
      header: HEADER,
      numeric: [2, 3, 4, 5],
      rows: outputs.map((f) => row(f, f.class === 'reproduced' ? (f.within ? 'yes' : 'no') : f.within ? 'within, not gated' : 'outside, not gated', cite.at(f))),
      notes: cite.notes,
    });
  }
  if (inputs.length > 0) {
    const lead = outputs.length === 0 ? `${NOTHING_REPRODUCED}. ` : '';
    const broken = r.inputs.within < r.inputs.total ? ', so the pack itself is broken' : '';
    const cite = footnotes(inputs);
    tables.push({
      caption: `${lead}Build checks (${r.pack}): ${r.inputs.within} of ${r.inputs.total} inputs read back${broken}. These are values the pack was built or calibrated from: a check of the build, not a reproduction`,
      header: HEADER,
      numeric: [2, 3, 4, 5],
      rows: inputs.map((f) => row(f, f.within ? 'read back' : 'no: the build is broken', cite.at(f))),
      notes: cite.notes,
    });
  }
  return tables;
}
