import { runPopulation, type DecidedRows, type ResolvedBattery, type RunOptions } from '../pipeline/index.js';
import { computeFlipFields } from '../counterfactual/index.js';
import { DisparateError } from '../errors/index.js';
import { isRestReference, resolveMetricId } from '../metrics/index.js';
import type { CheckResult, Comparison, Results } from '../results/index.js';
import { differenceChange, logRatioChange, type CheckChange } from './check-change.js';
import { judgeChanges } from './judge-changes.js';
import { accumulatePairedCells, pairedTable, type PairedCells, type PairedSubset } from './paired-cells.js';

/** Rates that are a share of flagged rows among rows fixed before any model decides: they pair. */
const PAIRED_RATES: Readonly<Record<string, { subset: PairedSubset; event: 0 | 1 }>> = {
  selection_rate: { subset: 'all', event: 1 },
  true_positive_rate: { subset: 'positive', event: 1 },
  false_positive_rate: { subset: 'negative', event: 1 },
  false_negative_rate: { subset: 'positive', event: 0 },
};

/**
 * The comparison pipeline of a battery with `models: { deployed, candidate }`:
 *
 *   ResolvedBattery ──► runPopulation(deployed) ─┐  same population, seed and decision rule:
 *                   └─► runPopulation(candidate) ┴─► the same rows, decided twice
 *        ──► accumulatePairedCells (combination × label × both decisions)
 *        ──► per group: selection-rate change (Tango) and exact McNemar test
 *        ──► per check row: change and sum of the disparity (check-change) ──► judgeChanges ──► Results
 *
 * The Results are the candidate's run (its groups, checks, verdicts, proxies and twins) with
 * `manifest.mode` "compare" and a `comparison` section, where the deployed model's run is summarised.
 */
export async function compareModels(resolved: ResolvedBattery, opts: RunOptions): Promise<Results> {
  const models = resolved.models;
  if (!models) throw new DisparateError('config', `${resolved.file}: models: required by disparate compare: { deployed: <model file>, candidate: <model file> }`);
  const { battery } = resolved;
  let deployedRows: DecidedRows | null = null;
  let candidateRows: DecidedRows | null = null;
  // Only the deployed model's checks and decisions are used: its proxies and twins are not computed.
  const deployedBattery = { ...battery, proxies: false, counterfactual: [] };
  const deployed = await runPopulation({ ...resolved, battery: deployedBattery, modelFile: models.deployed, models: null }, { ...opts, onDecided: (rows) => (deployedRows = rows) });
  const candidate = await runPopulation({ ...resolved, modelFile: models.candidate, models: null }, { ...opts, onDecided: (rows) => (candidateRows = rows) });
  if (!deployedRows || !candidateRows) throw new DisparateError('internal', 'a model run gave no decisions to pair');
  const cells = accumulatePairedCells(battery.protected, deployedRows, candidateRows);
  const groups = candidate.groups.map((g) => comparisonGroup(cells, g.attribute, g.group, battery.alpha));
  const rows = candidate.checks.map((row) => ({ row, deployedRow: deployed.checks.find((d) => d.id === row.id && d.attribute === row.attribute && d.group === row.group) ?? null, change: checkChange(cells, row) }));
  const judged = judgeChanges(rows.flatMap((r) => (r.change ? [r.change.change] : [])), battery.correction, battery.alpha);
  let k = 0;
  const checks = rows.map(({ row, deployedRow, change }): Comparison['checks'][number] => {
    const j = change ? judged.rows[k++]! : null;
    return {
      id: row.id,
      metric: row.metric,
      attribute: row.attribute,
      group: row.group,
      reference: row.reference,
      bounds: row.bounds,
      deployed: deployedRow ? { value: deployedRow.value, ci: deployedRow.ci, verdict: deployedRow.verdict } : { value: null, ci: null, verdict: 'inconclusive' },
      candidate: { value: row.value, ci: row.ci, verdict: row.verdict },
      scale: change?.scale ?? null,
      change: { value: change?.change.change ?? null, ci: j?.change ? [j.change.lo, j.change.hi] : null },
      sum: { value: change?.change.sum ?? null, ci: j?.sum ? [j.sum.lo, j.sum.hi] : null },
      method: change?.change.method ?? null,
      verdict: j?.verdict ?? 'not compared',
      claim: j?.claim ?? null,
      p_value: j?.p_value ?? null,
      adjusted_p_value: j?.adjusted_p_value ?? null,
    };
  });
  const count = (v: Comparison['checks'][number]['verdict']) => checks.filter((c) => c.verdict === v).length;
  const tally = { better: count('better'), worse: count('worse'), no_change: count('no established change'), not_compared: count('not compared') };
  const comparison: Comparison = {
    deployed: comparedModel(deployed),
    candidate: comparedModel(candidate),
    rule: judged.rule,
    fail_when: battery.compare?.fail_when ?? 'worse',
    fail_when_origin: battery.compare ? 'battery' : 'default',
    verdict: tally.worse > 0 ? 'worse' : tally.better > 0 ? 'better' : 'no established change',
    tally,
    groups,
    checks,
  };
  const warnings = [
    ...candidate.warnings,
    // The same rows give the same small-cell and empty-group warnings: only the deployed run's own are added.
    ...deployed.warnings.filter((w) => !candidate.warnings.some((c) => c.code === w.code && c.message === w.message)).map((w) => ({ code: w.code, message: `deployed model: ${w.message}` })),
    ...(judged.rule.method !== battery.correction && battery.correction !== 'bonferroni'
      ? [{ code: 'comparison-correction', message: `correction ${battery.correction}: the comparison's changes are judged with Bonferroni (each claim rests on two intervals at once, which step procedures do not cover)` }]
      : []),
    ...(tally.not_compared > 0
      ? [{ code: 'comparison-not-compared', message: `${tally.not_compared} check row(s) not compared: paired intervals exist for selection, true positive, false positive and false negative rate ratios and differences` }]
      : []),
  ];
  return { ...candidate, manifest: { ...candidate.manifest, mode: 'compare' }, warnings, comparison };
}

