import { resolveBattery, runPopulation } from '../harness/pipeline/index.js';

const context = { command: 'bench', toolVersion: 'bench', started: '', platform: '', now: () => '' };

/** Wall time of a whole synthetic run (no report) of a bench battery, best of `repeats`. */
export async function benchRun(battery: string, workers: number, repeats = 2): Promise<number> {
  const resolved = resolveBattery(battery);
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await runPopulation(resolved, { workers, context });
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}
