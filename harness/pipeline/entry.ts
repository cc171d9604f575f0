import { displayManifest } from './display-manifest.js';
import type { Results } from '../results/index.js';
import { auditDecisions, type AuditOptions } from '../audit/index.js';
import { batteryReferences, type ResolvedBattery, type ResolvedDataBattery } from './resolve-battery.js';
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
  if (resolved.dataFile === null) return runPopulation(resolved, opts);
  return auditDecisions(auditOptions(resolved, opts));
}

/**
 * What `auditDecisions` takes from a battery with a `data:` block: the file's columns, the battery's
 * statistics settings and the run's provenance (the data block's field rules are the battery
 * schema's). Shared by the run and by the shards of a sharded run and their merge, which must audit
 * alike.
 */
export function auditOptions(resolved: ResolvedDataBattery, opts: Pick<RunOptions, 'seed' | 'context'>): AuditOptions {
  const { battery } = resolved;
  const data = battery.data;
  const seed = opts.seed ?? battery.seed;
  // As the audit command: selective labels always get their bootstrap (2000 replicates unless the battery says otherwise).
  const bootstrap = battery.bootstrap
    ? { replicates: battery.bootstrap.replicates, seed: battery.bootstrap.seed ?? seed }
    : data.label_source
      ? { replicates: 2000, seed }
      : undefined;
  return {
    file: resolved.dataFile!,
    protected: battery.protected,
    flag: data.flag,
    label: data.label,
    score: data.score,
    count: data.count,
    positives: data.positives,
    suppressed: data.suppressed,
    where: data.where,
    derive: data.derive ? Object.entries(data.derive).map(([name, expression]) => `${name}=${expression}`) : undefined,
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
  };
}
