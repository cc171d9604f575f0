import type { Reproduction } from '../results/index.js';

/**
 * What a reproduction amounts to, from its counts per class:
 * - `broken-build`: an input (a value the pack was built or calibrated from) does not read back
 *   within its tolerance, so the pack itself is broken; nothing it reproduces can be trusted.
 * - `not-reproduced`: the build holds, but a `reproduced` figure misses its tolerance.
 * - `reproduced`: the build holds and every `reproduced` figure is within tolerance (also when the
 *   pack has none: then it reproduces nothing, and says so).
 * Informative figures never change the outcome.
 *
 * @example reproductionOutcome({ ..., reproduced: { within: 0, total: 0 }, inputs: { within: 8, total: 8 } }) // 'reproduced'
 */
export function reproductionOutcome(r: Pick<Reproduction, 'reproduced' | 'inputs'>): 'reproduced' | 'not-reproduced' | 'broken-build' {
  if (r.inputs.within < r.inputs.total) return 'broken-build';
  return r.reproduced.within < r.reproduced.total ? 'not-reproduced' : 'reproduced';
}
