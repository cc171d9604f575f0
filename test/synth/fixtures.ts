import type { PopulationSpecInput } from '../../harness/config/population-schema.js';
import { PopulationSpec } from '../../harness/config/population-schema.js';

/** A small population exercising every variable kind, with numbers easy to check by hand. */
export const toyInput: PopulationSpecInput = {
  name: 'toy',
  variables: {
    nationality: { type: 'categorical', levels: ['french', 'eu', 'non_eu'], probs: [0.8, 0.1, 0.1] },
    disability: { type: 'categorical', levels: ['none', 'disabled'], probs: [0.9, 0.1] },
    single_parent: {
      type: 'categorical',
      parents: ['nationality', 'disability'],
      levels: ['no', 'yes'],
      table: {
        'french|none': [0.85, 0.15],
        'french|disabled': [0.8, 0.2],
        'eu|none': [0.88, 0.12],
        'eu|disabled': [0.75, 0.25],
        'non_eu|none': [0.7, 0.3],
        'non_eu|disabled': [0.6, 0.4],
      },
    },
    children: { type: 'numeric', dist: 'poisson', params: { lambda: { base: 1.2, terms: { single_parent: { yes: 0.5 } } } } },
    income: {
      type: 'numeric',
      dist: 'lognormal',
      params: { meanlog: { base: 9.8, terms: { nationality: { non_eu: -0.3 }, children: -0.02 } }, sdlog: 0.5 },
      min: 0,
      round: 0,
    },
    age: { type: 'numeric', dist: 'normal', params: { mean: 45, sd: 12 }, min: 18, max: 99 },
    rent_share: { type: 'numeric', dist: 'uniform', params: { min: 0.1, max: 0.5 } },
    income_band: {
      type: 'derived',
      from: 'income',
      bins: [
        { max: 12000, level: 'low' },
        { max: 30000, level: 'mid' },
        { level: 'high' },
      ],
    },
  },
  outcome: { name: 'fraud', logit: { intercept: -3, terms: { income_band: { low: 0.4 }, rent_share: 1 } } },
};

export const toy: PopulationSpec = PopulationSpec.parse(toyInput);
