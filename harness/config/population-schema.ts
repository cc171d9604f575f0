import { z } from 'zod';

/**
 * Population spec: a structural causal model of a synthetic applicant population, written in YAML
 * (`datasets/populations/*.yaml`), sampled by `datasets/synth`. Every variable is a column; its
 * distribution may depend on earlier variables (its parents). Each (variable, row) consumes one
 * uniform draw, so counterfactual twins reuse the same noise.
 *
 * Semantic rules that a schema cannot express (probabilities summing to 1, one table row per
 * combination of parent levels, known parents, no cycles) are checked by `checkPopulationSpec` in
 * `datasets/synth`, which names the field path of each problem.
 *
 * @example
 * name: toy
 * variables:
 *   nationality: { type: categorical, levels: [french, non_eu], probs: [0.9, 0.1] }
 *   income: { type: numeric, dist: lognormal, params: { meanlog: { base: 9.8, terms: { nationality: { non_eu: -0.3 } } }, sdlog: 0.5 } }
 * outcome: { name: fraud, logit: { intercept: -3 } }
 */

const name = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
  .describe('Identifier: letters, digits and underscores, not starting with a digit.');

const level = z
  .string()
  .min(1)
  .regex(/^[^|]+$/)
  .describe('A category level (any non-empty text without "|", which joins parent levels in table keys).');

export const LinearTerm = z
  .union([
    z.number().describe('Numeric parent: coefficient multiplying the parent value.'),
    z
      .record(z.string(), z.number())
      .describe('Categorical parent: amount added per level; levels not listed add 0 (the reference).'),
  ])
  .describe('Contribution of one parent variable.');

export const LinearPredictor = z
  .strictObject({
    base: z.number().default(0).describe('Value when every term contributes 0. Default 0.'),
    terms: z
      .record(z.string(), LinearTerm)
      .default({})
      .describe('Parent variable name → contribution: { level: amount } for a categorical parent, a coefficient for a numeric one.'),
  })
  .describe('base + Σ terms, evaluated per row from the parent columns.');

export const Parameter = z
  .union([z.number(), LinearPredictor])
  .describe('A distribution parameter: a constant, or { base, terms } depending on parent variables.');

const numericCommon = {
  type: z.literal('numeric'),
  description: z.string().optional().describe('What the variable means, and where its numbers come from.'),
  min: z.number().optional().describe('Values below are set to min (censoring, applied after rounding).'),
  max: z.number().optional().describe('Values above are set to max (censoring, applied after rounding).'),
  round: z
    .number()
    .int()
    .min(-15)
    .max(15)
    .optional()
    .describe('Round to this many decimals (0 = integers, -2 = hundreds). Default: no rounding.'),
};

export const NormalVariable = z
  .strictObject({
    ...numericCommon,
    dist: z.literal('normal'),
    params: z.strictObject({ mean: Parameter, sd: Parameter.describe('Standard deviation (> 0).') }),
  })
  .describe('Normal distribution, by inverse CDF of the row\'s uniform.');

export const LognormalVariable = z
  .strictObject({
    ...numericCommon,
    dist: z.literal('lognormal'),
    params: z.strictObject({
      meanlog: Parameter.describe('Mean of log(x).'),
      sdlog: Parameter.describe('Standard deviation of log(x) (> 0).'),
    }),
  })
  .describe('Log-normal distribution: exp(meanlog + sdlog · z).');

export const UniformVariable = z
  .strictObject({
    ...numericCommon,
    dist: z.literal('uniform'),
    params: z.strictObject({ min: Parameter, max: Parameter }),
  })
  .describe('Uniform distribution on [min, max).');

export const PoissonVariable = z
  .strictObject({
    ...numericCommon,
    dist: z.literal('poisson'),
    params: z.strictObject({ lambda: Parameter.describe('Mean (> 0).') }),
  })
  .describe('Poisson counts (inverse CDF; normal approximation above lambda = 500).');

export const NumericVariable = z
  .discriminatedUnion('dist', [NormalVariable, LognormalVariable, UniformVariable, PoissonVariable])
  .describe('A numeric column whose distribution parameters may depend on parents (through their terms).');

export const CategoricalVariable = z
  .strictObject({
    type: z.literal('categorical'),
    description: z.string().optional().describe('What the variable means, and where its numbers come from.'),
    levels: z.array(level).min(1).describe('Levels, in order; the first is usually the reference.'),
    parents: z
      .array(z.string())
      .optional()
      .describe('Categorical variables this one depends on; required with `table`, absent with `probs`.'),
    probs: z
      .array(z.number().min(0).max(1))
      .optional()
      .describe('Unconditional probabilities, one per level, summing to 1.'),
    table: z
      .record(z.string(), z.array(z.number().min(0).max(1)))
      .optional()
      .describe(
        'Conditional probabilities: key = parent levels joined by "|" in `parents` order (e.g. "non_eu|disabled"), value = one probability per level, summing to 1. One row per combination of parent levels.',
      ),
  })
  .describe('A categorical column: `probs`, or `parents` + `table`.');

export const DerivedVariable = z
  .strictObject({
    type: z.literal('derived'),
    description: z.string().optional().describe('What the variable means, and where its numbers come from.'),
    from: z.string().describe('The numeric variable to bin.'),
    bins: z
      .array(
        z.strictObject({
          max: z.number().optional().describe('Upper bound, exclusive (x < max). Omitted on the last bin only.'),
          level: level,
        }),
      )
      .min(1)
      .describe('Bins in increasing order; a value goes to the first bin with x < max, else to the last.'),
  })
  .describe('A categorical column computed from a numeric one by binning (no randomness).');

export const Variable = z
  .discriminatedUnion('type', [CategoricalVariable, NumericVariable, DerivedVariable])
  .describe('One variable: categorical, numeric or derived.');

export const Outcome = z
  .strictObject({
    name: name.describe('Column name of the ground-truth adverse event (0/1 numeric).'),
    description: z.string().optional().describe('What the event stands for.'),
    logit: z
      .strictObject({
        intercept: z.number().describe('Log-odds when every term contributes 0.'),
        terms: z
          .record(z.string(), LinearTerm)
          .default({})
          .describe('Variable name → contribution to the log-odds: { level: amount } or a coefficient.'),
      })
      .describe('P(event) = 1 / (1 + exp(−(intercept + Σ terms))).'),
  })
  .describe('Ground-truth adverse event (error or fraud), drawn per row from a logistic model.');

export const PopulationSpec = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema reference, for editors.'),
    name: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/)
      .describe('Short identifier of the population (letters, digits, "_", "-", "."), e.g. caf-households.'),
    description: z.string().optional().describe('What the population represents.'),
    sources: z.array(z.string()).default([]).describe('Citations for the figures used; everything else is an assumption.'),
    variables: z
      .record(name, Variable)
      .describe('Variable name → definition. Columns appear in this order; sampling follows the parent graph.'),
    outcome: Outcome.optional(),
  })
  .describe('A synthetic population: variables with conditional distributions and an optional outcome.');

export type PopulationSpec = z.infer<typeof PopulationSpec>;
export type PopulationSpecInput = z.input<typeof PopulationSpec>;
export type PopulationVariable = z.infer<typeof Variable>;
export type CategoricalVariable = z.infer<typeof CategoricalVariable>;
export type NumericVariable = z.infer<typeof NumericVariable>;
export type DerivedVariable = z.infer<typeof DerivedVariable>;
export type Parameter = z.infer<typeof Parameter>;
export type LinearPredictor = z.infer<typeof LinearPredictor>;
export type PopulationOutcome = z.infer<typeof Outcome>;
