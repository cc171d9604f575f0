import { accumulateCounterfactual, createCounterfactualAccumulator, fromCodes, type CounterfactualAccumulator } from '../counterfactual/index.js';
import type { PairedBinning } from '../counterfactual/index.js';
import type { TwinDesign } from '../counterfactual/index.js';
import { loadPopulationSpec, resolvePopulation, samplePopulation, sampleTwins } from '../../datasets/synth/index.js';
import { checkFiniteScores, loadAnyModel } from '../../models/adapters/index.js';
import { flagByCut, rowIndexTickets, type Cut } from '../../models/decision/index.js';
import { modelView, type ChunkPlan } from './score-chunks.js';

/** The twins a run computes, and the cut both originals and twins are decided by. */
export interface TwinPlan {
  readonly designs: readonly TwinDesign[];
  /**
   * The main analysis's own cut (the threshold, or the top-fraction or top-k cut with its tie-break
   * ticket): a twin holds its original's ticket, so at do(attribute = its own value) it is flagged
   * exactly when its original is.
   */
  readonly cut: Cut;
  readonly binning: PairedBinning;
}

/**
 * Returns a function that, for a row range, samples the originals, every twin design's twins from
 * the same exogenous noise, scores both through the model and accumulates the pairs. One
 * accumulator per design, in design order; they merge by addition across chunks and workers.
 */
export function createTwinScorer(plan: ChunkPlan, twins: TwinPlan): (start: number, end: number) => Promise<CounterfactualAccumulator[]> {
  const population = resolvePopulation(loadPopulationSpec(plan.specFile!), plan.specFile!);
  const model = loadAnyModel(plan.modelFile);
  const tickets = rowIndexTickets(plan.seed);
  return async (start, end) => {
    const n = end - start;
    const original = samplePopulation(population, { seed: plan.seed, n, start, size: plan.size });
    const originalScores = await Promise.resolve(model.bind(modelView(plan, original))(0, n));
    checkFiniteScores(plan.modelFile, originalScores, start);
    const originalFlagged = flagByCut(originalScores, start, twins.cut, tickets);
    const out: CounterfactualAccumulator[] = [];
    for (const design of twins.designs) {
      const twin = sampleTwins(population, { seed: plan.seed, n, start, size: plan.size, attribute: design.attribute, value: design.to, effect: design.effect, original });
      const twinScores = await Promise.resolve(model.bind(modelView(plan, twin))(0, n));
      checkFiniteScores(plan.modelFile, twinScores, start);
      const acc = createCounterfactualAccumulator(design, twins.binning);
      accumulateCounterfactual(acc, { n, from: fromCodes(original, design.attribute), originalScores, twinScores, originalFlagged, twinFlagged: flagByCut(twinScores, start, twins.cut, tickets) });
      out.push(acc);
    }
    return out;
  };
}
