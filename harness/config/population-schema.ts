import { z } from 'zod';
import { DisplayLabels } from './display-labels.js';

/**
 * Population spec: a structural causal model of a synthetic applicant population, written in YAML
 * (`datasets/populations/*.yaml`), sampled by `datasets/synth`. Every variable is a column (a joint
 * table gives several); its distribution may depend on earlier variables (its parents). Each
 * (variable, row) consumes one uniform draw, so counterfactual twins reuse the same noise.
 *
 * Kinds: categorical (probs, or a table per parent combination, optionally raked to published
 * margins), numeric (normal, lognormal, uniform, Poisson, beta, empirical bins; parameters with
 * terms on parents), derived (bins of a number, or an arquero row expression), joint (a full table
 * of counts, e.g. a statistics office cross-tabulation, allocated multinomially or exactly).
 * `constraints` are excluded combinations proven impossible by the tables' zeros.
 *
 * Semantic rules that a schema cannot express (probabilities summing to 1, one table row per
 * combination of parent levels, known parents, no cycles, constraints, raking convergence) are
 * checked by `checkPopulationSpec` in `datasets/synth`, which names the field path of each problem.
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

export const BetaVariable = z
  .strictObject({
    ...numericCommon,
    dist: z.literal('beta'),
    params: z.strictObject({
      alpha: Parameter.describe('First shape parameter (> 0).'),
      beta: Parameter.describe('Second shape parameter (> 0).'),
    }),
  })
  .describe('Beta distribution on (0, 1), by inverse CDF (regularised incomplete beta). Rescale with a derived expression.');

const binProbs = z.array(z.number().min(0).max(1));

export const EmpiricalVariable = z
  .strictObject({
    ...numericCommon,
    dist: z.literal('empirical'),
    breaks: z
      .array(z.number())
      .min(2)
      .describe('Bin edges, strictly increasing: K + 1 numbers for K bins [breaks[k], breaks[k+1]).'),
    probs: binProbs.optional().describe('Share of each bin (K numbers summing to 1); absent with `parents` + `table`.'),
    parents: z
      .array(z.string())
      .optional()
      .describe('Categorical variables the bin shares depend on; required with `table`.'),
    table: z
      .record(z.string(), binProbs)
      .optional()
      .describe('Bin shares per combination of parent levels (key = levels joined by "|" in `parents` order).'),
  })
  .describe(
    'Piecewise-uniform distribution from a published histogram: a bin is chosen with the bin shares, the value is uniform within it (one uniform per row, by inverse CDF).',
  );

export const NumericVariable = z
  .discriminatedUnion('dist', [NormalVariable, LognormalVariable, UniformVariable, PoissonVariable, BetaVariable, EmpiricalVariable])
  .describe('A numeric column whose distribution parameters may depend on parents (through their terms).');

export const RakeMargin = z
  .strictObject({
    source: z.string().optional().describe('Citation of the published figure.'),
    by: z
      .array(z.string())
      .default([])
      .describe('Parents the published shares are broken down by (a subset of `parents`); [] = overall shares. Default [].'),
    probs: z.array(z.number().min(0).max(1)).optional().describe('With `by: []`: the overall share of each level, summing to 1.'),
    table: z
      .record(z.string(), z.array(z.number().min(0).max(1)))
      .optional()
      .describe('With `by`: shares of each level within each combination of the `by` levels (key joined by "|"), each row summing to 1.'),
  })
  .describe('One published margin: the distribution of this variable overall or within groups of some parents.');

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
        'Conditional probabilities: key = parent levels joined by "|" in `parents` order (e.g. "non_eu|disabled"), value = one probability per level, summing to 1. One row per combination of parent levels. A 0 makes a level impossible given those parents (constraints by construction).',
      ),
    rake: z
      .array(RakeMargin)
      .min(1)
      .optional()
      .describe(
        'Calibration: published marginals the table is raked to (iterative proportional fitting, Deming & Stephan 1940). The table is the starting point; zeros stay zeros; the distribution of the parents is kept.',
      ),
  })
  .describe('A categorical column: `probs`, or `parents` + `table` (optionally raked to published marginals).');

const bin = z.strictObject({
  max: z.number().optional().describe('Upper bound, exclusive (x < max). Omitted on the last bin only.'),
  level: level,
});

export const DerivedVariable = z
  .strictObject({
    type: z.literal('derived'),
    description: z.string().optional().describe('What the variable means, and where its numbers come from.'),
    from: z.string().optional().describe('The numeric variable to bin (with `bins`). Give `from` or `expr`.'),
    expr: z
      .string()
      .optional()
      .describe(
        'An arquero table expression over earlier columns, evaluated per row, e.g. "d => d.income / 12" or "d => d.age >= 25 && d.student === \'yes\' ? 1 : 0". Categorical columns read as their level text; missing values as null (numeric NaN). Row-wise only: no aggregates, windows or op.random.',
      ),
    bins: z
      .array(bin)
      .min(1)
      .optional()
      .describe('Bins in increasing order; a value goes to the first bin with x < max, else to the last. Makes the column categorical.'),
    levels: z
      .array(level)
      .min(1)
      .optional()
      .describe('With `expr` returning text: the levels it may return (the column is categorical; any other value is an error).'),
  })
  .describe('A column computed without randomness: a numeric variable binned (`from` + `bins`), or an arquero expression (`expr`), optionally binned or categorical (`levels`).');

export const JointVariable = z
  .strictObject({
    type: z.literal('joint'),
    description: z.string().optional().describe('What the table is, and where its counts come from.'),
    columns: z
      .record(name, z.array(level).min(1))
      .describe(
        'Column name → levels, in causal order: a counterfactual on one column (total effect) redraws the columns after it, within the cells that match the columns before it.',
      ),
    counts: z
      .record(z.string(), z.array(z.number().min(0)))
      .describe(
        'Cell counts of the full joint table: key = levels of every column but the last, joined by "|" in `columns` order; value = one count per level of the last column. One row per combination.',
      ),
    allocation: z
      .enum(['multinomial', 'exact'])
      .default('multinomial')
      .describe(
        '"multinomial": each row draws a cell independently (cell counts within sampling error). "exact": systematic allocation — the rows are put in a random order (a counter-based permutation of the whole population) and cut at the cumulative counts, so a population of the table\'s total size reproduces every cell count exactly, and any size N gets each cell within 1 of N × share. Default multinomial.',
      ),
  })
  .describe('Several categorical columns drawn together from a full joint table of counts (e.g. a statistics office cross-tabulation).');

export const Variable = z
  .discriminatedUnion('type', [CategoricalVariable, NumericVariable, DerivedVariable, JointVariable])
  .describe('One variable: categorical, numeric, derived or joint.');

const condition = z.record(z.string(), z.union([level, z.array(level).min(1)]));

export const Constraint = z
  .strictObject({
    description: z.string().optional().describe('The rule in words, and its source.'),
    exclude: condition
      .optional()
      .describe('A combination that must never occur: column → level (or any of several levels), all at once, e.g. { student: "yes", apprentice: "yes" }.'),
    if: condition.optional().describe('With `then`: the rows the rule applies to, e.g. { aah: "yes" }.'),
    then: condition.optional().describe('With `if`: the levels those rows must have, e.g. { disability: disabled }.'),
  })
  .describe(
    'A rule the sampler must satisfy by construction (it is checked against the tables when the spec loads, not by rejecting rows): give `exclude`, or `if` + `then`.',
  );


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
    unit: z
      .string()
      .regex(/^[\p{L}][\p{L} '-]*$/u)
      .optional()
      .describe('What one row is, in the plural, for the report\'s sentences ("households", "students", "applicants"). Default "people".'),
    labels: DisplayLabels.optional(),
    sources: z.array(z.string()).default([]).describe('Citations for the figures used; everything else is an assumption.'),
    variables: z
      .record(name, Variable)
      .describe('Variable name → definition. Columns appear in this order; sampling follows the parent graph.'),
    outcome: Outcome.optional(),
    constraints: z
      .array(Constraint)
      .default([])
      .describe('Rules every row satisfies by construction (zeros in the tables); the spec is refused when a table allows a violation. Default [].'),
  })
  .describe('A synthetic population: variables with conditional distributions and an optional outcome.');

export type PopulationSpec = z.infer<typeof PopulationSpec>;
export type PopulationSpecInput = z.input<typeof PopulationSpec>;
export type PopulationVariable = z.infer<typeof Variable>;
export type CategoricalVariable = z.infer<typeof CategoricalVariable>;
export type NumericVariable = z.infer<typeof NumericVariable>;
export type DerivedVariable = z.infer<typeof DerivedVariable>;
export type JointVariable = z.infer<typeof JointVariable>;
export type PopulationConstraint = z.infer<typeof Constraint>;
export type RakeMargin = z.infer<typeof RakeMargin>;
export type Parameter = z.infer<typeof Parameter>;
export type LinearPredictor = z.infer<typeof LinearPredictor>;
export type PopulationOutcome = z.infer<typeof Outcome>;
