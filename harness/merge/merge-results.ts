import { createHash } from 'node:crypto';
import { resolveMetricId } from '../metrics/index.js';
import type { GroupResult, Manifest, OverallResult, Results, SuppressedCell, Warning } from '../results/index.js';
import type { Correction } from '../stats/index.js';
import { checkMergeable } from './check-mergeable.js';
import { computeAttributeFindings, type AttributeFindings } from '../findings/index.js';
import { computeVerdicts } from '../findings/index.js';
import { buildManifest, computeWorstGroups } from '../findings/index.js';
import { mergeCounterfactual } from './merge-counterfactual.js';
import { mergeGroupCounts } from './merge-group-counts.js';
import { mergeScoreHistograms } from './merge-score-histograms.js';
import { recoverChecks } from './recover-checks.js';
import type { ResolvedReference } from '../findings/index.js';

/** One part's results: the file it came from (for messages and the manifest) and its sha256. */
export interface MergeInput {
  readonly file: string;
  readonly results: Results;
  /** sha256 of the file, "sha256:<hex>"; default: of the results serialised as results.json is written. */
  readonly hash?: string | undefined;
}

/** Provenance supplied by the caller (the CLI owns the clock and the platform), as for run and audit. */
export interface MergeContext {
  readonly command: string;
  readonly toolVersion: string;
  readonly started: string;
  readonly platform: string;
  readonly now: () => string;
}

/** Warnings a merge recomputes from the merged groups rather than carrying over from the inputs. */
const RECOMPUTED = new Set(['small-cell', 'suppressed-cells', 'undefined-metric', 'undefined-interval', 'no-checks', 'check-compared-nothing']);

/** Why a registry metric cannot be recomputed from results.json. */
const NOT_IN_COUNTS: Readonly<Record<string, string>> = {
  ks_distance: 'it compares the fine-binned score distributions of a group and its reference',
  wasserstein_distance: 'it compares the fine-binned score distributions of a group and its reference',
  auc: 'it needs the fine-binned scores of the labelled rows',
  auc_difference: 'it needs the fine-binned scores of the labelled rows',
  observed_expected_ratio: 'it needs the fine-binned scores of the labelled rows',
  top_decile_overrepresentation: 'it needs the 10 % cut of all the merged scores, which no part knows',
};

const SECTIONS: readonly { key: keyof Results; why: string }[] = [
  { key: 'selection_curves', why: 'each point selects the top fraction of all the merged scores, which no part knows' },
  { key: 'proxies', why: 'proxy strength is estimated from the rows of model inputs and protected attributes' },
  { key: 'selective_labels', why: 'its population estimates and intervals need the random-audit and flagged counts of every part against one population size' },
  { key: 'reproduction', why: 'published-vs-reproduced figures belong to one reproduction' },
];

const dropped = (what: string, why: string): Warning => ({ code: 'merge-dropped', message: `${what}: dropped from the merged results: ${why}` });

function hashOf(results: Results): string {
  return `sha256:${createHash('sha256').update(`${JSON.stringify(results, null, 2)}\n`).digest('hex')}`;
}

/** The value every input shares, or undefined when they differ. */
function shared<T>(inputs: readonly MergeInput[], get: (m: Manifest) => T): T | undefined {
  const values = inputs.map((i) => get(i.results.manifest));
  const first = JSON.stringify(values[0]);
  return values.every((v) => JSON.stringify(v) === first) ? values[0] : undefined;
}

function distinct(inputs: readonly MergeInput[], get: (m: Manifest) => string): string {
  return [...new Set(inputs.map((i) => get(i.results.manifest)))].join('; ');
}

/** Reference groups named in any input (battery or --reference); checkMergeable has made sure they agree. */
function namedReferences(inputs: readonly MergeInput[]): Map<string, { group: string; origin: 'battery' | 'cli'; where: string }> {
  const named = new Map<string, { group: string; origin: 'battery' | 'cli'; where: string }>();
  for (const input of inputs) {
    for (const [attribute, ref] of Object.entries(input.results.manifest.references)) {
      if (ref.origin !== 'default' && !named.has(attribute)) named.set(attribute, { group: ref.group, origin: ref.origin, where: `${input.file}: manifest.references.${attribute}` });
    }
  }
  return named;
}

