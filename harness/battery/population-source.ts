import { readPopulation } from '../../datasets/io/index.js';
import { loadPopulationSpec, resolvePopulation, samplePopulation } from '../../datasets/synth/index.js';
import { sliceTable, type Table } from '../../datasets/table/index.js';

/** Where a run's rows come from: a population spec (sampled by row) or a real population file. */
export interface PopulationPlan {
  readonly specFile: string | null;
  readonly dataFile?: string | null | undefined;
  readonly seed: number;
  /** Rows in the whole population. */
  readonly size: number;
}

/**
 * Rows [start, start + n) of the population: sampled from the spec (each row a function of seed,
 * variable and row index) or sliced from the file, which is read and type-checked once per source.
 */
export function createPopulationSource(plan: PopulationPlan): (start: number, n: number) => Table {
  if (plan.dataFile) {
    const full = readPopulation(plan.dataFile);
    return (start, n) => sliceTable(full, start, start + n);
  }
  const population = resolvePopulation(loadPopulationSpec(plan.specFile!), plan.specFile!);
  return (start, n) => samplePopulation(population, { seed: plan.seed, n, start, size: plan.size });
}
