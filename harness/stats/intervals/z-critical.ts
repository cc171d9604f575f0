import { normalQuantile } from '../stdlib-functions.js';

/** Two-sided standard-normal critical value for significance `alpha` (1.959963984540054 for 0.05). */
export function zCritical(alpha: number): number {
  return normalQuantile(1 - alpha / 2, 0, 1);
}
