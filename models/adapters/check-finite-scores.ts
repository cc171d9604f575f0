import { DisparateError } from '../../harness/errors/index.js';

/**
 * Refuses a score that is not a finite number (NaN, +Infinity, −Infinity), from any adapter: such a
 * score would sort above or below every other, or compare false with every threshold, and the
 * statistics built on it would be wrong without a word. `start` is the first row's index (0-based).
 * One pass, no allocation.
 *
 * @example checkFiniteScores('model.json', Float32Array.of(0.1, Infinity), 0) // throws "model.json: score is Infinity at row 2 …"
 */
export function checkFiniteScores(modelFile: string, scores: Float32Array, start: number): void {
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    // s − s is 0 for every finite s, NaN for NaN and ±Infinity.
    if (s - s !== 0) throw new DisparateError('model', `${modelFile}: score is ${s} at row ${start + i + 1}; a model must give every row a finite score`);
  }
}
