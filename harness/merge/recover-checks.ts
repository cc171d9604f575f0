import { Check } from '../config/index.js';
import { DisparateError } from '../errors/index.js';
import { resolveMetricId } from '../metrics/index.js';
import type { MergeInput } from './merge-results.js';

/** The battery's checks as declared in the inputs' manifests, and the rows of checks no registry metric backs. */
export interface RecoveredChecks {
  readonly checks: Check[];
  /** Checks on figures outside the registry (selective labels' statistical parity, equal burden): id and metric. */
  readonly foreign: { id: string; metric: string }[];
}

/**
 * The battery's checks as every input declared them (manifest.checks, which checkMergeable has
 * required and compared), parsed with their defaults; the check rows whose id the battery does not
 * declare (selective labels' parity and equal-burden checks, added by the audit) are "foreign": they
 * judge sections that cannot be merged.
 *
 * @example recoverChecks(inputs).checks[0] // { id: 'four-fifths', metric: 'selection_rate_ratio', attribute: 'all', test: 'disparity', ... }
 */
export function recoverChecks(inputs: readonly MergeInput[]): RecoveredChecks {
  const declared = inputs[0]?.results.manifest.checks;
  if (!declared) throw new DisparateError('data', `${inputs[0]?.file ?? 'merge'}: manifest.checks: missing (written by an earlier version of disparate); rerun that part to merge it`);
  const checks = declared.filter((c) => resolveMetricId(c.metric)).map((c) => Check.parse(c));
  const known = new Set(checks.map((c) => c.id));
  const foreign = [...new Map(inputs.flatMap((i) => i.results.checks).filter((c) => !known.has(c.id)).map((c) => [c.id, { id: c.id, metric: c.metric }])).values()];
  return { checks, foreign };
}
