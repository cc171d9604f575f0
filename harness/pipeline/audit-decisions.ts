import { combinationIndex, type CellCounts, type SweepTickets } from '../accumulate/index.js';
import type { Check } from '../config/index.js';
import { readDecisions, type DecisionColumns, type Decisions } from '../../datasets/io/index.js';
import { categorical, mapInto, type CategoricalColumn } from '../../datasets/table/index.js';
import { DisparateError } from '../errors/index.js';
import { rowContentTickets } from '../../models/decision/index.js';
import { buildSelectiveLabels, computeSelectiveLabels, REST_REFERENCE, type SelectiveSettings } from '../metrics/index.js';
import type { CheckResult, Manifest, Results, SelectiveLabels, SelectiveLabelsGroup, Warning } from '../results/index.js';
import { zCritical, type Correction } from '../stats/index.js';
import { DEFAULT_BOUNDS, judgeFamily, rescaledInterval, type CheckCandidate } from '../verdict/index.js';
import { analyseCells, analysisSections, buildManifest, type Analysis } from '../findings/index.js';
import { buildCells, sweepFractions } from '../findings/index.js';
import type { CellExtras, IntersectionSetting } from '../findings/index.js';
import { collectSelectiveCounts } from '../findings/index.js';
import { sortedLevels } from './sorted-levels.js';
import { declaredManifest } from '../findings/index.js';

export interface AuditOptions extends DecisionColumns {
  readonly file: string;
  readonly references: ReadonlyMap<string, { group: string; origin: 'battery' | 'cli'; where: string }>;
  readonly alpha: number;
  readonly correction: Correction;
  readonly minCell: number;
  readonly checks: readonly Check[];
  readonly title: string;
  /** The question the audit answers and attribute/level names in words (battery description and labels). */
  readonly display?: Pick<Manifest, 'description' | 'display_labels'> | undefined;
  /** What one row is, plural ("households"); the report says "people" when absent. */
  readonly unit?: string | undefined;
  readonly battery: { file: string; hash: string } | null;
  /** Provenance supplied by the caller (the CLI owns the clock and the platform). */
  readonly context: { command: string; toolVersion: string; started: string; platform: string; now: () => string };
  /** Size of the applicant population the samples come from (selective labels). */
  readonly populationSize?: number | undefined;
  /** Multinomial bootstrap of the cell counts (bootstrap_ci beside each analytic interval). */
  readonly bootstrap?: { readonly replicates: number; readonly seed: number } | undefined;
  readonly intersections?: IntersectionSetting | undefined;
  /** Exit status the battery gives inconclusive checks (recorded for `merge`); default fail. */
  readonly inconclusive?: 'pass' | 'fail' | undefined;
  /** Threshold sweep over the recorded scores (battery `sweep`); default true. */
  readonly sweep?: boolean | readonly number[] | undefined;
}

/** Seed of the tie-break lot of an audit's selection curves (tickets from row contents). */
export const AUDIT_TIE_SEED = 0;

/** One table of cell counts per part: all protected attributes (wide) or one attribute (long format). */
interface Part {
  readonly cells: CellCounts;
  readonly extras: CellExtras;
  /** Per attribute of the part: its name, sorted column, and the rows belonging to the part. */
  readonly attributes: { name: string; column: CategoricalColumn }[];
  readonly rows: Int32Array | null;
}

