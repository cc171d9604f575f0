/** Verdicts: every check of a battery judged as one error-controlled family, and the exit code. */
export { DEFAULT_BOUNDS, checkCandidates, evaluateChecks, limitsOf, mirrorOf, verdictFor, type MetricAt } from './evaluate-checks.js';
export { claimOf, claimPValue, type Claim, type Limits } from './claim-p-value.js';
export { familyRule, type FamilyRule } from './family-rule.js';
export { judgeFamily, type CheckCandidate } from './judge-family.js';
export { rescaledInterval } from './rescaled-interval.js';
export { exitStatus } from './exit-status.js';
export { comparisonExitStatus } from './comparison-exit-status.js';
