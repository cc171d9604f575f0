import { sweepFromHistogram, type CellCounts } from '../accumulate/index.js';
import type { Check } from '../config/index.js';
import { aggregateDecisions, type DecisionRoles, type SourceEncoding } from '../../datasets/sql/index.js';
import { DisparateError } from '../errors/index.js';
import { buildSelectiveLabels, computeSelectiveLabels, REST_REFERENCE, type SelectiveSettings } from '../metrics/index.js';
import type { Manifest, Results, SelectiveLabels, SelectiveLabelsGroup, Warning } from '../results/index.js';
import { loadDistributions, zCritical, type Correction } from '../stats/index.js';
import { DEFAULT_BOUNDS, judgeFamily, rescaledInterval, type CheckCandidate } from '../verdict/index.js';
import { aggregatedParts, parseCells, selectiveFromCells, type AggregatedDecisions, type AggregatedPart } from './aggregated-cells.js';
import { analyseCells, analysisSections, buildManifest, declaredManifest, sweepFractions, TOP_DECILE, type Analysis, type CellExtras, type IntersectionSetting } from '../findings/index.js';
import { readCells } from './read-cells.js';

export interface AuditOptions extends DecisionRoles {
  readonly file: string;
  /** How the file's bytes are decoded: strict UTF-8 (default) or latin1 (ISO-8859-1). */
  readonly encoding?: SourceEncoding | undefined;
  /** The file holds cells (the aggregation query's output, see datasets/sql/cells-query.ts), not rows. */
  readonly cells?: boolean | undefined;
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
  /** Work to do while the engine aggregates the file (a caller loading what it needs next). */
  readonly whileAggregating?: (() => Promise<unknown>) | undefined;
}

/** One table of cell counts per part: all protected attributes (wide) or one attribute (long format). */
interface Part {
  readonly cells: CellCounts;
  readonly extras: CellExtras;
  readonly aggregated: AggregatedPart;
}

/**
 * Cell counts, and the selection sweep from the score histograms (sweepFromHistogram: the rows are not
 * at hand, so ties within the bin holding a cut are shared in proportion), per part.
 */
