import { join } from 'node:path';
import { packageRoot } from '../../../harness/config/index.js';
import { minimizeBoxQuadratic } from '../../../harness/stats/index.js';
import { loadModel } from '../../../models/adapters/index.js';
import { asResolved, loadPopulationSpec, samplePopulation } from '../../synth/index.js';
import type { CategoricalColumn, Table } from '../../table/index.js';
import { CATEGORY_COUNTS_2014, CATEGORY_MIN, RECIPIENTS_2014 } from './published.js';

/**
 * The calibration of R3's inputs in `population.yaml`, as a procedure anyone can rerun.
 *
 * R3 (age discrepancy) is part of DUO's published score, but how many students had a discrepancy is
 * not published. The variable `r3_discrepancy` carries one unknown prevalence per parent cell
 * (origin × age band × whether the distance is known). Because the CBS table is reproduced exactly at
 * its full size, each risk category's expected share per CBS column is a linear function of those
 * prevalences: a cell contributes its rows' category without a discrepancy, plus the prevalence times
 * the change a discrepancy makes. The prevalences are the bounded least-squares fit (each in [0, 1]) of
 * those 30 shares (6 categories × all, Dutch, other European, non-European, born-in-NL non-European) to
 * CBS's published category counts.
 *
 * The fit is not identified (30 shares, only 20 of them independent; the 24 free prevalences span 16
 * directions of the shares), so two tiny penalties break the tie among fits of (almost) equal error:
 * towards the same prevalence for every origin within an age band and distance-known cell, and, far
 * weaker, towards no discrepancy. They are tie-breakers, not a prior strong enough to pull origins
 * together against the least-squares fit.
 * Cells where a discrepancy changes no score (R3 gives points from age 21) stay at 0.
 *
 * Scores come from the model file itself (no second copy of its tables) on the pack's population with
 * do(r3_discrepancy = no) and do(= yes): the spec's own derivation of R3's inputs is used. No seed
 * enters: an exactly allocated table at full size has the same cells whatever the seed.
 */

/** Weight of the penalty on differences between origins, relative to squared share residuals. */
export const ORIGIN_PENALTY = 1e-6;
/** Weight of the penalty towards no discrepancy (only settles directions nothing else pins). */
export const LEVEL_PENALTY = 1e-9;
/** Decimals the prevalences are written with in population.yaml. */
export const DECIMALS = 4;

export interface R3Target {
  readonly column: string;
  readonly category: number;
  readonly published: number;
  /** Expected share under the rounded prevalences (exact arithmetic on the full table). */
  readonly fitted: number;
}

export interface R3Calibration {
  /** Parent cell key (the table key of `r3_discrepancy`) → probability of a discrepancy, rounded. */
  readonly prevalence: ReadonlyMap<string, number>;
  readonly targets: readonly R3Target[];
  readonly maxResidual: number;
  /** Σ (fitted − published)² over the 30 shares. */
  readonly sumSquares: number;
  /** Σ over age band × distance-known cells of Σ (prevalence − the cell's mean over origins)². */
  readonly originSpread: number;
  readonly iterations: number;
}

const COLUMNS = ['all', 'nl', 'europe', 'non_europe', 'born_nl_non_europe'] as const;

function column(table: Table, name: string): CategoricalColumn {
  const c = table.columns.get(name);
  if (!c || c.kind !== 'categorical') throw new Error(`calibrate-r3: population has no categorical column "${name}"`);
  return c;
}

/** Risk category (1 … 6) of a score, as the pack's threshold runs count it (score ≥ lowest score). */
function categoryOf(score: number): number {
  const i = CATEGORY_MIN.findIndex((min) => score >= min);
  return i < 0 ? 6 : i + 1;
}

/** Which CBS columns a row belongs to, from its origin (the spec's four-level `origin`). */
function columnsOf(origin: string): readonly number[] {
  const out = [0];
  if (origin === 'nl') out.push(1);
  else if (origin === 'europe') out.push(2);
  else out.push(3);
  if (origin === 'non_europe_born_nl') out.push(4);
  return out;
}

export interface R3Options {
  /** Upper bound of every prevalence (default 1; 0 gives the residuals with no discrepancy at all). */
  readonly maxPrevalence?: number;
  /** Weight of the origin penalty (default ORIGIN_PENALTY); larger values trade fit for equal origins. */
  readonly originPenalty?: number;
}

/**
 * Fits R3's prevalences for the pack in `dir` (its population.yaml, scored by
 * models/zoo/duo/model.json) to the 2014 CBS category counts.
 */
