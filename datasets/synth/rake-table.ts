/**
 * One published margin for raking, compiled: `group[c]` maps each parent combination c to the index
 * of its `by` group, `target[g * K + k]` is the share of level k within group g (each group's row
 * sums to 1).
 */
export interface CompiledMargin {
  readonly group: Int32Array;
  readonly groups: number;
  readonly target: Float64Array;
}

export interface RakeResult {
  /** Conditional probabilities, combinations × K, each row summing to 1 (a row with weight 0 is left as given). */
  readonly probs: Float64Array;
  readonly iterations: number;
  /** Largest absolute gap between a raked margin share and its target, at the end. */
  readonly gap: number;
}

/**
 * Raking (iterative proportional fitting, Deming & Stephan 1940) of a conditional table
 * P(level | parent combination) to published margins, keeping the distribution of the parent
 * combinations (`weights`, summing to 1) fixed. Each sweep scales every margin to its target, then
 * renormalises each combination's row; zeros stay zeros, so constraints written as zeros survive.
 *
 * @example
 * // two parent combinations of weight 1/2, table starts uniform, overall share of level 1 is 0.3
 * rakeTable(Float64Array.of(0.5, 0.5, 0.5, 0.5), Float64Array.of(0.5, 0.5), 2,
 *   [{ group: Int32Array.of(0, 0), groups: 1, target: Float64Array.of(0.7, 0.3) }]).probs; // [0.7, 0.3, 0.7, 0.3]
 */
export function rakeTable(prior: Float64Array, weights: Float64Array, K: number, margins: readonly CompiledMargin[], tolerance = 1e-12, maxIterations = 10_000): RakeResult {
  const C = weights.length;
  const probs = Float64Array.from(prior);
  let iterations = 0;
  let gap = marginGap(probs, weights, K, margins);
  while (gap > tolerance && iterations < maxIterations) {
    iterations++;
    for (const m of margins) {
      const { current, mass } = marginOf(probs, weights, K, m);
      for (let c = 0; c < C; c++) {
        const g = m.group[c]!;
        if (!(mass[g]! > 0)) continue;
        for (let k = 0; k < K; k++) {
          const have = current[g * K + k]!;
          const want = m.target[g * K + k]! * mass[g]!;
          probs[c * K + k] = have > 0 ? probs[c * K + k]! * (want / have) : 0;
        }
      }
      // Renormalise rows: the parent distribution is a margin too.
      for (let c = 0; c < C; c++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += probs[c * K + k]!;
        if (s > 0) for (let k = 0; k < K; k++) probs[c * K + k]! /= s;
      }
    }
    gap = marginGap(probs, weights, K, margins);
  }
  return { probs, iterations, gap };
}

function marginOf(probs: Float64Array, weights: Float64Array, K: number, m: CompiledMargin): { current: Float64Array; mass: Float64Array } {
  const current = new Float64Array(m.groups * K);
  const mass = new Float64Array(m.groups);
  for (let c = 0; c < weights.length; c++) {
    const g = m.group[c]!;
    const w = weights[c]!;
    if (!(w > 0)) continue;
    mass[g]! += w;
    for (let k = 0; k < K; k++) current[g * K + k]! += w * probs[c * K + k]!;
  }
  return { current, mass };
}

/** Largest |raked share − target| over every margin and group with positive weight. */
function marginGap(probs: Float64Array, weights: Float64Array, K: number, margins: readonly CompiledMargin[]): number {
  let gap = 0;
  for (const m of margins) {
    const { current, mass } = marginOf(probs, weights, K, m);
    for (let g = 0; g < m.groups; g++) {
      if (!(mass[g]! > 0)) continue;
      for (let k = 0; k < K; k++) gap = Math.max(gap, Math.abs(current[g * K + k]! / mass[g]! - m.target[g * K + k]!));
    }
  }
  return gap;
}
