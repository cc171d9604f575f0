import type { ReproducedFigure, Reproduction, Results } from '../../harness/results/index.js';
import { messagesFor, type Lang, type Messages } from '../i18n/index.js';
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

/**
 * The gap between reproduced and published, signed, in plain decimals, with the tolerance it is
 * judged against: "+0.00003 (within ±0.0001)".
 */
export function gapText(gap: number, tolerance: number, within: boolean, lang: Lang = 'en'): string {
  const W = messagesFor(lang).tables;
  const tol = plainDecimal(tolerance, 6);
  const shown = Math.abs(gap) < 1e-15 ? '0' : `${gap > 0 ? '+' : '−'}${plainDecimal(Math.abs(gap), 1)}`;
  return `${shown} (${within ? W.within(tol) : W.outside(tol)})`;
}

/** The part of the line on the build checks, or '' when the pack has no input figure. */
function buildCheckText(W: Messages['tables'], r: Reproduction): string {
  const { within, total } = r.inputs;
  return total === 0 ? '' : W.buildChecks(within, total);
}

/**
 * One line on a reproduction, plain words first: how many of the published figures the pack did not
 * build on are reproduced within tolerance (informative ones counted in the total but never as
 * reproduced), then the build checks: inputs read back. A pack whose published figures are all inputs
 * reproduces nothing, and the line says so.
 *
 * @example reproductionLine(rotterdam) // "Reproduced: 0 of 9 published figures (9 informative: shown with their gap, not expected to match); build checks: 8 of 8 inputs read back"
 */
export function reproductionLine(r: Reproduction, lang: Lang = 'en'): string {
  const T = messagesFor(lang);
  const W = T.tables;
  if (r.figures.length === 0) return W.noPublished;
  const outputs = r.reproduced.total + r.informative.total;
  const head = outputs === 0 ? W.nothingReproduced : W.reproduced(r.reproduced.within, outputs, r.informative.total);
  const build = buildCheckText(W, r);
  return build === '' ? head : `${head}${T.detail.semicolon}${build}`;
}

/**
 * What the terminal says after a reproduction: {@link reproductionLine}, and a broken build on a line
 * of its own naming the inputs that did not read back.
 *
 * @example reproductionSummary(caf) // "Reproduced: none; every published figure is one the pack was built or calibrated from; build checks: 2 of 2 inputs read back\n"
 */
export function reproductionSummary(r: Reproduction, lang: Lang = 'en'): string {
  const T = messagesFor(lang);
  const lines = [reproductionLine(r, lang)];
  const missed = r.figures.filter((f) => f.class === 'input' && !f.within).map((f) => f.id);
  if (missed.length > 0) lines.push(T.tables.brokenBuild(missed));
  return T.num(`${lines.join('\n')}\n`);
}

function row(T: Messages, f: ReproducedFigure, match: string, note: number): TableRow {
  const W = T.tables;
  // the figure's label and note are the pack's own words, kept as written; the numbers go into the language's format
  return {
    cells: [
      f.note ? `${f.label} (${f.note})` : f.label,
      W.figureClass(f.class),
      T.num(formatFigure(f.published)),
      f.reproduced === null ? W.notReproduced : T.num(formatFigure(f.reproduced)),
      f.reproduced === null ? '—' : T.num(gapText(f.reproduced - f.published, f.tolerance, f.within, T.lang)),
      T.num(`± ${plainDecimal(f.tolerance, 6)}${f.exact ? W.exact : ''}`),
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


/**
 * The tables of a pack's reproduction, each figure in the table of its class:
 * 1. published vs reproduced: the `reproduced` figures (these count) and the `informative` ones (gap
 *    shown, not gated), each with published and reproduced values, gap, tolerance, match and source;
 * 2. build checks: the `input` figures, values the pack was built or calibrated from, read back.
 * A table without rows is left out; no table when the pack publishes no figure.
 */
export function buildReproductionTables(results: Results, lang: Lang = 'en'): Table[] {
  const T = messagesFor(lang);
  const W = T.tables;
  const r = results.reproduction;
  if (!r || r.figures.length === 0) return [];
  const outputs = [...r.figures.filter((f) => f.class === 'reproduced'), ...r.figures.filter((f) => f.class === 'informative')];
  const inputs = r.figures.filter((f) => f.class === 'input');
  const tables: Table[] = [];
  if (outputs.length > 0) {
    const cite = footnotes(outputs);
    tables.push({
      caption: W.publishedCaption(r.pack, T.num(reproductionLine(r, lang))),
      header: W.reproductionHeader,
      numeric: [2, 3, 4, 5],
      rows: outputs.map((f) => row(T, f, f.class === 'reproduced' ? (f.within ? W.match.yes : W.match.no) : f.within ? W.match.within : W.match.outside, cite.at(f))),
      notes: cite.notes,
    });
  }
  if (inputs.length > 0) {
    const lead = outputs.length === 0 ? `${W.nothingReproduced}. ` : '';
    const cite = footnotes(inputs);
    tables.push({
      caption: W.buildCaption({ lead, pack: r.pack, within: r.inputs.within, total: r.inputs.total, broken: r.inputs.within < r.inputs.total }),
      header: W.reproductionHeader,
      numeric: [2, 3, 4, 5],
      rows: inputs.map((f) => row(T, f, f.within ? W.match.readBack : W.match.broken, cite.at(f))),
      notes: cite.notes,
    });
  }
  return tables;
}
