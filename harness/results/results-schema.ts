import { z } from 'zod';

/**
 * results.json, the stable contract that reports, `merge` and outside tools read.
 * Types come from these schemas; `disparate schema --results` prints the JSON Schema.
 */

/** One estimate with its interval. `reference` names the comparison group for ratios and differences. */
export const MetricValue = z
  .object({
    value: z.number().nullable().describe('Point estimate; null where the denominator is zero.'),
    ci: z.tuple([z.number(), z.number()]).nullable().describe('Two-sided confidence interval; null where undefined.'),
    level: z.number().describe('Confidence level of `ci`, e.g. 0.95.'),
    method: z.string().describe('Interval method, e.g. "wilson", "katz-log", "newcombe-hybrid-score".'),
    reference: z.string().nullable().describe('Reference group of a ratio or difference (group ÷ reference, group − reference); null for a rate.'),
    numerator: z.number().nullable().optional().describe('Count in the numerator of a rate.'),
    denominator: z.number().nullable().optional().describe('Count in the denominator of a rate.'),
  })
  .strict();
export type MetricValue = z.infer<typeof MetricValue>;

export const GroupResult = z
  .object({
    attribute: z.string().describe('Protected attribute, or attributes joined by "×" for an intersection.'),
    group: z.string().describe('Group value, or values joined by "×".'),
    is_reference: z.boolean(),
    n: z.number().int(),
    flagged: z.number().int().describe('Rows with the adverse outcome (flagged for investigation).'),
    tp: z.number().int().nullable(),
    fp: z.number().int().nullable(),
    tn: z.number().int().nullable(),
    fn: z.number().int().nullable(),
    labelled: z.number().int().describe('Rows with a ground-truth label.'),
    small_cell: z.boolean().describe('n below the battery\'s min_cell: estimates shown but unreliable.'),
    mean_score: z.number().nullable(),
    metrics: z.record(z.string(), MetricValue),
  })
  .strict();
export type GroupResult = z.infer<typeof GroupResult>;

export const CheckResult = z
  .object({
    id: z.string(),
    metric: z.string(),
    attribute: z.string(),
    group: z.string(),
    reference: z.string().nullable(),
    value: z.number().nullable(),
    ci: z.tuple([z.number(), z.number()]).nullable(),
    level: z.number(),
    method: z.string(),
    bounds: z.tuple([z.number(), z.number()]),
    bounds_origin: z.enum(['battery', 'default']),
    source: z.string().nullable().describe('Citation for the tolerance.'),
    verdict: z.enum(['pass', 'fail', 'inconclusive']),
    p_value: z.number().nullable().describe('Two-sided p-value of "no disparity" (ratio 1, difference 0).'),
    adjusted_p_value: z.number().nullable(),
    correction: z.string(),
    small_cell: z.boolean(),
  })
  .strict();
export type CheckResult = z.infer<typeof CheckResult>;

export const Warning = z.object({ code: z.string(), message: z.string() }).strict();
export type Warning = z.infer<typeof Warning>;

export const Manifest = z
  .object({
    tool: z.string(),
    tool_version: z.string(),
    command: z.string(),
    mode: z.enum(['run', 'audit']),
    title: z.string(),
    battery_file: z.string().nullable(),
    battery_hash: z.string().nullable(),
    model: z
      .object({ file: z.string(), hash: z.string(), kind: z.string(), name: z.string(), source: z.string().nullable() })
      .strict()
      .nullable(),
    population: z.object({ file: z.string(), hash: z.string() }).strict().nullable(),
    data: z.object({ file: z.string(), hash: z.string() }).strict().nullable(),
    decision: z.string().describe('Decision rule in words, e.g. "top 5 % of scores flagged".'),
    seed: z.number().int().nullable(),
    rng: z.string().nullable(),
    rows: z.number().int(),
    protected: z.array(z.string()),
    references: z.record(z.string(), z.object({ group: z.string(), origin: z.enum(['battery', 'cli', 'default']) }).strict()),
    alpha: z.number(),
    correction: z.string(),
    min_cell: z.number().int(),
    labels: z.string().describe('Where ground-truth labels come from.'),
    started: z.string(),
    finished: z.string(),
    platform: z.string(),
  })
  .strict();
export type Manifest = z.infer<typeof Manifest>;

export const CounterfactualResult = z.record(z.string(), z.unknown());

/** One published figure of a reproduced audit against what the harness reproduced. */
export const ReproducedFigure = z
  .object({
    id: z.string(),
    label: z.string(),
    published: z.number(),
    reproduced: z.number().nullable(),
    tolerance: z.number().describe('Absolute tolerance within which the reproduction counts as matching.'),
    within: z.boolean(),
    exact: z.boolean().describe('Whether the inputs are exact (published data and model), so the figure must match to rounding.'),
    source: z.string().describe('Citation of the published figure.'),
    note: z.string().nullable(),
  })
  .strict();
export type ReproducedFigure = z.infer<typeof ReproducedFigure>;

export const Reproduction = z
  .object({
    pack: z.string(),
    title: z.string(),
    figures: z.array(ReproducedFigure),
    matched: z.number().int(),
    total: z.number().int(),
  })
  .strict();
export type Reproduction = z.infer<typeof Reproduction>;

export const Results = z
  .object({
    schemaVersion: z.literal(1),
    manifest: Manifest,
    groups: z.array(GroupResult),
    counterfactual: z.array(CounterfactualResult),
    checks: z.array(CheckResult),
    summary: z
      .object({
        verdict: z.enum(['pass', 'fail', 'inconclusive']),
        pass: z.number().int(),
        fail: z.number().int(),
        inconclusive: z.number().int(),
      })
      .strict(),
    warnings: z.array(Warning),
    reproduction: Reproduction.optional().describe('Published-vs-reproduced figures, for `disparate reproduce`.'),
  })
  .strict();
export type Results = z.infer<typeof Results>;
