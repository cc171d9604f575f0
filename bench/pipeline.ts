import { accumulateCombinations, createCellCounts } from '../harness/accumulate/index.js';
import { scorePopulation } from '../harness/scoring/score-population.js';
import { applyDecision, rowIndexTickets } from '../models/decision/index.js';

export interface PipelineFigures {
  readonly rows: number;
  readonly workers: number;
  readonly seconds: number;
  readonly maxRssMB: number;
}

/**
 * The synthetic-run hot path without I/O or report: sample (caf-households, 15 columns) → score
 * (20-input logistic) → top-5 % decision → accumulate cell counts.
 */
export async function benchPipeline(rows: number, workers: number): Promise<PipelineFigures> {
  const plan = {
    batteryFile: 'bench',
    specFile: 'datasets/populations/caf-households.yaml',
    modelFile: 'bench/fixtures/logistic-20.json',
    seed: 1,
    size: rows,
    protected: ['nationality', 'disability', 'income_band'],
    label: 'fraud',
    // The fixture's last three inputs repeat columns under their own names (a model declares each input once).
    inputs: { rent_share_2: 'rent_share', single_parent_2: 'single_parent', unemployed_2: 'unemployed' },
  };
  const t0 = performance.now();
  const scored = await scorePopulation(plan, { n: rows, workers });
  const { flagged } = applyDecision(scored.scores, { rule: 'top_fraction', fraction: 0.05 }, rowIndexTickets(plan.seed));
  const cells = createCellCounts(plan.protected.map((name, i) => ({ name, levels: scored.levels[i]! })));
  accumulateCombinations(cells, { n: rows, combinations: scored.combinations, flagged, labels: scored.labels, scores: scored.scores });
  const seconds = (performance.now() - t0) / 1000;
  return { rows, workers, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 };
}