function buildParts(agg: AggregatedDecisions, opts: AuditOptions): Part[] {
  const fractions = sweepFractions(opts.sweep);
  const grid = [...new Set([...fractions, TOP_DECILE])].sort((a, b) => a - b);
  return aggregatedParts(agg, agg.long ? opts.protected : []).map(({ part }) => ({
    cells: part.cells,
    aggregated: part,
    extras: { sweep: part.cells.histogram ? sweepFromHistogram(part.cells, grid) : null, curves: fractions.length > 0 },
  }));
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

function selectiveLabels(agg: AggregatedDecisions, parts: readonly Part[], analysis: Analysis, opts: AuditOptions): { section: SelectiveLabels; checks: CheckCandidate[]; warnings: Warning[] } {
  if (!agg.labelled) throw new DisparateError('usage', '--label-source needs --label: the errors found in each sample');
  if (!opts.populationSize || !(opts.populationSize > 0)) throw new DisparateError('usage', '--label-source needs --population-size N: the number of applicants the samples come from');
  const settings: SelectiveSettings = {
    populationSize: opts.populationSize,
    level: 1 - opts.alpha,
    z: zCritical(opts.alpha),
    labelSource: opts.labelSource!,
    weighting: agg.probability ? `inverse-probability weights 1/π from column "${opts.selectionProbability}" on model-selected rows` : 'none',
  };
  const groups: SelectiveLabelsGroup[] = [];
  const warnings: Warning[] = [];
  let randomN = 0;
  let modelN = 0;
  for (const part of parts) {
    part.cells.attributes.forEach((a, index) => {
      if (analysis.references[a.name]!.group === REST_REFERENCE) {
        // Lighthouse's population estimates compare a group with one reference group (its published method); a complement per group is not part of it
        throw new DisparateError('usage', `--reference ${a.name}=overall: the selective-labels analysis (--label-source) compares each group with one reference group; name a level of "${a.name}"`);
      }
      const collected = selectiveFromCells(agg, part.aggregated, index, analysis.references[a.name]!.group);
      const result = computeSelectiveLabels(collected.counts, settings);
      groups.push(...result.groups);
      warnings.push(...collected.warnings, ...result.warnings);
      randomN = collected.randomN;
      modelN = collected.modelN;
    });
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
 * The audit pipeline: recorded decisions → cells (in the engine) → metrics and verdicts.
 *
 *   decisions file ──► aggregation query (DuckDB in process) ──► cells ──► analyseCells ──► Results
 *   cells file (--cells: the query's output from another engine) ──┘          └─► selective labels
 *
 * Everything is computed from the cells, so auditing the cells an agency's engine returned gives the
 * same results as auditing the rows. A long-format file (one attribute per row, e.g. published
 * marginal counts) gives one table of cells per attribute; no intersections can be formed from it.
 */
export async function auditDecisions(opts: AuditOptions): Promise<Results> {
  if (opts.cells) {
    const { cells, columns, hash } = await readCells(opts.file);
    const layout = opts.protected.length > 0 && !opts.long ? { attributes: opts.protected, long: false } : undefined;
    return auditAggregated(parseCells(cells, columns, opts.file, layout), hash, opts);
  }
  // The engine aggregates on its own threads: meanwhile this thread loads what the analysis needs.
  const meanwhile = async () => {
    loadDistributions();
    await opts.whileAggregating?.();
  };
  const { cells, hash, spec } = await aggregateDecisions(opts.file, opts, opts.encoding ?? 'utf8', undefined, meanwhile);
  if ((cells.data[0]?.length ?? 0) === 0) throw new DisparateError('data', `${opts.file}: no rows to audit${spec.where ? ' (none passes --where)' : ''}`);
  return auditAggregated(parseCells(cells.data, cells.columns, opts.file, { attributes: spec.long ? [] : spec.attributes.map((a) => a.name), long: spec.long !== undefined, ipwFixedPoint: spec.ipwFixedPoint === true }), hash, opts);
}

/** The audit of cells (see auditDecisions); `hash` identifies the input in the manifest. */
export function auditAggregated(agg: AggregatedDecisions, hash: string, opts: AuditOptions): Results {
  const parts = buildParts(agg, opts);
  const labels = agg.labelled && agg.rows.some((r) => r.label !== null && !r.suppressed && r.n > 0);
  const analysis = analyseCells(
    parts.map((p) => p.cells),
    { ...opts, labels, dataWhere: opts.file, intersections: agg.long ? 'none' : opts.intersections },
    parts.map((p) => p.extras),
  );
  let checks = analysis.checks;
  let summary = analysis.summary;
  const warnings = [...analysis.warnings];
  let section: SelectiveLabels | undefined;
  const unknown = withheldGroups(parts);
  const extra: CheckCandidate[] = [];
  if (agg.sourced) {
    const s = selectiveLabels(agg, parts, analysis, opts);
    section = s.section;
    warnings.push(...s.warnings);
    extra.push(...s.checks);
    if (s.checks.length > 0) {
      const i = warnings.findIndex((w) => w.code === 'no-checks');
      if (i >= 0) warnings.splice(i, 1);
    }
  }
  let groups = analysis.groups;
  if (unknown.size > 0) {
    // A withheld count is unknown, not zero: every rate of a group it belongs to (and every comparison
    // with such a group as reference) is not available, and its checks are left out of the family.
    const affected = (attribute: string, group: string) => unknown.has(`${attribute}\u0000${group}`);
    const referenceOf = (attribute: string) => analysis.references[attribute]?.group;
    const blocked = (attribute: string, group: string, metric: string) =>
      affected(attribute, group) || (/_(ratio|difference)$/.test(metric) && referenceOf(attribute) !== undefined && affected(attribute, referenceOf(attribute)!));
    const reason = (attribute: string, group: string) =>
      `not available: ${affected(attribute, group) ? 'this group' : `the reference group ${referenceOf(attribute)}`} includes counts the publisher withheld (blank, "<k" or a declared marker), so its rates are unknown`;
    groups = groups.map((g) => ({
      ...g,
      metrics: Object.fromEntries(
        Object.entries(g.metrics).map(([id, m]) => [id, blocked(g.attribute, g.group, id) ? { ...m, value: null, ci: null, method: reason(g.attribute, g.group), ...(m.bootstrap_ci !== undefined ? { bootstrap_ci: null } : {}) } : m]),
      ),
    }));
    const kept = [...analysis.candidates, ...extra].filter((c) => !(c.row.group !== null && blocked(c.row.attribute, c.row.group, c.row.metric)));
    const left = [...analysis.candidates, ...extra].filter((c) => c.row.group !== null && blocked(c.row.attribute, c.row.group, c.row.metric));
    ({ checks, summary } = judgeFamily(kept, opts.correction, opts.alpha));
    checks = [...checks, ...left.map((c) => ({ ...c.row, value: null, ci: null, verdict: 'inconclusive' as const, p_value: null, adjusted_p_value: null, method: reason(c.row.attribute, c.row.group!) }))];
    if (left.length > 0) summary = { ...summary, inconclusive: summary.inconclusive + left.length, verdict: summary.verdict === 'fail' ? 'fail' : 'inconclusive' };
    warnings.push({ code: 'withheld-counts', message: `counts withheld by the publisher (blank, "<k" or a declared marker) leave these groups' rates unknown, shown as not available and their checks inconclusive: ${[...unknown].map((k) => k.replace('\u0000', ' = ')).join('; ')}` });
  } else if (extra.length > 0) {
    ({ checks, summary } = judgeFamily([...analysis.candidates, ...extra], opts.correction, opts.alpha));
  }
  const protectedNames = agg.long ? parts.map((p) => p.cells.attributes[0]!.name) : [...agg.attributes];
  const weighted = opts.count ? `; rows weighted by the counts in column "${opts.count}"` : '';
  const flagged = opts.cells ? `cells of the aggregation query in ${opts.file}: rows with flagged = 1` : opts.flag.includes('=') || !/^[\p{L}_][\p{L}\p{N}_ .-]*$/u.test(opts.flag) ? `rows with ${opts.flag}` : `column "${opts.flag}" = 1`;
  const manifest = buildManifest({
    context: opts.context,
    mode: 'audit',
    title: opts.title,
    words: { ...(opts.unit ? { unit: opts.unit } : {}), ...opts.display },
    batteryFile: opts.battery?.file ?? null,
    batteryHash: opts.battery?.hash ?? null,
    model: null,
    population: null,
    data: { file: opts.file, hash },
    decision: `recorded decisions: ${flagged} are flagged${opts.where ? ` (rows where ${opts.where})` : ''}${weighted}`,
    decisionRule: 'recorded',
    seed: null,
    rng: null,
    rows: countRows(agg),
    protected: protectedNames,
    references: analysis.references,
    alpha: opts.alpha,
    correction: opts.correction,
    minCell: opts.minCell,
    declared: declaredManifest(opts.checks, agg.long ? 'none' : opts.intersections, opts.inconclusive ?? 'fail'),
    labels: opts.label || opts.positives
      ? agg.sourced
        ? `recorded labels in column "${opts.label}"; rows with ${opts.labelSource} are a random-audit sample, the other flagged rows were selected by the model (selective labels: see selective_labels)`
        : `recorded labels ${opts.positives ? `from the positives in column "${opts.positives}"` : `in column "${opts.label}"`} (${labels ? 'label-based metrics use only rows with a label' : 'no row has a label'}); provenance of the labels not declared: if they come only from model-selected investigations, error rates are biased`
      : opts.cells && agg.labelled
        ? `recorded labels in the cells' column "label" (${labels ? 'label-based metrics use only cells with a label' : 'no cell has a label'}); provenance of the labels not declared: if they come only from model-selected investigations, error rates are biased`
        : 'none: only selection metrics',
    bootstrap: opts.bootstrap,
  });
  return {
    schemaVersion: 1,
    manifest,
    groups,
    counterfactual: [],
    checks,
    summary,
    warnings,
    ...analysisSections(analysis),
    ...(section ? { selective_labels: section } : {}),
  };
}

/**
 * Groups (attribute, level; intersections "a×b", "x×y") that contain a withheld count, as
 * "attribute\0group" keys: every group a withheld combination belongs to, for every subset of the
 * part's attributes (the intersections the analysis may form).
 */
function withheldGroups(parts: readonly Part[]): Set<string> {
  const out = new Set<string>();
  for (const part of parts) {
    const names = part.cells.attributes.map((a) => a.name);
    for (const { codes, combination } of part.aggregated.rows) {
      if (part.aggregated.withheld[combination]! === 0) continue;
      const levels = codes.map((c, a) => part.cells.attributes[a]!.levels[c]!);
      for (let mask = 1; mask < 1 << names.length; mask++) {
        const pick = names.map((_, a) => a).filter((a) => (mask >> a) & 1);
        out.add(`${pick.map((a) => names[a]).join('×')}\u0000${pick.map((a) => levels[a]).join('×')}`);
      }
    }
  }
  return out;
}

/**
 * Rows the audit stands for: the sum of the cells' counts. A long-format file lists every case once per
 * attribute, so it is divided by the number of attributes.
 */
function countRows(agg: AggregatedDecisions): number {
  let total = 0;
  for (const r of agg.rows) total += r.n;
  if (!agg.long) return total;
  const attributes = new Set(agg.rows.map((r) => r.keys[0])).size;
  return Math.round(total / Math.max(1, attributes));
}