function buildParts(d: Decisions, opts: AuditOptions, drawn: SweepTickets | null): Part[] {
  const batch = (codes: Int32Array[], rows: Int32Array | null, radices: readonly number[]) => {
    const bytes = (a: Uint8Array | null) => (a && rows ? mapInto(new Uint8Array(rows.length), rows, (i) => a[i]!) : a);
    const doubles = (a: Float64Array | null) => (a && rows ? mapInto(new Float64Array(rows.length), rows, (i) => a[i]!) : a);
    const n = rows ? rows.length : d.table.n;
    const local = rows ? codes.map((c) => mapInto(new Int32Array(rows.length), rows, (i) => c[i]!)) : codes;
    return {
      n,
      combinations: combinationIndex(local, radices, n),
      flagged: bytes(d.flagged)!,
      labels: bytes(d.labels),
      scores: doubles(d.scores),
      weights: doubles(d.weights),
    };
  };
  const fractions = sweepFractions(opts.sweep);
  // The selection curves break ties at each cut as the decision rules do, by a lot keyed on the row's
  // contents (a decisions file's row order is arbitrary); an audit has no master seed, so seed 0.
  const tickets = drawn ?? rowContentTickets(d.table, AUDIT_TIE_SEED);
  const ticketsOf = (rows: Int32Array | null) =>
    rows ? (local: Int32Array, out: Float64Array) => tickets(mapInto(new Int32Array(local.length), local, (j) => rows[j]!), out) : tickets;
  const extras = (sweep: CellExtras['sweep']): CellExtras => ({ sweep, curves: fractions.length > 0 });
  if (!d.long) {
    const attributes = opts.protected.map((name) => ({ name, column: sortedLevels(d.table.columns.get(name) as CategoricalColumn) }));
    const radices = attributes.map((a) => a.column.levels.length);
    const built = buildCells(attributes.map((a) => ({ name: a.name, levels: a.column.levels })), batch(attributes.map((a) => a.column.codes), null, radices), fractions, ticketsOf(null));
    return [{ cells: built.cells, extras: extras(built.sweep), attributes, rows: null }];
  }
  const { attributes, attributeOf, groupColumn } = d.long;
  const groupCol = d.table.columns.get(groupColumn) as CategoricalColumn;
  return attributes.map((name, a) => {
    let count = 0;
    for (let i = 0; i < attributeOf.length; i++) if (attributeOf[i] === a) count++;
    const rows = new Int32Array(count);
    for (let i = 0, k = 0; i < attributeOf.length; i++) if (attributeOf[i] === a) rows[k++] = i;
    // Levels of this attribute only: re-encode the group column over its rows.
    const seen = new Uint8Array(groupCol.levels.length);
    for (const i of rows) if (groupCol.codes[i]! >= 0) seen[groupCol.codes[i]!] = 1;
    const present = groupCol.levels.filter((_, code) => seen[code] === 1);
    const byCode = groupCol.levels.map((level) => present.indexOf(level));
    const local = mapInto(new Int32Array(groupCol.codes.length), groupCol.codes, (c) => (c < 0 ? -1 : byCode[c]!));
    const column = sortedLevels(categorical(present, local));
    const built = buildCells([{ name, levels: column.levels }], batch([column.codes], rows, [column.levels.length]), fractions, ticketsOf(rows));
    return { cells: built.cells, extras: extras(built.sweep), attributes: [{ name, column }], rows };
  });
}

/** Checks of the selective-labels figures: statistical parity and equal burden against the four-fifths bounds. */
function selectiveChecks(groups: readonly SelectiveLabelsGroup[], level: number): CheckCandidate[] {
  const { bounds, source } = DEFAULT_BOUNDS.ratio;
  return groups.flatMap((g) =>
    (
      [
        ['statistical-parity', 'statistical_parity', g.statistical_parity],
        ['equal-burden', 'equal_burden', g.equal_burden],
      ] as const
    ).map(([id, metric, e]): CheckCandidate => ({
      // A design-based Wald interval on the log scale (selective-labels.ts): carried to the family level
      // exactly by rescaling its half-width, so the method keeps its name.
      intervalAt: rescaledInterval(e.ci, level, 'ratio'),
      parity: 1,
      row: {
        id,
        metric,
        attribute: g.attribute,
        group: g.group,
        reference: null,
        value: e.value,
        ci: e.ci,
        level,
        method: e.method,
        bounds: [bounds[0], bounds[1]],
        bounds_origin: 'default',
        source,
        verdict: 'inconclusive',
        p_value: null,
        adjusted_p_value: null,
        correction: 'none',
        small_cell: false,
      },
    })),
  );
}

function selectiveLabels(d: Decisions, parts: readonly Part[], analysis: Analysis, opts: AuditOptions): { section: SelectiveLabels; checks: CheckCandidate[]; warnings: Warning[] } {
  if (!d.fromSource) throw new Error('selective labels without a label source');
  if (!d.labels) throw new DisparateError('usage', '--label-source needs --label: the errors found in each sample');
  if (!opts.populationSize || !(opts.populationSize > 0)) throw new DisparateError('usage', '--label-source needs --population-size N: the number of applicants the samples come from');
  const settings: SelectiveSettings = {
    populationSize: opts.populationSize,
    level: 1 - opts.alpha,
    z: zCritical(opts.alpha),
    labelSource: opts.labelSource!,
    weighting: d.selectionProbability ? `inverse-probability weights 1/π from column "${opts.selectionProbability}" on model-selected rows` : 'none',
  };
  const groups: SelectiveLabelsGroup[] = [];
  const warnings: Warning[] = [];
  let randomN = 0;
  let modelN = 0;
  for (const part of parts) {
    for (const a of part.attributes) {
      if (analysis.references[a.name]!.group === REST_REFERENCE) {
        // Lighthouse's population estimates compare a group with one reference group (its published method); a complement per group is not part of it
        throw new DisparateError('usage', `--reference ${a.name}=overall: the selective-labels analysis (--label-source) compares each group with one reference group; name a level of "${a.name}"`);
      }
      const collected = collectSelectiveCounts({
        attribute: a.name,
        levels: a.column.levels,
        reference: analysis.references[a.name]!.group,
        codes: a.column.codes,
        rows: part.rows ?? Int32Array.from({ length: d.table.n }, (_, i) => i),
        flagged: d.flagged,
        labels: d.labels,
        weights: d.weights,
        fromSource: d.fromSource,
        selectionProbability: d.selectionProbability,
      });
      const result = computeSelectiveLabels(collected.counts, settings);
      groups.push(...result.groups);
      warnings.push(...collected.warnings, ...result.warnings);
      randomN = collected.randomN;
      modelN = collected.modelN;
    }
  }
  const checks = [...new Set(groups.map((g) => g.attribute))].flatMap((attr) =>
    selectiveChecks(groups.filter((g) => g.attribute === attr), 1 - opts.alpha),
  );
  warnings.push({
    code: 'selective-labels',
    message: 'labels come from investigated cases only: the group metrics describe the investigated cases (random audits and flagged cases together), not the population; population figures (inferred confusion matrices) are in selective_labels',
  });
  return { section: buildSelectiveLabels(groups, settings, randomN, modelN), checks, warnings };
}

