import { LABEL_LIMITS, normaliseLabels } from '../table/index.js';

/**
 * Applies the label policy (see `normaliseLabels`) to a list of levels a spec declares: a repeated
 * level, two levels equal but for Unicode form, invisible characters or spaces, a control character
 * or a level past the length limit is reported at `path.<index>`; so is a list past the level limit.
 * One Map lookup per level, so a list of a million levels is checked in well under a second.
 *
 * @example checkLevels(ctx.issue, ['a', 'a'], 'variables.x.levels') // issue('variables.x.levels.1', 'duplicate level "a"'), false
 */
export function checkLevels(issue: (path: string, message: string) => void, levels: readonly string[], path: string): boolean {
  const checked = normaliseLabels(levels, 'level');
  if (checked.problem === null) return true;
  const duplicate = /^level (".*") appears twice$/.exec(checked.problem);
  const at = levels.length > LABEL_LIMITS.levels ? path : `${path}.${checked.index}`;
  issue(at, duplicate ? `duplicate level ${duplicate[1]}` : checked.problem.replace(/^has /, 'lists '));
  return false;
}
