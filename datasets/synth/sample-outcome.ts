import type { Column } from '../table/index.js';
import { at, evaluateLinear } from './evaluate-linear.js';
import type { OutcomeNode } from './resolved-population.js';

/**
 * The outcome, 1 when the row's uniform falls below σ(logit), else 0 (NaN where the logit is).
 *
 * @example
 * sampleOutcome(node, u, cols, n); // Float64Array of 0 and 1
 */
export function sampleOutcome(node: OutcomeNode, u: Float64Array, cols: Map<string, Column>, n: number): Float64Array {
  const eta = evaluateLinear(node.logit, cols, n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = at(eta, i);
    out[i] = Number.isNaN(e) ? NaN : u[i]! < 1 / (1 + Math.exp(-e)) ? 1 : 0;
  }
  return out;
}
