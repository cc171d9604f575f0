import type { Results } from '../results/index.js';
import { auditDecisions } from './audit-decisions.js';
import { batteryReferences, type ResolvedBattery } from './resolve-battery.js';
import { runBattery, type RunOptions } from './run-battery.js';

/** Runs a resolved battery: a synthetic run when it names a population, an audit when it names data. */
export async function executeBattery(resolved: ResolvedBattery, opts: RunOptions): Promise<Results> {
  const { battery } = resolved;
  if (!resolved.dataFile) return runBattery(resolved, opts);
  return auditDecisions({
    file: resolved.dataFile,
    protected: battery.protected,
    flag: battery.data!.flag,
    label: battery.data!.label,
    score: battery.data!.score,
    references: batteryReferences(resolved),
    alpha: battery.alpha,
    correction: battery.correction,
    minCell: battery.min_cell,
    checks: battery.checks,
    title: battery.title,
    battery: { file: resolved.file, hash: resolved.hash },
    context: opts.context,
  });
}
