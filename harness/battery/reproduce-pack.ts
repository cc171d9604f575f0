import { join } from 'node:path';
import type { Pack } from '../../datasets/packs/pack.js';
import type { ReproducedFigure, Results } from '../results/index.js';
import { executeBattery } from './execute-battery.js';
import { resolveBattery } from './resolve-battery.js';
import type { RunOptions } from './run-battery.js';

/**
 * Reproduces a published audit: runs each of the pack's batteries, reads every published figure's
 * reproduced value off the results and compares it with the published one within its tolerance.
 * The results of the first run carry the `reproduction` table.
 *
 *   pack ──► executeBattery (per run) ──► figure.reproduce ──► Results.reproduction
 */
export async function reproducePack(pack: Pack, dir: string, opts: RunOptions): Promise<Results> {
  const runs = new Map<string, Results>();
  for (const [id, file] of Object.entries(pack.runs)) runs.set(id, await executeBattery(resolveBattery(join(dir, file)), opts));
  const figures = pack.figures.map((f): ReproducedFigure => {
    const reproduced = f.reproduce(runs);
    return {
      id: f.id,
      label: f.label,
      published: f.published,
      reproduced,
      tolerance: f.tolerance,
      within: reproduced !== null && Math.abs(reproduced - f.published) <= f.tolerance + 1e-12,
      exact: f.exact,
      source: f.source,
      note: f.note ?? null,
      ...(f.informative ? { informative: true } : {}),
    };
  });
  const main = runs.get(Object.keys(pack.runs)[0]!)!;
  return {
    ...main,
    reproduction: {
      pack: pack.id,
      title: pack.title,
      figures,
      matched: figures.filter((f) => f.within && !f.informative).length,
      total: figures.filter((f) => !f.informative).length,
    },
  };
}