export function calibrateR3(dir: string, options: R3Options = {}): R3Calibration {
  const spec = loadPopulationSpec(join(dir, 'population.yaml'));
  const node = spec.variables.r3_discrepancy;
  if (!node || node.type !== 'categorical' || !node.parents) throw new Error('calibrate-r3: population.yaml has no r3_discrepancy table');
  const parents = node.parents;
  const resolved = asResolved(spec);
  // the full table: the exactly allocated joint node's total count
  const n = resolved.order.reduce((size, x) => (x.kind === 'joint' ? x.total : size), 0);
  const model = loadModel(join(packageRoot(), 'models/zoo/duo/model.json'));
  const without = samplePopulation(resolved, { seed: 0, n, do: { r3_discrepancy: 'no' } });
  const withR3 = samplePopulation(resolved, { seed: 0, n, do: { r3_discrepancy: 'yes' } });
  const scoreWithout = model.bind(without)(0, n);
  const scoreWith = model.bind(withR3)(0, n);

  const keys = Object.keys(node.table!);
  const keyIndex = new Map(keys.map((k, j) => [k, j]));
  const parentColumns = parents.map((p) => column(without, p));
  const origin = column(without, 'origin');
  const p = keys.length;
  const m = COLUMNS.length * 6;
  // base[t]: rows in target t's category without any discrepancy; shift[t·p + j]: change if cell j has one
  const base = new Float64Array(m);
  const shift = new Float64Array(m * p);
  const size = new Float64Array(COLUMNS.length);
  for (let i = 0; i < n; i++) {
    const key = parentColumns.map((c) => c.levels[c.codes[i]!]).join('|');
    const j = keyIndex.get(key)!;
    const before = categoryOf(scoreWithout[i]!);
    const after = categoryOf(scoreWith[i]!);
    for (const col of columnsOf(origin.levels[origin.codes[i]!]!)) {
      size[col] = size[col]! + 1;
      base[col * 6 + before - 1] = base[col * 6 + before - 1]! + 1;
      if (after !== before) {
        shift[(col * 6 + after - 1) * p + j] = shift[(col * 6 + after - 1) * p + j]! + 1;
        shift[(col * 6 + before - 1) * p + j] = shift[(col * 6 + before - 1) * p + j]! - 1;
      }
    }
  }
  const published = new Float64Array(m);
  COLUMNS.forEach((col, c) => {
    const total = RECIPIENTS_2014[col];
    for (let k = 0; k < 6; k++) {
      published[c * 6 + k] = CATEGORY_COUNTS_2014[col]![k]! / total;
      base[c * 6 + k] = base[c * 6 + k]! / size[c]!;
      for (let j = 0; j < p; j++) shift[(c * 6 + k) * p + j] = shift[(c * 6 + k) * p + j]! / size[c]!;
    }
  });

  // normal equations of ‖base + shift·x − published‖² + penalties
  const h = new Float64Array(p * p);
  const g = new Float64Array(p);
  for (let t = 0; t < m; t++) {
    const r = published[t]! - base[t]!;
    for (let a = 0; a < p; a++) {
      const sa = shift[t * p + a]!;
      if (sa === 0) continue;
      g[a] = g[a]! + sa * r;
      for (let b = 0; b < p; b++) h[a * p + b] = h[a * p + b]! + sa * shift[t * p + b]!;
    }
  }
  // origin penalty: Σ over cells sharing every parent but the first of (x_a − mean)²
  const rest = (k: string) => k.split('|').slice(1).join('|');
  const groups = new Map<string, number[]>();
  keys.forEach((k, j) => groups.set(rest(k), [...(groups.get(rest(k)) ?? []), j]));
  const originPenalty = options.originPenalty ?? ORIGIN_PENALTY;
  for (const members of groups.values()) {
    const q = members.length;
    for (const a of members) for (const b of members) h[a * p + b] = h[a * p + b]! + originPenalty * ((a === b ? 1 : 0) - 1 / q);
  }
  const inert: boolean[] = [];
  for (let j = 0; j < p; j++) {
    h[j * p + j] = h[j * p + j]! + LEVEL_PENALTY;
    let moves = false;
    for (let t = 0; t < m && !moves; t++) moves = shift[t * p + j] !== 0;
    inert.push(!moves);
  }
  const upper = inert.map((x) => (x ? 0 : options.maxPrevalence ?? 1));
  const fit = minimizeBoxQuadratic(h, g, new Float64Array(p), upper);
  if (!fit.converged) throw new Error('calibrate-r3: the bounded least-squares fit did not converge');

  const scale = 10 ** DECIMALS;
  const rounded = Array.from(fit.x, (x) => Math.round(x * scale) / scale);
  const targets: R3Target[] = [];
  let maxResidual = 0;
  let sumSquares = 0;
  COLUMNS.forEach((col, c) => {
    for (let k = 0; k < 6; k++) {
      const t = c * 6 + k;
      let fitted = base[t]!;
      for (let j = 0; j < p; j++) fitted += shift[t * p + j]! * rounded[j]!;
      targets.push({ column: col, category: k + 1, published: published[t]!, fitted });
      maxResidual = Math.max(maxResidual, Math.abs(fitted - published[t]!));
      sumSquares += (fitted - published[t]!) ** 2;
    }
  });
  let originSpread = 0;
  for (const members of groups.values()) {
    const mean = members.reduce((sum, j) => sum + rounded[j]!, 0) / members.length;
    for (const j of members) originSpread += (rounded[j]! - mean) ** 2;
  }
  return { prevalence: new Map(keys.map((k, j) => [k, rounded[j]!])), targets, maxResidual, sumSquares, originSpread, iterations: fit.iterations };
}

/** The `table:` lines of r3_discrepancy as population.yaml writes them (levels no, yes). */
export function formatR3Table(prevalence: ReadonlyMap<string, number>, indent = '      '): string {
  const scale = 10 ** DECIMALS;
  const lines: string[] = [];
  for (const [key, yes] of prevalence) {
    const no = Math.round((1 - yes) * scale) / scale;
    lines.push(`${indent}"${key}": [${no}, ${yes}]`);
  }
  return lines.join('\n');
}
