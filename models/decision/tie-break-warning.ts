import type { DecisionRule } from '../../harness/config/index.js';

/**
 * Rows a top_k or top_fraction rule flagged by its tie-break (row order) rather than by score: when
 * the lowest flagged score is shared by rows left unflagged, which of them are flagged depends on
 * the order of the rows, not on the model. Null when no flag was decided that way (or for rules
 * whose order is not the score alone: thresholds have no tie-break, second stages and strata rank
 * by other columns too).
 *
 * @example tieBreak({ rule: 'top_k', k: 2 }, Float32Array.of(0.9, 0.5, 0.5, 0.1), Uint8Array.of(1, 1, 0, 0))
 * // { score: 0.5, flagged: 1, tied: 2 }
 */
export function tieBreak(rule: DecisionRule, scores: Float32Array, flagged: Uint8Array): { score: number; flagged: number; tied: number } | null {
  if ((rule.rule !== 'top_k' && rule.rule !== 'top_fraction') || rule.second_stage) return null;
  // A flag for "some row is flagged", not an Infinity marker: an infinite score must not hide a tie.
  let any = false;
  let cut = 0;
  for (let i = 0; i < scores.length; i++) {
    if (flagged[i] && (!any || scores[i]! < cut)) {
      cut = scores[i]!;
      any = true;
    }
  }
  if (!any) return null;
  let tiedFlagged = 0;
  let tied = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] !== cut) continue;
    tied++;
    if (flagged[i]) tiedFlagged++;
  }
  return tied > tiedFlagged ? { score: cut, flagged: tiedFlagged, tied } : null;
}
