import type { CellCounts } from '../accumulate/index.js';
import type { Check } from '../config/index.js';
import type { CheckResult, GroupResult, Results, Warning } from '../results/index.js';
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
}

/** The statistical core shared by `run` and `audit`: cell counts → group metrics → verdicts. */
export function analyseCells(cells: CellCounts, settings: AnalysisSettings): Analysis {
  const findings = computeFindings(cells, settings);
  const { checks, summary } = evaluateChecks(settings.checks, findings.groups, settings.correction);
  const warnings = [...findings.warnings];
  if (settings.checks.length === 0) warnings.push({ code: 'no-checks', message: 'no checks declared: metrics are reported but nothing is tested' });
  return { ...findings, checks, summary, warnings };
}
