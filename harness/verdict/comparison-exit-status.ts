import { EXIT } from '../errors/index.js';
import type { Comparison } from '../results/index.js';

/**
 * The exit code of `disparate compare`, by the battery's declared rule: with `fail_when: worse`
 * (the default) 1 when any check row got worse, else 0; with `never` always 0. The candidate's own
 * pass / fail verdicts do not enter it: `disparate run` on the candidate gates those.
 *
 * @example comparisonExitStatus({ fail_when: 'worse', tally: { worse: 1 } }) // 1
 */
export function comparisonExitStatus(comparison: Pick<Comparison, 'fail_when'> & { tally: Pick<Comparison['tally'], 'worse'> }): number {
  return comparison.fail_when === 'worse' && comparison.tally.worse > 0 ? EXIT.fail : EXIT.pass;
}
