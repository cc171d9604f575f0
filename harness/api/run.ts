import { availableParallelism } from 'node:os';
import { resolveBattery, runBattery, type ResolvedBattery, type RunOptions } from '../pipeline/index.js';
import { releaseWorkers, warmWorkers } from '../scoring/index.js';
import { DisparateError } from '../errors/index.js';
import type { Results } from '../results/index.js';
import { provenance, type Provenance } from '../config/index.js';

/**
 * How to run a battery: the pipeline's own options (seed and size overrides, workers, chunk size,
 * progress; none but seed and size changes the results) without its internals, plus the library's.
 */
export interface RunSettings extends Pick<RunOptions, 'seed' | 'size' | 'workers' | 'chunkSize' | 'onProgress'> {
  /** What the manifest records as the command; default `run(<battery file>)`. */
  readonly provenance?: Provenance | undefined;
  /** Keep the worker threads alive for another run (the CLI frees them itself); default false. */
  readonly keepWorkers?: boolean | undefined;
}

/**
 * Runs a battery file: a synthetic population scored by its model, or the recorded decisions it
 * names (`data:`), through the metrics and the verdict rule. Resolves to results.json's content;
 * bad input rejects with a DisparateError (`code` says which kind, `message` names the file and field).
 *
 *   battery.yaml ──► resolveBattery ──► runBattery ──► population + model: runPopulation ──┐
 *                                                  └─► data file: auditDecisions ───────┴─► Results
 *
 * @example
 * import { run, exitStatus } from 'disparate';
 * const results = await run('batteries/default.yaml', { size: 20_000 });
 * console.log(results.summary.verdict, exitStatus(results.summary, 'fail'));
 */
export async function run(battery: string | ResolvedBattery, settings: RunSettings = {}): Promise<Results> {
  // A caller that has resolved the battery already (the CLI reads its report settings) passes it on.
  const resolved = typeof battery === 'string' ? resolveBattery(battery) : battery;
  const batteryFile = typeof battery === 'string' ? battery : resolved.file;
  if (resolved.models) throw new DisparateError('config', `${batteryFile}: models: a battery naming a deployed and a candidate model is run by \`disparate compare\`; give model: to run one model`);
  const context = settings.provenance ?? provenance(`run(${batteryFile})`);
  // Recorded decisions are read, not scored: no threads, and the battery's own seed for its bootstrap.
  if (resolved.dataFile) return runBattery(resolved, { context });
  const workers = settings.workers ?? availableParallelism();
  // Threads load their modules while the population is set up.
  if (Number.isInteger(workers) && workers > 1) warmWorkers(Math.min(workers, availableParallelism()) - 1);
  try {
    return await runBattery(resolved, { seed: settings.seed, size: settings.size, workers, chunkSize: settings.chunkSize, onProgress: settings.onProgress, context });
  } finally {
    if (!settings.keepWorkers) await releaseWorkers();
  }
}
