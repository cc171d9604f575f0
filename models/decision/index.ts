export { applyDecision, decisionColumns, describeDecision, topRows } from './apply-decision.js';
export { kthLargest } from './kth-largest.js';
export { tieBreak } from './tie-break-warning.js';
