import { accumulateCounterfactual, accumulateScoreHistogram, computeCounterfactualResults, createCounterfactualAccumulator, mergeCounterfactual, type CounterfactualAccumulator } from '../counterfactual/index.js';
import type { TwinDesign } from '../counterfactual/index.js';
import { DEFAULT_BINNING, type PairedBinning } from '../counterfactual/index.js';
import { DisparateError } from '../errors/index.js';
import type { CounterfactualResult } from '../results/index.js';
import { loadPopulationSpec, samplePopulation } from '../../datasets/synth/index.js';
import { flagByCut, rowIndexTickets, type Cut } from '../../models/decision/index.js';
import { chunkRanges, runChunkTasks } from '../scoring/index.js';
import type { ResolvedBattery } from './resolve-battery.js';
import { OVERALL_KEYWORD, REST_REFERENCE, type ResolvedReference } from '../findings/index.js';
import type { ChunkPlan } from '../scoring/index.js';
import type { ScoredPopulation } from '../scoring/index.js';
import { createTwinScorer, type TwinPlan } from '../scoring/index.js';
import type { TwinSource } from '../scoring/index.js';

/** One design per (attribute, effect), with the attribute's levels read off the population itself. */
export function designsOf(resolved: ResolvedBattery, plan: ChunkPlan, references: Record<string, ResolvedReference>): TwinDesign[] {
  // Twins exist only for spec populations (resolveBattery refuses them with a data file).
  const probe = samplePopulation(loadPopulationSpec(plan.specFile!), { seed: plan.seed, n: 1, size: plan.size });
  return resolved.battery.counterfactual.flatMap((entry, i) => {
    const column = probe.columns.get(entry.attribute);
    if (!column || column.kind !== 'categorical') {
      throw new DisparateError('config', `${resolved.file}: counterfactual.${i}.attribute: "${entry.attribute}" is not a categorical column of the population`);
    }
    const reference = references[entry.attribute]?.group;
    if (entry.to === undefined && (reference === REST_REFERENCE || reference === OVERALL_KEYWORD)) {
      throw new DisparateError('config', `${resolved.file}: counterfactual.${i}.to: required for "${entry.attribute}", whose reference is everyone else (overall), not one level to set`);
    }
    const to = entry.to ?? reference;
    if (to === undefined) throw new DisparateError('config', `${resolved.file}: counterfactual.${i}.to: required for "${entry.attribute}", which is not a protected attribute`);
    if (!column.levels.includes(to)) throw new DisparateError('config', `${resolved.file}: counterfactual.${i}.to: "${to}" is not a level of "${entry.attribute}" (${column.levels.join(', ')})`);
    const effects = entry.effect === 'both' ? (['direct', 'total'] as const) : [entry.effect];
    return effects.map((effect) => ({ attribute: entry.attribute, levels: [...column.levels], to, effect }));
  });
}

/**
 * Counterfactual twins of a synthetic run: every row against itself under do(attribute = to), both
 * decided by the main analysis's cut (its tie-break lot included), accumulated per chunk (on workers
 * when asked) and merged. Results do not depend on chunking or worker count.
 *
 *   row ranges ──► [originals + twins ──► score ──► pair accumulators] ──► merge ──► CounterfactualResult[]
 */
export async function runTwins(
  resolved: ResolvedBattery,
  plan: ChunkPlan,
  scored: ScoredPopulation,
  references: Record<string, ResolvedReference>,
  opts: { cut: Cut; workers: number; chunkSize: number; alpha: number; minCell: number; stored?: TwinSource | undefined },
): Promise<CounterfactualResult[]> {
  const designs = designsOf(resolved, plan, references);
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of scored.scores) {
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  const binning: PairedBinning = { ...DEFAULT_BINNING, scoreRange: hi > lo ? [lo, hi] : [lo, lo + 1] };
  const twins: TwinPlan = { designs, cut: opts.cut, binning };
  const total: CounterfactualAccumulator[] = designs.map((d) => createCounterfactualAccumulator(d, binning));
  const stored = opts.stored;
  if (stored) {
    // The same chunks, in the same order, as when the twins are scored here: the sums add up alike.
    const tickets = rowIndexTickets(plan.seed);
    for (const [start, end] of chunkRanges(plan.size, opts.chunkSize)) {
      const originalScores = scored.scores.subarray(start, end);
      const originalFlagged = flagByCut(originalScores, start, opts.cut, tickets);
      designs.forEach((design, i) => {
        const acc = createCounterfactualAccumulator(design, binning);
        const { twinScores, from } = stored(i, start, end);
        accumulateCounterfactual(acc, { n: end - start, from, originalScores, twinScores, originalFlagged, twinFlagged: flagByCut(twinScores, start, opts.cut, tickets) });
        mergeCounterfactual(total[i]!, acc);
      });
    }
  } else await runChunkTasks<CounterfactualAccumulator[]>({
    ranges: chunkRanges(plan.size, opts.chunkSize),
    workers: opts.workers,
    workerData: { plan, twins },
    inline: () => createTwinScorer(plan, twins),
    onResult: (parts) => parts.forEach((p, i) => mergeCounterfactual(total[i]!, p)),
  });
  const rankReference = accumulateScoreHistogram(new Float64Array(binning.scoreBins), binning, scored.scores);
  return computeCounterfactualResults(total, { alpha: opts.alpha, minCell: opts.minCell, rankReference });
}
