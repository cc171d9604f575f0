import { z } from 'zod';

/**
 * Model files (JSON). Every model declares its inputs; the harness refuses a population that
 * lacks one or gives it the wrong type, naming each.
 */

const Meta = {
  name: z.string().describe('Short model name.'),
  description: z.string().optional(),
  source: z.string().optional().describe('Where the model or its coefficients come from (citation).'),
};

export const NumericInput = z
  .object({
    name: z.string(),
    type: z.literal('numeric'),
    coefficient: z.number(),
    transform: z.enum(['identity', 'log', 'log1p']).default('identity').describe('Applied before centring. Default identity.'),
    center: z.number().default(0),
    scale: z.number().positive().default(1),
  })
  .strict();

export const CategoricalInput = z
  .object({
    name: z.string(),
    type: z.literal('categorical'),
    levels: z.array(z.string()).min(1).describe('Every level the model accepts; others are refused.'),
    coefficients: z.record(z.string(), z.number()).describe('Coefficient per level; unlisted levels are the reference (0).'),
  })
  .strict();

export const LogisticModel = z
  .object({
    kind: z.literal('logistic'),
    ...Meta,
    intercept: z.number(),
    inputs: z.array(z.discriminatedUnion('type', [NumericInput, CategoricalInput])).min(1),
  })
  .strict()
  .describe('score = 1 / (1 + exp(−(intercept + Σ contribution))).');
export type LogisticModel = z.infer<typeof LogisticModel>;

export const PointsTable = z
  .object({
    inputs: z.array(z.string()).min(1).max(2).describe('One or two categorical inputs.'),
    points: z
      .record(z.string(), z.union([z.number(), z.record(z.string(), z.number())]))
      .describe('Points per level (one input) or per level of the first input then of the second (two inputs).'),
    default: z.number().default(0).describe('Points for combinations the table does not list. Default 0.'),
  })
  .strict();

export const ScorecardModel = z
  .object({
    kind: z.literal('scorecard'),
    ...Meta,
    levels: z.record(z.string(), z.array(z.string()).min(1)).describe('Allowed levels of every input.'),
    tables: z.record(z.string(), PointsTable).describe('Named points tables.'),
    combine: z.string().describe('Arithmetic over table names: + − × ÷ and parentheses, e.g. "R1 * (R2 + R3)".'),
  })
  .strict();
export type ScorecardModel = z.infer<typeof ScorecardModel>;

export const ModelFile = z.discriminatedUnion('kind', [LogisticModel, ScorecardModel]);
export type ModelFile = z.infer<typeof ModelFile>;
