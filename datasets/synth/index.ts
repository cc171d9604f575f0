export { loadPopulationSpec, parsePopulationSpec } from './load-population-spec.js';
export { checkPopulationSpec, resolvePopulation } from './resolve-population.js';
export type { PopulationIssue, ResolvedLinear, ResolvedNode, ResolvedPopulation } from './resolved-population.js';
export { samplePopulation, type SampleOptions } from './sample-population.js';
export { formatZodIssue } from './format-zod-issue.js';
