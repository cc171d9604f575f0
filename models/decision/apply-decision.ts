import type { DecisionRule } from '../../harness/config/index.js';
import { kthLargest } from './kth-largest.js';

/**
 * Turns scores into the adverse decision (1 = flagged for investigation).
 * `top_fraction` flags k = round(fraction × n) rows with the highest scores; ties at the cut-off
 * are broken by row order, so the result does not depend on chunking or worker count.
 *
 * @example applyDecision(Float32Array.of(0.2, 0.9, 0.5), { rule: 'threshold', value: 0.5 }) // [0, 1, 1]
 */
export function applyDecision(scores: Float32Array, rule: DecisionRule): Uint8Array {
  const flagged = new Uint8Array(scores.length);
  if (rule.rule === 'threshold') {
    for (let i = 0; i < scores.length; i++) flagged[i] = scores[i]! >= rule.value ? 1 : 0;
    return flagged;
  }
  const n = scores.length;
  const k = Math.round(rule.fraction * n);
  if (k === 0) return flagged;
  const cut = kthLargest(scores, k);
  let taken = 0;
  for (let i = 0; i < n; i++) {
    if (scores[i]! > cut) {
      flagged[i] = 1;
      taken++;
    }
  }
  for (let i = 0; i < n && taken < k; i++) {
    if (scores[i] === cut) {
      flagged[i] = 1;
      taken++;
    }
  }
  return flagged;
}

/** The rule in words, for the manifest and reports. */
export function describeDecision(rule: DecisionRule): string {
  return rule.rule === 'threshold'
    ? `flagged when score ≥ ${rule.value}`
    : `top ${+(rule.fraction * 100).toFixed(4)} % of scores flagged (k = round(fraction × n), ties by row order)`;
}
