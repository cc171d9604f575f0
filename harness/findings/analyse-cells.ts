import type { CellCounts } from '../accumulate/index.js';
import type { Check } from '../config/index.js';
import type { CheckResult, GroupResult, Manifest, OverallResult, Results, SelectionCurves, SuppressedCell, Warning, WorstGroup } from '../results/index.js';
import { RNG_ALGORITHM } from '../stats/rng/index.js';
import type { Correction } from '../stats/index.js';
import { computeFindings, type CellExtras, type FindingsOptions } from './compute-findings.js';
import { computeVerdicts } from './compute-verdicts.js';
import type { CheckCandidate, MetricAt } from '../verdict/index.js';
import type { ResolvedReference } from './resolve-references.js';

export interface AnalysisSettings extends FindingsOptions {
  readonly checks: readonly Check[];
  readonly correction: Correction;
}

export interface Analysis {
  readonly groups: GroupResult[];
  readonly checks: CheckResult[];
  readonly summary: Results['summary'];
  readonly references: Record<string, ResolvedReference>;
  readonly warnings: Warning[];
  readonly suppressed: SuppressedCell[];
  readonly worstGroups: WorstGroup[];
  /** The threshold sweep, when asked for and the rows carry scores. */
  readonly selectionCurves: SelectionCurves | null;
  /** The check rows before judgement (see computeVerdicts). */
  readonly candidates: CheckCandidate[];
  /** Every row together; null when the parts (marginal tables of a long-format file) do not cover the same rows. */
  readonly overall: OverallResult | null;
}

/**
 * The statistical core shared by `run` and `audit`: cell counts → group metrics → verdicts.
 * Several CellCounts (the marginal tables of a long-format file, one per attribute) are analysed
 * one by one and judged together, in one family of checks.
 */
export function analyseCells(
  cellsOrParts: CellCounts | readonly CellCounts[],
  settings: AnalysisSettings,
  extras?: CellExtras | readonly CellExtras[],
): Analysis {
  const parts = Array.isArray(cellsOrParts) ? (cellsOrParts as readonly CellCounts[]) : [cellsOrParts as CellCounts];
  const partExtras = extras === undefined ? [] : Array.isArray(extras) ? (extras as readonly CellExtras[]) : [extras as CellExtras];
  const each = parts.map((cells, i) => computeFindings(cells, settings, partExtras[i]));
  const curves = each.flatMap((f) => f.curves);
  const fractions = partExtras.find((e) => e.sweep && e.curves)?.sweep?.fractions ?? [];
  const findings = {
    groups: each.flatMap((f) => f.groups),
    // No prototype: Object.assign into {} would turn an attribute named "__proto__" into the prototype.
    references: Object.assign(Object.create(null), ...each.map((f) => f.references)) as Analysis['references'],
    warnings: each.flatMap((f) => f.warnings),
    suppressed: each.flatMap((f) => f.suppressed),
    worstGroups: each.flatMap((f) => f.worstGroups),
  };
  const metricAt: MetricAt = (attribute, group, metricId, z) => {
    for (const f of each) {
      const m = f.metricAt(attribute, group, metricId, z);
      if (m) return m;
    }
    return null;
  };
  const { checks, summary, candidates, warnings: unsaid } = computeVerdicts(settings.checks, findings.groups, findings.suppressed, settings.correction, settings.alpha, metricAt);
  const warnings = [...findings.warnings, ...unsaid];
  const selectionCurves: SelectionCurves | null =
    curves.length > 0
      ? {
          method:
            'at each fraction f, k = round(f × rows) rows selected, highest scores first, ties by the run\'s seeded lot on row identity, as the top_fraction rule (audits of a decisions file: the same lot on row contents, seed 0); counts exact (score histogram + the rows of the bin holding the cut). Intervals as for the metrics (Wilson / Clopper–Pearson, Katz / MOVER by cell size), the cut held fixed',
          fractions: [...fractions],
          level: 1 - settings.alpha,
          curves,
        }
      : null;
  // one overall row only when every part counts the same rows (a long-format file may not)
  const first = each[0]!.overall;
  const same = each.every((f) => f.overall.n === first.n && f.overall.flagged === first.flagged && f.overall.labelled === first.labelled);
  return { ...findings, checks, summary, warnings, selectionCurves, candidates, overall: same ? first : null };
}

/** The optional results.json sections an analysis adds beside groups and checks. */
export function analysisSections(analysis: Analysis): Pick<Results, 'suppressed' | 'worst_groups' | 'selection_curves' | 'overall'> {
  return {
    ...(analysis.overall ? { overall: analysis.overall } : {}),
    suppressed: analysis.suppressed,
    worst_groups: analysis.worstGroups,
    ...(analysis.selectionCurves ? { selection_curves: analysis.selectionCurves } : {}),
  };
}

/** The manifest's record of the bootstrap behind every bootstrap_ci, or nothing. */
export function bootstrapManifest(bootstrap: { replicates: number; seed: number } | undefined): Pick<Manifest, 'bootstrap'> {
  return bootstrap ? { bootstrap: { method: 'multinomial-counts', replicates: bootstrap.replicates, seed: bootstrap.seed, rng: RNG_ALGORITHM } } : {};
}
