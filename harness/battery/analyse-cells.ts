import type { CellCounts } from '../accumulate/index.js';
import type { Check } from '../config/index.js';
import type { CheckResult, GroupResult, Manifest, Results, SuppressedCell, Warning, WorstGroup } from '../results/index.js';
import { RNG_ALGORITHM } from '../stats/rng/index.js';
import type { Correction } from '../stats/index.js';
import { evaluateChecks } from '../verdict/index.js';
import { computeFindings, type FindingsOptions } from './compute-findings.js';
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
}

/**
 * The statistical core shared by `run` and `audit`: cell counts → group metrics → verdicts.
 * Several CellCounts (the marginal tables of a long-format file, one per attribute) are analysed
 * one by one and judged together, in one family of checks.
 */
export function analyseCells(cellsOrParts: CellCounts | readonly CellCounts[], settings: AnalysisSettings): Analysis {
  const parts = Array.isArray(cellsOrParts) ? (cellsOrParts as readonly CellCounts[]) : [cellsOrParts as CellCounts];
  const each = parts.map((cells) => computeFindings(cells, settings));
  const findings = {
    groups: each.flatMap((f) => f.groups),
    references: Object.assign({}, ...each.map((f) => f.references)) as Analysis['references'],
    warnings: each.flatMap((f) => f.warnings),
    suppressed: each.flatMap((f) => f.suppressed),
    worstGroups: each.flatMap((f) => f.worstGroups),
  };
  const exclude = new Set(findings.suppressed.map((s) => `${s.attribute}\u0000${s.group}`));
  const { checks, summary } = evaluateChecks(settings.checks, findings.groups, settings.correction, settings.alpha, exclude);
  const warnings = [...findings.warnings];
  if (settings.checks.length === 0) warnings.push({ code: 'no-checks', message: 'no checks declared: metrics are reported but nothing is tested' });
  return { ...findings, checks, summary, warnings };
}

/** The optional results.json sections an analysis adds beside groups and checks. */
export function analysisSections(analysis: Analysis): Pick<Results, 'suppressed' | 'worst_groups'> {
  return { suppressed: analysis.suppressed, worst_groups: analysis.worstGroups };
}

/** The manifest's record of the bootstrap behind every bootstrap_ci, or nothing. */
export function bootstrapManifest(bootstrap: { replicates: number; seed: number } | undefined): Pick<Manifest, 'bootstrap'> {
  return bootstrap ? { bootstrap: { method: 'multinomial-counts', replicates: bootstrap.replicates, seed: bootstrap.seed, rng: RNG_ALGORITHM } } : {};
}
