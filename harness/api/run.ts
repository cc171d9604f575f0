import { availableParallelism } from 'node:os';
import { executeBattery, releaseWorkers, resolveBattery, runBattery, warmWorkers } from '../battery/index.js';
import { DisparateError } from '../errors/index.js';
import type { Results } from '../results/index.js';
import { provenance, type Provenance } from './provenance.js';

/** How to run a battery; none of these changes the results except `seed` and `size`. */
export interface RunSettings {
  /** Overrides the battery's seed. */
  readonly seed?: number | undefined;
  /** Overrides the population size (rows scored). */
  readonly size?: number | undefined;
  /** Worker threads; default the number of cores. The results never depend on it. */
  readonly workers?: number | undefined;
  /** Rows per chunk; the results never depend on it. */
  readonly chunkSize?: number | undefined;
  /** Called as chunks are scored. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
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
 *   battery.yaml ──► resolveBattery ──► population + model ──► runBattery  ──┐
 *                                   └─► data file ─────────► executeBattery ─┴─► Results
 *
 * @example
 * import { run, exitStatus } from 'disparate';
 * const results = await run('batteries/default.yaml', { size: 20_000 });
 * console.log(results.summary.verdict, exitStatus(results.summary, 'fail'));
 */
export async function run(batteryFile: string, settings: RunSettings = {}): Promise<Results> {
  const resolved = resolveBattery(batteryFile);
  if (resolved.models) throw new DisparateError('config', `${batteryFile}: models: a battery naming a deployed and a candidate model is run by \`disparate compare\`; give model: to run one model`);
  const context = settings.provenance ?? provenance(`run(${batteryFile})`);
  if (resolved.dataFile) return executeBattery(resolved, { context });
  const workers = settings.workers ?? availableParallelism();
  // Threads load their modules while the population is set up.
  if (Number.isInteger(workers) && workers > 1) warmWorkers(Math.min(workers, availableParallelism()) - 1);
  try {
    return await runBattery(resolved, { seed: settings.seed, size: settings.size, workers, chunkSize: settings.chunkSize, onProgress: settings.onProgress, context });
  } finally {
    if (!settings.keepWorkers) await releaseWorkers();
  }
}