/** The inputs' own warnings that a merge does not recompute, once each: unprefixed when every input has it, else prefixed with the files that do. */
function carriedWarnings(inputs: readonly MergeInput[]): Warning[] {
  const byText = new Map<string, { warning: Warning; files: string[] }>();
  for (const input of inputs) {
    for (const w of input.results.warnings) {
      if (RECOMPUTED.has(w.code)) continue;
      const key = `${w.code}\u0000${w.message}`;
      const entry = byText.get(key) ?? { warning: w, files: [] };
      if (!entry.files.includes(input.file)) entry.files.push(input.file);
      byText.set(key, entry);
    }
  }
  return [...byText.values()].map(({ warning, files }) => (files.length === inputs.length ? warning : { code: warning.code, message: `${files.join(', ')}: ${warning.message}` }));
}

/** Every metric id, section and field of the inputs that the merged results leave out, each named once. */
function droppedWarnings(inputs: readonly MergeInput[], groups: readonly GroupResult[]): Warning[] {
  const kept = new Set(groups.flatMap((g) => Object.keys(g.metrics)));
  const ids = [...new Set(inputs.flatMap((i) => i.results.groups.flatMap((g) => Object.keys(g.metrics))))];
  const out = ids
    .filter((id) => !kept.has(id))
    .map((id) => dropped(id, `${NOT_IN_COUNTS[id] ?? (resolveMetricId(id) ? 'it is not a function of the counts results.json carries' : 'not a metric of this version of disparate')}; rerun on the whole population for it`));
  const bootstrapped = inputs.some((i) => i.results.manifest.bootstrap || i.results.groups.some((g) => Object.values(g.metrics).some((m) => m.bootstrap_ci !== undefined)));
  if (bootstrapped) out.push(dropped('bootstrap_ci', 'each bootstrap resampled one part\'s cells; the analytic intervals are recomputed from the merged counts'));
  for (const { key, why } of SECTIONS) if (inputs.some((i) => i.results[key] !== undefined)) out.push(dropped(key, why));
  return out;
}

/**
 * Merges the results of disjoint parts of one population (each municipality's recorded decisions, or
 * a population scored in parts on several machines) into the results of the whole, as if the parts
 * had been one run. results.json carries every group's sufficient statistics, so count-based
 * metrics merge exactly:
 *
 *   results[] ──► checkMergeable ──► mergeGroupCounts (Σ counts by attribute, group)
 *     ──► computeAttributeFindings (references, metrics, small and suppressed cells) ──► computeWorstGroups
 *     ──► recoverChecks ──► computeVerdicts (one family across the merged battery) ──► Results
 *   counterfactual[] ──► mergeCounterfactual (Σ pairs and flips; flip rates, Tango, McNemar)
 *
 * Explicit references are kept; default ones are the largest merged group. What cannot be
 * recomputed from results.json (score distances, AUC, calibration, top-decile share, selection
 * curves, proxies, selective labels, bootstrap intervals, twin quantiles and rank shifts) is left
 * out, each named once in a "merge-dropped" warning. Inputs that disagree on what must be shared,
 * or the same run twice, are refused (see {@link checkMergeable}).
 *
 * @example
 * const whole = mergeResults([{ file: 'north.json', results: north }, { file: 'south.json', results: south }], context);
 * whole.manifest.rows === north.manifest.rows + south.manifest.rows // true
 */
