import { fromCodes, type TwinDesign } from '../counterfactual/index.js';
import { loadPopulationSpec, resolvePopulation, samplePopulation, sampleTwins } from '../../datasets/synth/index.js';
import { loadAnyModel } from '../../models/adapters/index.js';
import { chunkRanges } from './chunk-pool.js';
import type { StoredTwins } from './run-twins.js';
import { modelView, type ChunkPlan } from './score-chunks.js';

/**
 * The twins of rows [start, end), scored but not yet decided: per design, every twin's score and its
 * original's code of the attribute, by row. What a shard keeps of its twins, because their flags
 * wait for the cut of the whole population (and their pair statistics for its score range).
 *
 * @example (await scoreTwinRows(plan, designs, 0, 1000, 65536))[0]!.twinScores.length // 1000
 */
export async function scoreTwinRows(plan: ChunkPlan, designs: readonly TwinDesign[], start: number, end: number, chunkSize: number): Promise<StoredTwins[]> {
  const population = resolvePopulation(loadPopulationSpec(plan.specFile!), plan.specFile!);
  const model = loadAnyModel(plan.modelFile);
  const out = designs.map(() => ({ twinScores: new Float32Array(end - start), from: new Int32Array(end - start) }));
  for (const [from, to] of chunkRanges(end - start, chunkSize)) {
    const n = to - from;
    const original = samplePopulation(population, { seed: plan.seed, n, start: start + from, size: plan.size });
    for (const [i, design] of designs.entries()) {
      const twin = sampleTwins(population, { seed: plan.seed, n, start: start + from, size: plan.size, attribute: design.attribute, value: design.to, effect: design.effect, original });
      out[i]!.twinScores.set(await Promise.resolve(model.bind(modelView(plan, twin))(0, n)), from);
      out[i]!.from.set(fromCodes(original, design.attribute), from);
    }
  }
  return out;
}
