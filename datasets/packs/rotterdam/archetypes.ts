import { join } from 'node:path';
import type { PopulationSpec } from '../../../harness/config/index.js';
import { loadModel } from '../../../models/adapters/index.js';
import { buildArchetypes, loadPopulationSpec, resolvePopulation, type Archetype } from '../../synth/index.js';

/**
 * Named archetypes of Rotterdam recipients, scored by the pack's surrogate as man and as woman.
 *
 * ASSUMPTIONS: neither AUDITS.md nor the published data files give archetype profiles with figures,
 * so these four are the pack's own, named after the kinds of people Lighthouse's reporting
 * discusses (a single mother, someone struggling with Dutch who shares a home, …). Every one of the
 * 310 other inputs is held at its published training-data mean (a "typical" file), so an archetype's
 * score differs from the mean recipient's only through its focus attributes.
 */
export const ROTTERDAM_ARCHETYPES: readonly { name: string; focus: { age: number; children: 'no' | 'yes'; language: 'not_met' | 'met' | 'code_2'; cost_sharer: 'no' | 'yes' } }[] = [
  { name: 'single parent, 30, Dutch requirement met', focus: { age: 30, children: 'yes', language: 'met', cost_sharer: 'no' } },
  { name: 'struggling with Dutch, 35, shares a home', focus: { age: 35, children: 'no', language: 'not_met', cost_sharer: 'yes' } },
  { name: 'parent sharing a home, 45, Dutch not met', focus: { age: 45, children: 'yes', language: 'not_met', cost_sharer: 'yes' } },
  { name: 'lives alone, 60, no children, Dutch met', focus: { age: 60, children: 'no', language: 'met', cost_sharer: 'no' } },
];

const ageBand = (age: number): string => (age < 30 ? 'under_30' : age < 45 ? '30_44' : age < 60 ? '45_59' : '60_plus');

/** Mean of an empirical (piecewise-uniform) variable: Σ share × bin midpoint (rounding on half-integer edges keeps it). */
function empiricalMean(breaks: readonly number[], probs: readonly number[]): number {
  return probs.reduce((s, p, k) => s + p * ((breaks[k]! + breaks[k + 1]!) / 2), 0);
}

export interface ArchetypeScore {
  readonly name: string;
  readonly man: number;
  readonly woman: number;
}

/** Scores each archetype as a man and as a woman with the pack model (files under `packDir`). */
export function scoreArchetypes(packDir: string): ArchetypeScore[] {
  const spec: PopulationSpec = loadPopulationSpec(join(packDir, '..', '..', 'populations', 'rotterdam-recipients.yaml'));
  const means: Record<string, number> = {};
  for (const [name, v] of Object.entries(spec.variables)) {
    if (v.type === 'numeric' && v.dist === 'empirical') means[name] = empiricalMean(v.breaks, v.probs!);
  }
  const archetypes: Archetype[] = ROTTERDAM_ARCHETYPES.map((a) => ({
    name: a.name,
    profile: { ...means, gender: 'man', age: String(a.focus.age), age_band: ageBand(a.focus.age), children: a.focus.children, language: a.focus.language, cost_sharer: a.focus.cost_sharer },
  }));
  const rows = buildArchetypes(resolvePopulation(spec), archetypes, 'gender', ['man', 'woman']);
  const scores = loadModel(join(packDir, 'model.json')).bind(rows.table)(0, rows.table.n);
  return ROTTERDAM_ARCHETYPES.map((a, i) => ({ name: a.name, man: scores[2 * i]!, woman: scores[2 * i + 1]! }));
}
