import { computeFlipFields, computeMeanShift } from '../counterfactual/index.js';
import type { CounterfactualResult, Warning } from '../results/index.js';
import type { MergeInput } from './merge-results.js';

/** Summed twins, and what could not be summed. */
export interface MergedCounterfactual {
  readonly counterfactual: CounterfactualResult[];
  /** merge-dropped warnings, one per dropped field (or one for all twins). */
  readonly warnings: Warning[];
}

interface Sums {
  readonly first: CounterfactualResult;
  n: number;
  undefinedTwins: number;
  flaggedOriginal: number;
  flaggedTwin: number;
  up: number;
  down: number;
  /** Pairs whose score did not move (share × n, an integer); null when an input lacks it. */
  zeroShift: number | null;
  /** Σ shift and Σ shift² (mean_score_shift's numerator and sum_of_squares); null when an input lacks them. */
  shift: { sum: number; sumSq: number } | null;
}

const dropped = (field: string, why: string): Warning => ({ code: 'merge-dropped', message: `counterfactual ${field}: dropped from the merged twins: ${why}` });

/**
 * Merges the counterfactual twins of every input, by (attribute, from, to, effect): pairs, flags and
 * flips are summed and the count-based fields recomputed with the procedures of a single run
 * (Clopper–Pearson flip rates, Tango's paired interval, exact McNemar); the mean score shift from
 * the summed shifts and squared shifts, the zero-shift share from the summed zero-shift pairs.
 * Quantiles and rank shifts need each part's per-pair distribution (and ranks refer to each part's
 * own population): they are left null, each named in a warning. Twins missing from some input are
 * dropped altogether, with a warning.
 *
 * @example mergeCounterfactual(inputs, 0.05, 30).counterfactual[0]?.flips_up
 */
export function mergeCounterfactual(inputs: readonly MergeInput[], alpha: number, minCell: number): MergedCounterfactual {
  const without = inputs.filter((i) => i.results.counterfactual.length === 0);
  if (without.length === inputs.length) return { counterfactual: [], warnings: [] };
  if (without.length > 0) {
    const withTwins = inputs.filter((i) => i.results.counterfactual.length > 0).map((i) => i.file);
    return { counterfactual: [], warnings: [{ code: 'merge-dropped', message: `counterfactual: dropped: ${withTwins.join(', ')} carry twins but ${without.map((i) => i.file).join(', ')} do not; merged twins need every part` }] };
  }
  const sums = new Map<string, Sums>();
  for (const input of inputs) {
    for (const c of input.results.counterfactual) {
      const key = [c.attribute, c.from, c.to, c.effect].join('\u0000');
      const s = sums.get(key) ?? { first: c, n: 0, undefinedTwins: 0, flaggedOriginal: 0, flaggedTwin: 0, up: 0, down: 0, zeroShift: 0, shift: { sum: 0, sumSq: 0 } };
      s.n += c.n;
      s.undefinedTwins += c.undefined_twins;
      s.flaggedOriginal += c.flagged_original;
      s.flaggedTwin += c.flagged_twin;
      s.up += c.flips_up;
      s.down += c.flips_down;
      s.zeroShift = s.zeroShift === null || (c.zero_shift_share === null && c.n > 0) ? null : s.zeroShift + Math.round((c.zero_shift_share ?? 0) * c.n);
      const m = c.mean_score_shift;
      s.shift = s.shift && m.numerator != null && m.sum_of_squares !== undefined ? { sum: s.shift.sum + m.numerator, sumSq: s.shift.sumSq + m.sum_of_squares } : c.n === 0 ? s.shift : null;
      sums.set(key, s);
    }
  }
  const level = 1 - alpha;
  const counterfactual = [...sums.values()].map((s): CounterfactualResult => ({
    attribute: s.first.attribute,
    from: s.first.from,
    to: s.first.to,
    effect: s.first.effect,
    n: s.n,
    undefined_twins: s.undefinedTwins,
    flagged_original: s.flaggedOriginal,
    flagged_twin: s.flaggedTwin,
    flips_up: s.up,
    flips_down: s.down,
    ...computeFlipFields({ n: s.n, up: s.up, down: s.down, flaggedOriginal: s.flaggedOriginal }, alpha),
    mean_score_shift: s.shift ? computeMeanShift(s.n, s.shift.sum, s.shift.sumSq, alpha) : { value: null, ci: null, level, method: 'normal-paired-mean', reference: null },
    score_shift_quantiles: null,
    zero_shift_share: s.zeroShift !== null && s.n > 0 ? s.zeroShift / s.n : null,
    mean_rank_shift: { value: null, ci: null, level, method: 'normal-paired-mean', reference: null },
    rank_shift_quantiles: null,
    quantile_method: 'not merged: quantiles need the per-pair shift distribution of every part',
    rank_reference: 'not merged: each part ranked its scores within its own population',
    small_cell: s.n < minCell,
  }));
  const warnings = [
    dropped('score_shift_quantiles', 'quantiles need the per-pair distribution of the shifts, which results.json does not carry'),
    dropped('mean_rank_shift', 'each part ranked its scores within its own population, so the rank shifts do not add up'),
    dropped('rank_shift_quantiles', 'quantiles need the per-pair distribution of the rank shifts'),
  ];
  if ([...sums.values()].some((s) => s.shift === null)) warnings.push(dropped('mean_score_shift', 'an input does not carry the sums of its shifts (numerator, sum_of_squares), so the mean cannot be merged exactly'));
  if ([...sums.values()].some((s) => s.zeroShift === null)) warnings.push(dropped('zero_shift_share', 'an input does not carry it'));
  return { counterfactual, warnings };
}
