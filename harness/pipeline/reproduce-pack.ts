import { join } from 'node:path';
import { checkPack } from '../../datasets/packs/index.js';
import type { Pack } from '../../datasets/packs/index.js';
import type { FigureClass, FigureCount, ReproducedFigure, Results } from '../results/index.js';
import { runBattery } from './entry.js';
import { resolveBattery } from './resolve-battery.js';
import type { RunOptions } from './run-population.js';

function count(figures: readonly ReproducedFigure[], cls: FigureClass): FigureCount {
  const of = figures.filter((f) => f.class === cls);
  return { within: of.filter((f) => f.within).length, total: of.length };
}

/**
 * Reproduces a published audit: runs each of the pack's batteries, reads every published figure's
 * reproduced value off the results and compares it with the published one within its tolerance.
 * Each figure keeps its class (input, reproduced, informative), and the counts are kept per class:
 * only `reproduced` figures count as reproductions; inputs are checks of the build. The results of the
 * first run carry the `reproduction` table.
 *
 *   pack ──► checkPack ──► runBattery (per run) ──► figure.reproduce ──► Results.reproduction
 */
export async function reproducePack(pack: Pack, dir: string, opts: RunOptions): Promise<Results> {
  checkPack(pack);
  const runs = new Map<string, Results>();
  for (const [id, file] of Object.entries(pack.runs)) runs.set(id, await runBattery(resolveBattery(join(dir, file)), opts));
  const figures = pack.figures.map((f): ReproducedFigure => {
    const reproduced = f.reproduce(runs);
    return {
      id: f.id,
      label: f.label,
      class: f.class,
      published: f.published,
      reproduced,
      tolerance: f.tolerance,
      within: reproduced !== null && Math.abs(reproduced - f.published) <= f.tolerance + 1e-12,
      exact: f.exact,
      source: f.source,
      note: f.note ?? null,
    };
  });
  const main = runs.get(Object.keys(pack.runs)[0]!)!;
  return {
    ...main,
    reproduction: {
      pack: pack.id,
      title: pack.title,
      figures,
      reproduced: count(figures, 'reproduced'),
      inputs: count(figures, 'input'),
      informative: count(figures, 'informative'),
    },
  };
}
