import { normalQuantile } from '../../harness/stats/rng/index.js';
import type { Column } from '../table/index.js';
import { betaQuantiler } from './beta-quantiler.js';
import { at, evaluateLinear } from './evaluate-linear.js';
import { poissonQuantile } from './poisson-quantile.js';
import type { NumericNode } from './resolved-population.js';

/**
 * Values of a parametric numeric node by inverse CDF of its distribution, with parameters evaluated
 * per row from the parents (before rounding and censoring).
 *
 * @example
 * sampleNumeric(node, u, cols, n); // lognormal incomes
 */
export function sampleNumeric(node: NumericNode, u: Float64Array, cols: Map<string, Column>, n: number): Float64Array {
  const out = new Float64Array(n);
  const [p0, p1] = node.params.map((p) => evaluateLinear(p, cols, n));
  const a = p0!;
  switch (node.dist) {
    case 'normal':
    case 'lognormal': {
      const b = p1!;
      const log = node.dist === 'lognormal';
      for (let i = 0; i < n; i++) {
        const x = at(a, i) + at(b, i) * normalQuantile(u[i]!);
        out[i] = log ? Math.exp(x) : x;
      }
      // Negative or zero scale parameters coming from terms give NaN rather than a silent wrong value.
      if (typeof b !== 'number') for (let i = 0; i < n; i++) if (!(b[i]! > 0)) out[i] = NaN;
      break;
    }
    case 'uniform': {
      const b = p1!;
      for (let i = 0; i < n; i++) {
        const lo = at(a, i);
        out[i] = lo + (at(b, i) - lo) * u[i]!;
      }
      break;
    }
    case 'poisson':
      for (let i = 0; i < n; i++) out[i] = poissonQuantile(u[i]!, at(a, i));
      break;
    case 'beta': {
      const b = p1!;
      if (typeof a === 'number' && typeof b === 'number') {
        const q = betaQuantiler(a, b);
        for (let i = 0; i < n; i++) out[i] = q(u[i]!);
      } else {
        for (let i = 0; i < n; i++) out[i] = betaQuantiler(at(a, i), at(b, i))(u[i]!);
      }
      break;
    }
  }
  return out;
}
