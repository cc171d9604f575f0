import type { DecisionRule } from '../../harness/config/index.js';
import type { DecisionLot } from './apply-decision.js';

/** Stable code of the warning a tie-break lot leaves in results.json. */
export const TIES_AT_CUT = 'ties-at-cut';

const count = (x: number) => x.toLocaleString('en');
// Scores are float32: seven significant digits name the value without float noise.
const value = (x: number) => String(+x.toPrecision(7));

/**
 * One `ties-at-cut` warning per lot a decision drew: the rule, the stratum, the stage, how many rows
 * tied at the cut for how many places, and how many of them the lot flagged.
 *
 * @example tieWarnings({ rule: 'top_k', k: 2 }, [{ stage: 'selection', stratum: null, places: 2, key: 0.5, above: 1, tied: 3, flagged: 1 }])
 * // [{ code: 'ties-at-cut', message: 'top_k: 3 rows tie at score 0.5 for the last 1 of 2 places (1 scored higher); …' }]
 */
export function tieWarnings(rule: DecisionRule, lots: readonly DecisionLot[]): { code: string; message: string }[] {
  return lots.map((lot) => {
    const where = `${rule.rule}${lot.stratum === null || rule.rule !== 'stratum_capacity' ? '' : ` (${rule.stratum} = ${lot.stratum})`}`;
    const left = lot.tied - lot.flagged;
    const lottery = `each tied row's chance ${count(lot.flagged)}/${count(lot.tied)}; which rows, and so the groups' counts, follow the run's seed, not the order of the rows`;
    switch (lot.stage) {
      case 'selection':
        return { code: TIES_AT_CUT, message: `${where}: ${count(lot.tied)} rows tie at score ${value(lot.key)} for the last ${count(lot.flagged)} of ${count(lot.places)} places (${count(lot.above)} scored higher); a seeded lot on row identity flagged ${count(lot.flagged)} of them and left ${count(left)} unflagged (${lottery})` };
      case 'candidates':
        return { code: TIES_AT_CUT, message: `${where}, second-stage candidates: ${count(lot.tied)} rows tie at score ${value(lot.key)} for the last ${count(lot.flagged)} of ${count(lot.places)} candidate places (${count(lot.above)} scored higher); a seeded lot on row identity admitted ${count(lot.flagged)} of them and left ${count(left)} out (${lottery})` };
      case 'second_stage':
        return { code: TIES_AT_CUT, message: `${where}, second stage: ${count(lot.tied)} candidates tie at priority ${value(lot.key)} (score × uplift) for the last ${count(lot.flagged)} of ${count(lot.places)} places (${count(lot.above)} ranked higher); a seeded lot on row identity flagged ${count(lot.flagged)} of them and left ${count(left)} unflagged (${lottery})` };
    }
  });
}
