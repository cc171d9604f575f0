/** Sample size and exact power of a check's verdict under the battery's rule (`disparate plan`). */
export { binomialMass, type BinomialMass } from './binomial-mass.js';
export { exactMiss, type ExactMiss } from './exact-miss.js';
export { ratioLimitSides, type LimitSides } from './limit-sides.js';
export { intervalVerdict, ratioVerdict, type RatioBounds, type RatioVerdict } from './ratio-verdict.js';
export { estimatePowerBound, verdictPower, verdictPowerRuns, type VerdictPowerInput, type VerdictRuns, type VerdictTarget } from './verdict-power.js';
export { normalVerdictSize, type NormalVerdictSizeInput } from './normal-verdict-size.js';
export {
  planTarget,
  verdictSampleSize,
  windowLength,
  VERDICT_SAMPLE_SIZE_METHOD,
  type PlanGoal,
  type VerdictSampleSize,
  type VerdictSampleSizeInput,
} from './verdict-sample-size.js';