export function mergeResults(inputs: readonly MergeInput[], context: MergeContext): Results {
  checkMergeable(inputs);
  const { checks, foreign } = recoverChecks(inputs);
  const m = inputs[0]!.results.manifest;
  const all = inputs.map((i) => i.results);
  const opts = { alpha: m.alpha, minCell: m.min_cell, labels: all.some((r) => r.groups.some((g) => g.tp !== null)), references: namedReferences(inputs) };
  const groups: GroupResult[] = [];
  const suppressed: SuppressedCell[] = [];
  // No prototype: an attribute may be named "__proto__".
  const references = Object.create(null) as Record<string, ResolvedReference>;
  const warnings: Warning[] = [];
  const recompute = new Map<string, AttributeFindings['metricAt']>();
  let overall: OverallResult | null = null;
  for (const { attribute, intersection, stats } of mergeGroupCounts(all)) {
    const found = computeAttributeFindings(stats, intersection, opts);
    if (!intersection) overall ??= found.overall;
    references[attribute] = found.reference;
    recompute.set(attribute, found.metricAt);
    groups.push(...found.groups);
    suppressed.push(...found.suppressed);
    warnings.push(...found.warnings);
  }
  const { histograms, dropped: unbinned } = mergeScoreHistograms(all);
  const binned = groups.map((g) => {
    const h = histograms.get(`${g.attribute}\u0000${g.group}`);
    return h ? { ...g, score_histogram: h } : g;
  });
  const excluded = new Set(suppressed.map((s) => `${s.attribute}\u0000${s.group}`));
  const worstGroups = computeWorstGroups(binned.filter((g) => !excluded.has(`${g.attribute}\u0000${g.group}`)));
  const available = new Set(binned.flatMap((g) => Object.keys(g.metrics)));
  const verdicts = computeVerdicts(checks.filter((c) => available.has(c.metric)), binned, suppressed, m.correction as Correction, m.alpha, (attribute, group, id, z) => recompute.get(attribute)?.(group, id, z) ?? null);
  const twins = mergeCounterfactual(inputs, m.alpha, m.min_cell);
  const lostChecks = [...foreign, ...checks.filter((c) => !available.has(c.metric))].map((c) =>
    dropped(`check ${c.id} (${c.metric})`, resolveMetricId(c.metric) ? `its metric cannot be recomputed from the merged counts` : 'it judges a section that cannot be merged'),
  );
  // A threshold flags each row on its own score; a rank or capacity rule flagged the top of each part, not of the whole.
  // The rule's kind is read from the manifest's decision_rule, never from the sentence describing it.
  const kinds = new Set(all.map((r) => r.manifest.decision_rule));
  const rule = distinct(inputs, (x) => x.decision);
  const ranked = m.mode === 'run' && [...kinds].some((k) => k !== 'threshold')
    ? [{
        code: 'merge-ranked-decision',
        message: kinds.has(undefined)
          ? `decision rule "${rule}": its kind is not recorded (a results.json written before decision_rule was); if it ranks rows (top k, top fraction, capacities), each part applied it to its own rows, so the merged flags are the union of the parts' selections, not the rule applied to the whole population`
          : `decision rule "${rule}": each part applied it to its own rows, so the merged flags are the union of the parts' selections, not the rule applied to the whole population`,
      }]
    : [];
  const privacy = all.map((r) => r.manifest.privacy).reduce<Manifest['privacy']>((a, p) => (p && (!a || p.min_cell > a.min_cell) ? p : a), undefined);
  const unit = shared(inputs, (x) => x.unit);
  const manifest = buildManifest({
    context,
    mode: m.mode,
    title: `Merged: ${[...new Set(all.map((r) => r.manifest.title))].join(' + ')}`,
    // words for the reports only: kept when every part says the same
    words: {
      ...(unit ? { unit } : {}),
      ...(shared(inputs, (x) => x.description) !== undefined ? { description: shared(inputs, (x) => x.description)! } : {}),
      ...(shared(inputs, (x) => JSON.stringify(x.display_labels ?? null)) !== undefined && m.display_labels ? { display_labels: m.display_labels } : {}),
    },
    batteryFile: shared(inputs, (x) => x.battery_file) ?? null,
    batteryHash: shared(inputs, (x) => x.battery_hash) ?? null,
    model: m.model,
    population: shared(inputs, (x) => x.population) ?? null,
    data: shared(inputs, (x) => x.data) ?? null,
    decision: distinct(inputs, (x) => x.decision),
    decisionRule: kinds.size === 1 ? [...kinds][0] : undefined,
    seed: shared(inputs, (x) => x.seed) ?? null,
    rng: shared(inputs, (x) => x.rng) ?? null,
    rows: all.reduce((sum, r) => sum + r.manifest.rows, 0),
    protected: m.protected,
    references,
    alpha: m.alpha,
    correction: m.correction,
    minCell: m.min_cell,
    declared: { checks: m.checks, intersections: m.intersections, inconclusive: m.inconclusive },
    labels: distinct(inputs, (x) => x.labels),
    privacy,
    mergedFrom: inputs.map((i) => ({ file: i.file, hash: i.hash ?? hashOf(i.results), rows: i.results.manifest.rows })),
  });
  return {
    schemaVersion: 1,
    manifest,
    groups: binned,
    ...(overall ? { overall } : {}),
    counterfactual: twins.counterfactual,
    checks: verdicts.checks,
    summary: verdicts.summary,
    warnings: [
      ...ranked,
      ...warnings,
      ...verdicts.warnings,
      ...carriedWarnings(inputs),
      ...droppedWarnings(inputs, binned),
      ...(unbinned ? [dropped('score_histogram', unbinned)] : []),
      ...lostChecks,
      ...twins.warnings,
    ],
    suppressed,
    worst_groups: worstGroups,
  };
}
