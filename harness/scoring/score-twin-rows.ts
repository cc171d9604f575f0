import { fromCodes, type TwinDesign } from '../counterfactual/index.js';
import { loadPopulationSpec, resolvePopulation, samplePopulation, sampleTwins } from '../../datasets/synth/index.js';
import { loadAnyModel } from '../../models/adapters/index.js';
import { chunkRanges, runChunkTasks } from './chunk-pool.js';
import { modelView, type ChunkPlan } from './score-chunks.js';

/** Twins scored elsewhere (a shard): the twins' scores and the originals' codes of the attribute, by row index. */
export interface StoredTwins {
  readonly twinScores: Float32Array;
  readonly from: Int32Array;
}

/** The stored twins of design `design` (designsOf order) for rows [start, end), read when the chunk is accumulated. */
export type TwinSource = (design: number, start: number, end: number) => StoredTwins;

/** Twins of rows [start, end) scored, per design, in design order (a chunk's share of StoredTwins). */
export interface TwinRows {
  readonly start: number;
  readonly twins: StoredTwins[];
}

/**
 * Returns a function that, for a row range, samples the originals and every design's twins from the
 * same exogenous noise and scores the twins only (the originals' scores are the run's own).
 */
export function createTwinRowScorer(plan: ChunkPlan, designs: readonly TwinDesign[]): (start: number, end: number) => Promise<TwinRows> {
  const population = resolvePopulation(loadPopulationSpec(plan.specFile!), plan.specFile!);
  const model = loadAnyModel(plan.modelFile);
  return async (start, end) => {
    const n = end - start;
    const original = samplePopulation(population, { seed: plan.seed, n, start, size: plan.size });
    const twins: StoredTwins[] = [];
    for (const design of designs) {
      const twin = sampleTwins(population, { seed: plan.seed, n, start, size: plan.size, attribute: design.attribute, value: design.to, effect: design.effect, original });
      twins.push({ twinScores: await Promise.resolve(model.bind(modelView(plan, twin))(0, n)), from: fromCodes(original, design.attribute) });
    }
    return { start, twins };
  };
}

/**
 * The twins of rows [start, end), scored but not yet decided: per design, every twin's score and its
 * original's code of the attribute, by row. What a shard keeps of its twins, because their flags
 * wait for the cut of the whole population (and their pair statistics for its score range).
 * Chunks run on worker threads when asked; the output does not depend on it.
 *
 * @example (await scoreTwinRows(plan, designs, 0, 1000, { chunkSize: 65536, workers: 2 }))[0]!.twinScores.length // 1000
 */
export async function scoreTwinRows(plan: ChunkPlan, designs: readonly TwinDesign[], start: number, end: number, opts: { chunkSize: number; workers: number }): Promise<StoredTwins[]> {
  const out = designs.map(() => ({ twinScores: new Float32Array(end - start), from: new Int32Array(end - start) }));
  await runChunkTasks<TwinRows>({
    ranges: chunkRanges(end - start, opts.chunkSize).map(([a, b]) => [start + a, start + b] as [number, number]),
    workers: opts.workers,
    workerData: { plan, twinRows: designs },
    inline: () => createTwinRowScorer(plan, designs),
    onResult: (rows) => rows.twins.forEach((t, i) => {
      out[i]!.twinScores.set(t.twinScores, rows.start - start);
      out[i]!.from.set(t.from, rows.start - start);
    }),
  });
  return out;
}
