export { applicantTable, type ApplicantValues } from './applicant-table.js';
export { explainApplicant, type ApplicantExplanation, type Counterfactual, type ExplainOptions } from './explain-applicant.js';
export { formatExplanation } from './format-explanation.js';
export { scoreTable } from './score-table.js';
