export { loadPopulationSpec, parsePopulationSpec } from './load-population-spec.js';
export { checkPopulationSpec, resolvePopulation } from './resolve-population.js';
export {
  columnLevels,
  type Exclusion,
  type PopulationIssue,
  type ResolvedLinear,
  type ResolvedNode,
  type ResolvedPopulation,
} from './resolved-population.js';
export { asResolved, samplePopulation, type SampleOptions } from './sample-population.js';
export { sampleTwins, type TwinEffect, type TwinOptions } from './sample-twins.js';
export { descendantColumns } from './descendants.js';
export { countConstraintViolations } from './count-constraint-violations.js';
export { duplicateByValues, type Duplicated } from './duplicate-by-values.js';
export { buildArchetypes, type Archetype, type ArchetypeRows } from './build-archetypes.js';
export { rakeTable, type CompiledMargin, type RakeResult } from './rake-table.js';
export { createPermutation, permuteIndex, type Permutation } from './permute-index.js';
