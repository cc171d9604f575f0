/** Decision rules: scores to the adverse decision (flagged), ties at a cut settled by a seeded lot on row identity. */
export { applyDecision, decisionColumns, describeDecision, type Decision, type DecisionLot } from './apply-decision.js';
export { rowContentTickets } from './content-tickets.js';
export { flagByCut } from './flag-by-cut.js';
export { kthLargest } from './kth-largest.js';
export { rowIndexTickets, TIE_STREAM, type TieTickets } from './tie-tickets.js';
export { TIES_AT_CUT, tieWarnings } from './tie-warnings.js';
export { topByKey, type Cut, type RankedTop, type TieLot } from './top-by-key.js';
