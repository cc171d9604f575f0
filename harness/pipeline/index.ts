export { auditDecisions, type AuditOptions } from './audit-decisions.js';
export { batteryReferences, resolveBattery, type ResolvedBattery } from './resolve-battery.js';
export { runBattery, type DecidedRows, type RunOptions } from './run-battery.js';
export { auditOptions, executeBattery } from './execute-battery.js';
export { reproducePack } from './reproduce-pack.js';
export { reproductionOutcome } from './reproduction-outcome.js';
export { MAX_ROWS } from './max-rows.js';
export { displayManifest } from './display-manifest.js';
export { describeVerification, verifyModel, type Verification, type VerifyOptions } from './verify-model.js';