function comparedModel(results: Results): Comparison['deployed'] {
  const m = results.manifest.model!;
  const { verdict, pass, fail, inconclusive } = results.summary;
  return { file: m.file, hash: m.hash, kind: m.kind, name: m.name, summary: { verdict, pass, fail, inconclusive } };
}

function comparisonGroup(cells: PairedCells, attribute: string, group: string, alpha: number): Comparison['groups'][number] {
  const t = pairedTable(cells, attribute, group, 'all');
  const deployedFlagged = t.both + t.deployedOnly;
  const candidateFlagged = t.both + t.candidateOnly;
  const fields = computeFlipFields({ n: t.n, up: t.candidateOnly, down: t.deployedOnly, flaggedOriginal: deployedFlagged }, alpha);
  return {
    attribute,
    group,
    n: t.n,
    deployed_flagged: deployedFlagged,
    candidate_flagged: candidateFlagged,
    flagged_by_both: t.both,
    candidate_only: t.candidateOnly,
    deployed_only: t.deployedOnly,
    deployed_rate: t.n > 0 ? deployedFlagged / t.n : null,
    candidate_rate: t.n > 0 ? candidateFlagged / t.n : null,
    selection_rate_change: fields.selection_rate_difference,
    mcnemar_p_value: fields.mcnemar_p_value,
  };
}

/** The paired change of one check row, or null for a metric that does not pair (or a row without reference). */
function checkChange(cells: PairedCells, row: CheckResult): { change: CheckChange; scale: 'log-ratio' | 'difference' } | null {
  const resolved = resolveMetricId(row.metric);
  const rate = resolved && PAIRED_RATES[resolved.base.id];
  if (!resolved || !rate || row.reference === null || resolved.variant === 'rate') return null;
  const g = pairedTable(cells, row.attribute, row.group, rate.subset, rate.event);
  const r = isRestReference(row.reference) ? pairedTable(cells, row.attribute, row.group, rate.subset, rate.event, true) : pairedTable(cells, row.attribute, row.reference, rate.subset, rate.event);
  return resolved.variant === 'ratio' ? { change: logRatioChange(g, r), scale: 'log-ratio' } : { change: differenceChange(g, r), scale: 'difference' };
}