/**
 * The audit pipeline: recorded decisions → cell counts → metrics and verdicts.
 *
 *   decisions file ──► readDecisions ──► accumulateRows ──► analyseCells ──► Results
 *                                    └─► (label source) collectSelectiveCounts ──► computeSelectiveLabels
 *
 * A long-format file (one attribute per row, e.g. published marginal counts) gives one table of
 * cells per attribute; no intersections can be formed from it. `joined`: the decisions already read
 * by the shards of a sharded run (run --shard) and joined by row index, with their rows' tie-break
 * tickets; the file is then not read again.
 */
export function auditDecisions(opts: AuditOptions, joined?: { decisions: Decisions; tickets: SweepTickets | null }): Results {
  const decisions = joined?.decisions ?? readDecisions(opts.file, opts);
  const parts = buildParts(decisions, opts, joined?.tickets ?? null);
  const labels = decisions.labels !== null && decisions.labels.some((l) => l !== 255);
  const analysis = analyseCells(
    parts.map((p) => p.cells),
    { ...opts, labels, dataWhere: opts.file, intersections: decisions.long ? 'none' : opts.intersections },
    parts.map((p) => p.extras),
  );
  let checks = analysis.checks;
  let summary = analysis.summary;
  const warnings = [...analysis.warnings];
  let section: SelectiveLabels | undefined;
  if (decisions.fromSource) {
    const s = selectiveLabels(decisions, parts, analysis, opts);
    section = s.section;
    warnings.push(...s.warnings);
    ({ checks, summary } = judgeFamily([...analysis.candidates, ...s.checks], opts.correction, opts.alpha));
    if (s.checks.length > 0) {
      const i = warnings.findIndex((w) => w.code === 'no-checks');
      if (i >= 0) warnings.splice(i, 1);
    }
  }
  const protectedNames = decisions.long ? [...decisions.long.attributes] : [...opts.protected];
  const weighted = decisions.weights ? `; rows weighted by the counts in column "${opts.count}"` : '';
  const manifest = buildManifest({
    context: opts.context,
    mode: 'audit',
    title: opts.title,
    words: { ...(opts.unit ? { unit: opts.unit } : {}), ...opts.display },
    batteryFile: opts.battery?.file ?? null,
    batteryHash: opts.battery?.hash ?? null,
    model: null,
    population: null,
    data: { file: opts.file, hash: decisions.hash },
    decision: `recorded decisions: ${opts.flag.includes('=') ? `rows with ${opts.flag}` : `column "${opts.flag}" = 1`} are flagged${weighted}`,
    decisionRule: 'recorded',
    seed: null,
    rng: null,
    rows: countRows(decisions),
    protected: protectedNames,
    references: analysis.references,
    alpha: opts.alpha,
    correction: opts.correction,
    minCell: opts.minCell,
    declared: declaredManifest(opts.checks, decisions.long ? 'none' : opts.intersections, opts.inconclusive ?? 'fail'),
    labels: opts.label
      ? decisions.fromSource
        ? `recorded labels in column "${opts.label}"; rows with ${opts.labelSource} are a random-audit sample, the other flagged rows were selected by the model (selective labels: see selective_labels)`
        : `recorded labels in column "${opts.label}" (${labels ? 'label-based metrics use only rows with a label' : 'no row has a label'}); provenance of the labels not declared: if they come only from model-selected investigations, error rates are biased`
      : 'none: only selection metrics',
    bootstrap: opts.bootstrap,
  });
  return {
    schemaVersion: 1,
    manifest,
    groups: analysis.groups,
    counterfactual: [],
    checks,
    summary,
    warnings,
    ...analysisSections(analysis),
    ...(section ? { selective_labels: section } : {}),
  };
}

/**
 * Rows the audit stands for: the file's rows, or the sum of their weights (aggregated counts). A
 * long-format file lists every case once per attribute, so only rows of the audited attributes
 * count, divided by how many attributes that is.
 */
function countRows(d: Decisions): number {
  if (!d.weights) return d.table.n;
  if (!d.long) return Math.round(d.weights.reduce((a, b) => a + b, 0));
  let total = 0;
  d.long.attributeOf.forEach((a, i) => {
    if (a >= 0) total += d.weights![i]!;
  });
  return Math.round(total / d.long.attributes.length);
}
