import { z } from 'zod';
import { METRIC_IDS } from '../metrics/registry.js';

/**
 * The battery: a declarative fairness test of one model on one population (or of one decisions file).
 * Paths are relative to the battery file. Types come from this schema; the JSON Schema shipped for
 * editors (harness/config/battery.schema.json) is generated from it.
 */

const MetricId = z.enum(METRIC_IDS as [string, ...string[]]).describe('A metric id from the registry, e.g. selection_rate_ratio.');

export const DecisionRule = z
  .discriminatedUnion('rule', [
    z
      .object({
        rule: z.literal('threshold'),
        value: z.number().describe('Rows with score ≥ value are flagged.'),
      })
      .strict(),
    z
      .object({
        rule: z.literal('top_fraction'),
        fraction: z.number().gt(0).lt(1).describe('Share of rows flagged, highest scores first; ties broken by row order. k = round(fraction × n).'),
      })
      .strict(),
  ])
  .describe('How scores become the adverse decision (flagged for investigation).');
export type DecisionRule = z.infer<typeof DecisionRule>;

export const Check = z
  .object({
    id: z.string().min(1).describe('Stable identifier of the check, shown in reports and JUnit.'),
    metric: MetricId,
    attribute: z.string().default('all').describe('A protected attribute, an intersection "a×b", or "all" (every attribute and the intersection). Default: all.'),
    bounds: z
      .tuple([z.number(), z.number()])
      .optional()
      .describe('Tolerance [low, high] the whole interval must lie in. Default for ratios: [0.8, 1.25] (four-fifths rule and its reciprocal); for differences: [-0.05, 0.05].'),
    source: z.string().optional().describe('Citation for the tolerance: law, guideline or published audit.'),
  })
  .strict();
export type Check = z.infer<typeof Check>;

export const Battery = z
  .object({
    title: z.string().describe('Title of the report.'),
    description: z.string().optional(),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1).describe('Master seed of every random draw. Default 1.'),
    population: z
      .object({
        spec: z.string().describe('Population spec (YAML), relative to the battery file.'),
        size: z.number().int().positive().describe('Number of synthetic rows.'),
      })
      .strict()
      .optional()
      .describe('Synthetic population to score. Exactly one of population or data.'),
    data: z
      .object({
        file: z.string().describe('Decisions file (CSV or JSONL), relative to the battery file.'),
        flag: z.string().describe('0/1 column: 1 = flagged for investigation.'),
        label: z.string().optional().describe('Optional 0/1 ground-truth column (fraud or error found).'),
        score: z.string().optional().describe('Optional numeric score column.'),
      })
      .strict()
      .optional()
      .describe('Recorded decisions to audit instead of a model run.'),
    model: z.string().optional().describe('Model file (JSON), relative to the battery file. Required with population.'),
    decision: DecisionRule.optional().describe('Required with population.'),
    label: z.string().optional().describe('Population column with the ground truth (the spec\'s outcome), enabling error-rate metrics.'),
    protected: z.array(z.string().min(1)).min(1).describe('Protected attributes: categorical columns of the population or data.'),
    reference: z.record(z.string(), z.string()).default({}).describe('Reference group per attribute; default the largest group.'),
    alpha: z.number().gt(0).lt(0.5).default(0.05).describe('Significance level; intervals are (1 − alpha) two-sided. Default 0.05.'),
    correction: z.enum(['holm', 'bonferroni', 'benjamini-hochberg', 'none']).default('holm').describe('Multiple-comparison correction of check p-values. Default holm.'),
    min_cell: z.number().int().min(0).default(30).describe('Groups with fewer rows are flagged as small cells. Default 30.'),
    inconclusive: z.enum(['fail', 'pass']).default('fail').describe('Exit status given to inconclusive checks. Default fail (exit 1).'),
    checks: z.array(Check).default([]),
  })
  .strict();
export type Battery = z.infer<typeof Battery>;
