import { displayManifest } from './display-manifest.js';
import type { Results } from '../results/index.js';
import { auditDecisions } from './audit-decisions.js';
import { batteryReferences, type ResolvedBattery } from './resolve-battery.js';
import { runPopulation, type RunOptions } from './run-population.js';

/**
 * The one pipeline entry: runs a resolved battery whatever its source, a population scored by the
 * battery's model (runPopulation) or recorded decisions (auditDecisions).
 * A `data:` block takes everything `disparate audit` does (aggregated counts, long format, selective
 * labels); the battery's bootstrap, intersections and references apply to the audit as well.
 *
 *   ResolvedBattery ──► runPopulation   (population:)
 *                   └─► auditDecisions  (data:)
 */
export async function runBattery(resolved: ResolvedBattery, opts: RunOptions): Promise<Results> {
  const { battery } = resolved;
  const data = battery.data;
  if (!resolved.dataFile || !data) return runPopulation(resolved, opts);
  const seed = opts.seed ?? battery.seed;
  // As the audit command: selective labels always get their bootstrap (2000 replicates unless the battery says otherwise).
  const bootstrap = battery.bootstrap
    ? { replicates: battery.bootstrap.replicates, seed: battery.bootstrap.seed ?? seed }
    : data.label_source
      ? { replicates: 2000, seed }
      : undefined;
  return auditDecisions({
    file: resolved.dataFile,
    protected: battery.protected,
    flag: data.flag,
    label: data.label,
    score: data.score,
    count: data.count,
    encoding: data.encoding,
    long: data.long,
    labelSource: data.label_source,
    populationSize: data.population_size,
    selectionProbability: data.selection_probability,
    references: batteryReferences(resolved),
    alpha: battery.alpha,
    correction: battery.correction,
    minCell: battery.min_cell,
    checks: battery.checks,
    title: battery.title,
    display: displayManifest(battery.description, battery.labels),
    unit: battery.unit,
    inconclusive: battery.inconclusive,
    battery: { file: resolved.file, hash: resolved.hash },
    context: opts.context,
    bootstrap,
    intersections: battery.intersections,
    sweep: battery.sweep,
  });
}
