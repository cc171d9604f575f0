import type { DecisionRule } from '../config/index.js';
import type { Warning } from '../results/index.js';

/**
 * A warning when a decision rule flags every row or none (`top_k: 1e9`, a threshold above every
 * score): every group then has the same selection rate, so selection checks pass without testing
 * anything. The caller turns a pass into inconclusive, as for a check that compared nothing.
 *
 * @example decisionExtentWarning({ rule: 'top_k', k: 1e9 }, Uint8Array.of(1, 1)) // { code: 'decision-flags-everyone', … }
 */
export function decisionExtentWarning(rule: DecisionRule, flagged: Uint8Array): Warning | null {
  let count = 0;
  for (let i = 0; i < flagged.length; i++) count += flagged[i]!;
  if (count !== 0 && count !== flagged.length) return null;
  const n = flagged.length.toLocaleString('en-US');
  const what = rule.rule === 'top_k' ? `top_k (k = ${rule.k.toLocaleString('en-US')})` : rule.rule === 'threshold' ? `threshold ${rule.value}` : rule.rule;
  return count === 0
    ? { code: 'decision-flags-no-one', message: `decision: ${what} flags none of the ${n} rows, so it separates no group from another and its checks test nothing; the verdict is inconclusive` }
    : { code: 'decision-flags-everyone', message: `decision: ${what} flags every one of the ${n} rows, so it separates no group from another and its checks test nothing; the verdict is inconclusive` };
}
