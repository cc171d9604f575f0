export { applyDecision, describeDecision } from './apply-decision.js';
