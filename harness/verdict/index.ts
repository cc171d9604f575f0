export { DEFAULT_BOUNDS, evaluateChecks, verdictFor } from './evaluate-checks.js';
export { exitStatus } from './exit-status.js';
