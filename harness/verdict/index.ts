export { DEFAULT_BOUNDS, evaluateChecks, finishChecks, verdictFor } from './evaluate-checks.js';
export { exitStatus } from './exit-status.js';
