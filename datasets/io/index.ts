export { readDecisions, type DecisionColumns, type Decisions } from './read-decisions.js';
