import { statSync } from 'node:fs';
import type { TextEncoding } from '../config/index.js';
import { readPopulation } from '../../datasets/io/index.js';
import { loadPopulationSpec, resolvePopulation, samplePopulation } from '../../datasets/synth/index.js';
import { sliceTable, takeRows, type Table } from '../../datasets/table/index.js';

/** Where a run's rows come from: a population spec (sampled by row) or a real population file. */
export interface PopulationPlan {
  readonly specFile: string | null;
  readonly dataFile?: string | null | undefined;
  /** How a CSV or JSONL population file is decoded (battery population.encoding). */
  readonly encoding?: TextEncoding | undefined;
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
    const full = readPopulationFile(plan.dataFile, plan.encoding);
    return (start, n) => sliceTable(full, start, start + n);
  }
  const population = resolvePopulation(loadPopulationSpec(plan.specFile!), plan.specFile!);
  return (start, n) => samplePopulation(population, { seed: plan.seed, n, start, size: plan.size });
}

/**
 * Two fixed, disjoint samples of m rows each, for fitting and testing a model on the population,
 * returned as one table of 2m rows (the first m, then the second m). From a spec: rows [0, 2m), which
 * are random draws. From a file, whose rows may be sorted by region or date: 2m rows spread evenly
 * over the whole file, alternately assigned to the two samples. The same for any chunking.
 * With m = 0 (a one-row population), the first row alone.
 */
export function fixedSample(plan: PopulationPlan, m: number): Table {
  if (!plan.dataFile || m === 0) return createPopulationSource(plan)(0, Math.max(1, 2 * m));
  const full = readPopulationFile(plan.dataFile, plan.encoding);
  const rows = new Int32Array(2 * m);
  for (let i = 0; i < 2 * m; i++) rows[(i % 2) * m + (i >> 1)] = Math.floor((i * plan.size) / (2 * m));
  return takeRows(full, rows);
}

let lastRead: { key: string; table: Table } | null = null;

/**
 * A real population file, read and type-checked once per thread and run: the row count, the proxy
 * samples, the scoring chunks and the decision's columns all come from one read. Keeps only the last
 * file (keyed by path, size and modification time), so a long-lived process neither holds every
 * population it has seen nor scores a stale copy of a file rewritten in place.
 */
export function readPopulationFile(file: string, encoding: TextEncoding = 'utf8'): Table {
  const stat = statSync(file, { throwIfNoEntry: false });
  const key = `${file}\0${stat?.size}\0${stat?.mtimeMs}\0${encoding}`;
  if (lastRead?.key !== key) lastRead = { key, table: readPopulation(file, { encoding }) };
  return lastRead.table;
}
