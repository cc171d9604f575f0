import { availableParallelism } from 'node:os';
import { resolveBattery } from '../pipeline/index.js';
import { releaseWorkers, warmWorkers } from '../scoring/index.js';
import { compareModels } from '../compare/index.js';
import type { Results } from '../results/index.js';
import { provenance } from '../config/index.js';
import type { RunSettings } from './run.js';

/**
 * Compares the two models a battery names (`models: { deployed, candidate }`) on the same applicants:
 * the same population, seed and decision rule, every applicant decided by both, and per group and per
 * check the paired change with its interval, each check judged better, worse or no established change
 * as one family. Resolves to results.json's content: the candidate's run with a `comparison` section.
 *
 * @example
 * import { compare, comparisonExitStatus } from 'disparate';
 * const results = await compare('batteries/compare-caf.yaml', { size: 20_000 });
 * console.log(results.comparison?.verdict, comparisonExitStatus(results.comparison!));
 */
export async function compare(batteryFile: string, settings: RunSettings = {}): Promise<Results> {
  const resolved = resolveBattery(batteryFile);
  const context = settings.provenance ?? provenance(`compare(${batteryFile})`);
  const workers = settings.workers ?? availableParallelism();
  if (Number.isInteger(workers) && workers > 1) warmWorkers(Math.min(workers, availableParallelism()) - 1);
  try {
    return await compareModels(resolved, { seed: settings.seed, size: settings.size, workers, chunkSize: settings.chunkSize, onProgress: settings.onProgress, context });
  } finally {
    if (!settings.keepWorkers) await releaseWorkers();
  }
}
