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
    lower_bound: z
      .number()
      .optional()
      .describe('For a ratio that is infinite because the reference group\'s count is 0 (and this group\'s is not): the lower confidence limit (MOVER interval from the two rate intervals, `method` "mover-ratio"); the upper limit is unbounded, so value and ci are null.'),
    level: z.number().describe('Confidence level of `ci`, e.g. 0.95.'),
    method: z.string().describe('Interval method, e.g. "wilson", "katz-log", "newcombe-hybrid-score".'),
    reference: z.string().nullable().describe('Reference group of a ratio or difference (group ÷ reference, group − reference); "(rest)" for everyone not in the group (reference: overall); null for a rate.'),
    numerator: z.number().nullable().optional().describe('Count in the numerator of a rate.'),
    denominator: z.number().nullable().optional().describe('Count in the denominator of a rate.'),
    sum_of_squares: z.number().optional().describe('For a mean metric: the sum of squares beside numerator (sum) and denominator (count), for tests.'),
    withheld: z
      .boolean()
      .optional()
      .describe('True when report.html, report.md, junit.xml and the charts withhold this figure because a count behind it is below manifest.privacy.min_cell (real-data audits). results.json keeps the number for merging and gating.'),
    bootstrap_ci: z
      .tuple([z.number(), z.number()])
      .nullable()
      .optional()
      .describe('Interval from the multinomial bootstrap of the cell counts (replicates and seed in manifest.bootstrap), its method in bootstrap_method: BCa where every count behind the value (x and n − x of each rate) is at least 5 and BCa is defined; otherwise the metric\'s analytic interval, the reason in bootstrap_fallback. Never a point: a percentile interval of 0 flagged in 80 rows would be [0, 0]. Null where the value is null, on the reference group\'s own ratio and difference, and where the analytic interval is undefined too.'),
    bootstrap_method: z
      .string()
      .optional()
      .describe('Method of bootstrap_ci: "bootstrap-bca" (bias-corrected and accelerated, acceleration from a jackknife over the cells), or the analytic method used instead ("clopper-pearson", "wilson", "koopman-score", "katz-log", "newcombe-hybrid-score"). Absent without a bootstrap interval.'),
    bootstrap_fallback: z
      .enum(['small-count', 'degenerate', 'undefined-replicates'])
      .optional()
      .describe('Why bootstrap_ci is the analytic interval, not a bootstrap one: "small-count" (a count behind the value below 5, where the bootstrap distribution is too coarse), "degenerate" (every replicate equal, all on one side of the estimate, or an undefined jackknife: BCa is not defined), "undefined-replicates" (the value undefined in more than 1 % of the replicates). Absent for a BCa interval.'),
  })
  .strict();
export type MetricValue = z.infer<typeof MetricValue>;

/** Fixed-bin score histogram of one group: `counts[i]` scores fell in [edges[i], edges[i + 1]). */
export const ScoreHistogram = z
  .object({
    edges: z.array(z.number()).describe('Bin edges, ascending; one more than counts.'),
    counts: z.array(z.number()).describe('Rows per bin.'),
    labelled: z.array(z.number()).optional().describe('Rows with a ground-truth label per bin (for calibration).'),
    positives: z.array(z.number()).optional().describe('Labelled rows with the adverse ground truth (error or fraud found) per bin (for calibration).'),
    expected: z
      .array(z.number())
      .optional()
      .describe('For probability scores: sum of the labelled rows\' scores per bin (positives expected if the score were calibrated; each of the 20 fine bins behind a bin read at its middle).'),
  })
  .strict();
export type ScoreHistogram = z.infer<typeof ScoreHistogram>;

/** Counts of everyone not in a group: its reference when the attribute's reference is "(rest)". */
export const RestCounts = z
  .object({
    n: z.number(),
    flagged: z.number(),
    tp: z.number().nullable(),
    fp: z.number().nullable(),
    tn: z.number().nullable(),
    fn: z.number().nullable(),
    labelled: z.number(),
  })
  .strict();
export type RestCounts = z.infer<typeof RestCounts>;

/** The whole population, every group together: the overall row of each attribute's table. */
export const OverallResult = z
  .object({
    n: z.number(),
    flagged: z.number(),
    tp: z.number().nullable(),
    fp: z.number().nullable(),
    tn: z.number().nullable(),
    fn: z.number().nullable(),
    labelled: z.number(),
    mean_score: z.number().nullable(),
    metrics: z.record(z.string(), MetricValue).describe('The rates of the whole population (selection_rate and, with labels, the error rates), each with its interval; reference null.'),
  })
  .strict();
export type OverallResult = z.infer<typeof OverallResult>;

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
    rest: RestCounts.optional().describe('When the attribute\'s reference is "(rest)" (everyone else): the counts of all rows not in this group, the reference of its ratios and differences.'),
    metrics: z.record(z.string(), MetricValue),
    score_histogram: ScoreHistogram.nullable()
      .optional()
      .describe('Score histogram of the group (counts per bin), for score distributions, selection curves and calibration; null or absent without scores.'),
    suppressed: z
      .boolean()
      .optional()
      .describe('True when a count of this group is below manifest.privacy.min_cell: the human-readable reports show it as "<k" and withhold the rates built on it.'),
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
    lower_bound: z
      .number()
      .optional()
      .describe('For a ratio that is infinite because the reference group\'s count is 0 (and this group\'s is not): the lower confidence limit (MOVER interval from the two rate intervals, `method` "mover-ratio"); the upper limit is unbounded, so value and ci are null.'),
    level: z.number(),
    method: z.string(),
    bounds: z.tuple([z.number(), z.number()]),
    bounds_origin: z.enum(['battery', 'default']),
    source: z.string().nullable().describe('Citation for the tolerance.'),
    verdict: z.enum(['pass', 'fail', 'inconclusive']),
    p_value: z
      .number()
      .nullable()
      .describe('p-value of the claim the data lean to (see `claim`), before the family adjustment: for a fail, of H0 "the disparity lies within the bounds"; for a pass, of H0 "it lies outside". From inverting the check\'s own interval, so p < α exactly when the 1 − α interval lies outside (inside) the bounds.'),
    adjusted_p_value: z.number().nullable().describe('p_value adjusted across the battery\'s family of checks (summary.rule); the claim is made when it is below alpha.'),
    correction: z.string(),
    small_cell: z.boolean(),
    severity: z.enum(['error', 'warn']).optional().describe('The check\'s severity (battery); absent means error. A warn row is in the family but not in the verdict or the counts of summary.'),
    claim: z.enum(['fail', 'pass']).optional().describe('The claim p_value tests: "fail" when the point estimate lies outside the bounds, "pass" when inside.'),
    direction: z
      .enum(['higher', 'lower'])
      .nullable()
      .optional()
      .describe('Side of parity (ratio 1, difference 0) established by the interval at the family level; null when that interval includes parity or the metric has no reference.'),
    test: z.enum(['disparity', 'equivalence']).optional().describe('Older results only: what p_value tested before every check was judged both ways.'),
    p_method: z.string().nullable().optional().describe('How p_value was computed: "interval-inversion" (of the check\'s interval method).'),
    withheld: z
      .boolean()
      .optional()
      .describe('True when the reports withhold value, interval and p-values because a count behind them is below manifest.privacy.min_cell; the verdict is still shown.'),
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
    mode: z.enum(['run', 'audit', 'compare']).describe('run: one model on a population; audit: recorded decisions; compare: the candidate of `disparate compare` (the rest of the file is its run; the deployed model in comparison).'),
    title: z.string(),
    unit: z
      .string()
      .optional()
      .describe('What one row is, in the plural, for the report\'s sentences: "households", "students", "applicants". From the battery or the population spec; absent means "people".'),
    description: z
      .string()
      .optional()
      .describe('The question the audit answers, from the battery\'s description; absent when it gives none.'),
    display_labels: z
      .record(
        z.string(),
        z.object({ label: z.string().optional(), levels: z.record(z.string(), z.string()) }).strict(),
      )
      .optional()
      .describe('Attributes and levels in words for the reports (battery labels over the population spec\'s); results keep the codes.'),
    battery_file: z.string().nullable(),
    battery_hash: z.string().nullable(),
    model: z
      .object({
        file: z.string(),
        hash: z.string(),
        kind: z.string(),
        name: z.string(),
        source: z.string().nullable(),
        artifacts: z.array(z.string()).optional().describe('Files the model reads besides its descriptor (XGBoost JSON, ONNX graph, tfjs model.json and weight shards, a command\'s script and artifacts, the artifacts an http model lists), all covered by `hash`, in hash order.'),
        engine: z
          .object({
            name: z.string().describe('"compiled tree ensemble" (walked in JavaScript) or "onnxruntime".'),
            check: z
              .object({
                reference: z.string().describe('The runtime the compiled scores were checked against: onnxruntime-node or onnxruntime-web.'),
                rows: z.number().int().describe('Rows of the check sample: the population\'s first rows.'),
                max_difference: z.number().describe('Largest |compiled score − onnxruntime score| over the check sample.'),
                tolerance: z.number().describe('A larger difference refuses the model.'),
              })
              .strict()
              .optional(),
          })
          .strict()
          .optional()
          .describe('An ONNX model: which engine scored it and, for a compiled tree ensemble, its check against onnxruntime.'),
      })
      .strict()
      .nullable(),
    population: z.object({ file: z.string(), hash: z.string() }).strict().nullable(),
    data: z.object({ file: z.string(), hash: z.string() }).strict().nullable(),
    decision: z.string().describe('Decision rule in words, e.g. "top 5 % of scores flagged".'),
    decision_rule: z
      .enum(['threshold', 'top_fraction', 'top_k', 'stratum_capacity', 'recorded'])
      .optional()
      .describe('The decision rule\'s kind, as data for tools (merge tells a threshold, which flags each row on its own score, from a rule that ranks rows): the battery\'s decision.rule, or recorded for an audit of recorded decisions. Absent in files written before it was recorded.'),
    seed: z.number().int().nullable(),
    rng: z.string().nullable(),
    rows: z.number().int(),
    protected: z.array(z.string()),
    references: z.record(z.string(), z.object({ group: z.string(), origin: z.enum(['battery', 'cli', 'default']) }).strict()),
    alpha: z.number(),
    correction: z.string(),
    min_cell: z.number().int(),
    labels: z.string().describe('Where ground-truth labels come from.'),
    checks: z
      .array(
        z
          .object({
            id: z.string(),
            metric: z.string(),
            attribute: z.string(),
            bounds: z.tuple([z.number(), z.number()]).optional(),
            source: z.string().optional(),
            test: z.string(),
            severity: z.enum(['error', 'warn', 'off']).optional(),
          })
          .strict(),
      )
      .optional()
      .describe('The checks the battery declared (or the audit applied), as declared: what `merge` re-evaluates on the merged groups.'),
    intersections: z.string().optional().describe('The intersections setting: "full", "all", "none" or the subsets, e.g. "nationality+disability".'),
    inconclusive: z.enum(['pass', 'fail']).optional().describe('Exit status the battery gives inconclusive checks.'),
    verify: z
      .object({
        data: z.string(),
        expect: z.string(),
        column: z.string(),
        rows: z.number().int(),
        tolerance: z.number(),
        max_error: z.number().describe('Largest |model score − expected prediction| over the sample.'),
        worst_row: z.number().int().describe('1-based row of the sample where it occurs.'),
      })
      .strict()
      .optional()
      .describe('The battery\'s verify block: how closely the audited model reproduced the deployed system\'s own predictions on a sample, before the run.'),
    started: z.string(),
    finished: z.string(),
    platform: z.string(),
    privacy: z
      .object({
        min_cell: z.number().int().min(1).describe('Counts below this are shown as "<k" and the rates built on them withheld.'),
        origin: z.enum(['battery', 'cli']),
      })
      .strict()
      .optional()
      .describe('Small-cell suppression of the human-readable reports, applied to real-data audits (mode "audit") only.'),
    bootstrap: z
      .object({ method: z.literal('multinomial-counts'), replicates: z.number().int(), seed: z.number().int(), rng: z.string() })
      .strict()
      .optional()
      .describe('Settings of the bootstrap behind every bootstrap_ci.'),
    merged_from: z
      .array(
        z
          .object({
            file: z.string().describe('The results.json merged, as named on the command line.'),
            hash: z.string().describe('sha256 of that file, "sha256:<hex>".'),
            rows: z.number().int().describe('Its manifest.rows.'),
          })
          .strict(),
      )
      .optional()
      .describe('For `disparate merge`: the results of disjoint parts of one population, in order, that these results add up; rows is their sum. Absent for a single run or audit.'),
  })
  .strict();
export type Manifest = z.infer<typeof Manifest>;

/** An intersection cell below min_cell: listed with its size, left out of checks and of the worst-group summary. */
export const SuppressedCell = z
  .object({
    attribute: z.string(),
    group: z.string(),
    n: z.number(),
    reason: z.enum(['empty', 'below-min-cell']),
  })
  .strict();
export type SuppressedCell = z.infer<typeof SuppressedCell>;

/** For one attribute and one ratio or difference metric, the group faring worst against the reference. */
export const WorstGroup = z
  .object({
    attribute: z.string(),
    metric: z.string(),
    group: z.string(),
    reference: z.string().nullable(),
    value: z.number(),
    ci: z.tuple([z.number(), z.number()]).nullable(),
    method: z.string(),
    worse: z.enum(['higher', 'lower']).describe('Which direction of the base rate is worse for the group.'),
  })
  .strict();
export type WorstGroup = z.infer<typeof WorstGroup>;

const Estimate = z
  .object({
    value: z.number().nullable(),
    ci: z.tuple([z.number(), z.number()]).nullable(),
    method: z.string(),
  })
  .strict();

/** Selective labels (the Sweden method): one group's two samples and what they imply for the population. */
export const SelectiveLabelsGroup = z
  .object({
    attribute: z.string(),
    group: z.string(),
    is_reference: z.boolean(),
    random: z.object({ n: z.number(), errors: z.number() }).strict().describe('Random-audit sample: cases and errors found.'),
    model: z
      .object({ n: z.number(), errors: z.number() })
      .strict()
      .describe('Flagged cases investigated (real cases, a flagged case also drawn at random included): cases and errors found.'),
    in_both_samples: z.number().describe('Cases both drawn at random and flagged: counted in `random` and in `model`.'),
    random_share: z.number().describe('Share of the random sample in this group (estimates its population share).'),
    model_share: z.number().describe('Share of the flagged cases in this group (of the Horvitz–Thompson totals where only some were investigated).'),
    statistical_parity: Estimate.describe('model_share ÷ random_share (1 = selected in proportion to its size).'),
    base_rate: Estimate.describe('Error rate in the random sample.'),
    precision: Estimate.describe('Error rate among model-selected cases.'),
    population: z
      .object({ size: z.number(), flagged: z.number(), tp: z.number(), fp: z.number(), fn: z.number(), tn: z.number() })
      .strict()
      .describe('Inferred population confusion matrix (estimates, not integers): size, positives and negatives from the random audit, flagged and TP from the flagged cases.'),
    selection_rate: Estimate,
    selection_rate_ratio: Estimate,
    false_positive_rate: Estimate,
    false_positive_rate_ratio: Estimate,
    false_negative_rate: Estimate,
    false_negative_rate_ratio: Estimate,
    error_share: z.number().describe('Share of the errors found in the random sample that are in this group.'),
    equal_burden: Estimate.describe('model_share ÷ error_share: share of selections against share of errors (1 = burden in proportion to errors).'),
    flagged_error_share: z.number().describe('Share of model-selected cases with an error found that are in this group (agency step 2).'),
    agency_test: z
      .object({
        step1: z.enum(['pass', 'fail']),
        step1_reason: z.string().nullable(),
        step2: z.enum(['pass', 'fail']),
        step2_reason: z.string().nullable(),
      })
      .strict()
      .describe('Försäkringskassan\'s own two-step test on point estimates (no uncertainty).'),
  })
  .strict();
export type SelectiveLabelsGroup = z.infer<typeof SelectiveLabelsGroup>;

export const SelectiveLabels = z
  .object({
    method: z.string().describe('How the population figures were inferred.'),
    intervals: z.string().describe('How the intervals of the population figures were computed (each estimate also names its method).'),
    label_source: z.string().describe('Rows of the random-audit sample, COL=VALUE.'),
    population_size: z.number(),
    random_n: z.number(),
    model_n: z.number(),
    weighting: z.string().describe('"none", or the inverse-probability weights used for the model-selected sample.'),
    groups_scope: z
      .enum(['investigated_cases'])
      .describe('What the top-level `groups` describe in this audit: the investigated cases (random audits and flagged cases together), not the population; the population figures are the ones in this section.'),
    level: z.number(),
    groups: z.array(SelectiveLabelsGroup),
  })
  .strict();
export type SelectiveLabels = z.infer<typeof SelectiveLabels>;

const Quantiles = z
  .object({ p05: z.number(), p25: z.number(), p50: z.number(), p75: z.number(), p95: z.number() })
  .strict()
  .describe('Quantiles of a paired shift, read from a fixed-bin histogram (see `quantile_method`).');

/**
 * One counterfactual comparison: rows whose attribute was `from`, against their twins under
 * do(attribute = to). Produced by `harness/counterfactual` from mergeable paired statistics.
 */
export const CounterfactualResult = z
  .object({
    attribute: z.string(),
    from: z.string().describe('Original level of the rows compared.'),
    to: z.string().describe('Level set by the intervention do(attribute = to).'),
    effect: z.enum(['direct', 'total']).describe('direct: only the attribute changed; total: its descendants were redrawn from the same noise.'),
    n: z.number().int().describe('Pairs compared (rows with attribute = from whose twin is defined).'),
    undefined_twins: z.number().int().describe('Twins left undefined by the intervention (no such combination in a joint table), not in n.'),
    flagged_original: z.number().int(),
    flagged_twin: z.number().int(),
    flips_up: z.number().int().describe('Pairs not flagged as themselves but flagged as their twin.'),
    flips_down: z.number().int().describe('Pairs flagged as themselves but not as their twin.'),
    flip_rate: MetricValue.describe('(flips_up + flips_down) / n, Clopper–Pearson interval.'),
    flip_up_rate: MetricValue.describe('flips_up / (n − flagged_original): share of the unflagged who would be flagged as their twin.'),
    flip_down_rate: MetricValue.describe('flips_down / flagged_original: share of the flagged who would not be flagged as their twin.'),
    selection_rate_difference: MetricValue.describe('(flagged_twin − flagged_original) / n = (flips_up − flips_down) / n, with the Tango score interval for a difference of paired proportions (unconditional on the number of discordant pairs).'),
    mcnemar_p_value: z.number().nullable().describe('Exact McNemar test (binomial on the discordant pairs, p = 1/2) of "the intervention does not change the selection rate".'),
    mean_score_shift: MetricValue.describe('Mean of twin score − original score, normal interval (paired).'),
    score_shift_quantiles: Quantiles.nullable(),
    zero_shift_share: z.number().nullable().describe('Share of pairs whose score did not move at all.'),
    mean_rank_shift: MetricValue.describe('Mean change in percentile rank (0–100) of the score within the original population, normal interval.'),
    rank_shift_quantiles: Quantiles.nullable(),
    quantile_method: z.string().describe('How quantiles and ranks were read, e.g. "histogram: 2000 shift bins of width 0.001; 1000 score bins on [0, 1]".'),
    rank_reference: z.string().describe('The score distribution ranks refer to.'),
    small_cell: z.boolean().describe('n below the battery\'s min_cell: estimates shown but unreliable.'),
  })
  .strict();
export type CounterfactualResult = z.infer<typeof CounterfactualResult>;

/**
 * What a pack's figure is worth as evidence. `input`: a value the pack was built or calibrated from,
 * read back as a check of the build (never counted as a reproduction). `reproduced`: an output compared
 * with a published figure the pack did not use to build or calibrate itself; these alone count as
 * reproductions and gate the exit code. `informative`: shown with its gap and the reason it cannot be
 * expected to match, never gating.
 */
export const FigureClass = z.enum(['input', 'reproduced', 'informative']);
export type FigureClass = z.infer<typeof FigureClass>;

/** One published figure of a reproduced audit against what the harness reproduced. */
export const ReproducedFigure = z
  .object({
    id: z.string(),
    label: z.string(),
    class: FigureClass.describe(
      'input: a value the pack was built or calibrated from, read back as a check of the build; reproduced: an output compared with a published figure the pack did not build on (the only class counted as a reproduction); informative: shown with its gap, never gating. Required: no default.',
    ),
    published: z.number(),
    reproduced: z.number().nullable(),
    tolerance: z.number().describe('Absolute tolerance within which the reproduction counts as matching.'),
    within: z.boolean(),
    exact: z.boolean().describe('Whether the inputs are exact (published data and model), so the figure must match to rounding.'),
    source: z.string().describe('Citation of the published figure.'),
    note: z.string().nullable().describe('For an input, what the pack built from it; for an informative figure, why it cannot be expected to match.'),
  })
  .strict();
export type ReproducedFigure = z.infer<typeof ReproducedFigure>;

/** How many figures of one class are within their tolerance. */
export const FigureCount = z
  .object({
    within: z.number().int(),
    total: z.number().int(),
  })
  .strict();
export type FigureCount = z.infer<typeof FigureCount>;

export const Reproduction = z
  .object({
    pack: z.string(),
    title: z.string(),
    figures: z.array(ReproducedFigure),
    reproduced: FigureCount.describe('Figures of class "reproduced" within tolerance: the reproduction proper, which gates the exit code.'),
    inputs: FigureCount.describe('Figures of class "input" read back within tolerance: checks of the build. One outside its tolerance means the pack is broken (exit 1, reported as a broken build).'),
    informative: FigureCount.describe('Figures of class "informative": shown with their gap, never gating.'),
  })
  .strict();
export type Reproduction = z.infer<typeof Reproduction>;

/** One point of a group's selection curve: what selecting the top `fraction` of all rows would do to the group. */
export const SelectionCurvePoint = z
  .object({
    fraction: z.number().describe('Share of all rows selected, highest scores first; ties by the run\'s seeded lot on row identity, as the top_fraction rule. In audits of recorded decisions (from the score histograms: the rows are not at hand), the fine bin holding the cut is selected in proportion, shared among its groups by their weight there.'),
    threshold: z.number().nullable().describe('Score of the last row selected (the k-th largest); in audits of recorded decisions, the lower edge of the fine score bin holding it. Null when nothing is selected.'),
    selected: z.number().describe('Rows of the group selected.'),
    selection_rate: Estimate.describe('selected ÷ group size.'),
    selection_rate_ratio: Estimate.describe('Selection rate ÷ the reference group\'s at the same fraction.'),
    true_positive_rate: Estimate.optional().describe('With labels: share of the group\'s fraud/error cases selected.'),
    false_positive_rate: Estimate.optional().describe('With labels: share of the group\'s innocent rows selected.'),
    precision: Estimate.optional().describe('With labels: share of the selected with fraud/error found.'),
  })
  .strict();
export type SelectionCurvePoint = z.infer<typeof SelectionCurvePoint>;

export const SelectionCurve = z
  .object({
    attribute: z.string(),
    group: z.string(),
    is_reference: z.boolean(),
    n: z.number(),
    points: z.array(SelectionCurvePoint),
  })
  .strict();
export type SelectionCurve = z.infer<typeof SelectionCurve>;

/** The threshold sweep: metrics per group over a grid of selection fractions. */
export const SelectionCurves = z
  .object({
    method: z.string().describe('How rows are selected at each fraction and how intervals are computed.'),
    fractions: z.array(z.number()),
    level: z.number(),
    curves: z.array(SelectionCurve).describe('One curve per group of each protected attribute (intersections left out).'),
  })
  .strict();
export type SelectionCurves = z.infer<typeof SelectionCurves>;

/** How strongly one model input stands in for one protected attribute (e.g. Cramér's V, 0 = none, 1 = perfect). */
export const ProxyStrength = z
  .object({
    attribute: z.string(),
    input: z.string().describe('Model input (or population column); "all inputs" for a model fitted on every input.'),
    statistic: z.string().describe('Association measure in [0, 1], e.g. "cramers_v" (0 = none), "correlation_ratio", or "auc" (0.5 = none, 1 = the attribute read off perfectly).'),
    value: z.number().nullable(),
    ci: z.tuple([z.number(), z.number()]).nullable().optional(),
    group: z.string().nullable().optional().describe('For a one-vs-rest statistic (auc): the level of the attribute predicted.'),
    method: z.string().optional().describe('How the value and its interval were computed.'),
    n: z.number().optional().describe('Rows behind the value (the whole population, or the test sample of a fitted model).'),
  })
  .strict();
export type ProxyStrength = z.infer<typeof ProxyStrength>;

const Interval = z.tuple([z.number(), z.number()]);

/** One model of a comparison: its file and what its own run of the battery concluded. */
export const ComparedModel = z
  .object({
    file: z.string(),
    hash: z.string(),
    kind: z.string(),
    name: z.string(),
    summary: z.object({ verdict: z.enum(['pass', 'fail', 'inconclusive']), pass: z.number().int(), fail: z.number().int(), inconclusive: z.number().int() }).strict().describe('Its own checks, judged as in `disparate run`.'),
  })
  .strict();

/** Per group: the same applicants decided by both models. */
export const ComparisonGroup = z
  .object({
    attribute: z.string(),
    group: z.string(),
    n: z.number().int(),
    deployed_flagged: z.number().int(),
    candidate_flagged: z.number().int(),
    flagged_by_both: z.number().int(),
    candidate_only: z.number().int().describe('Applicants flagged by the candidate and not by the deployed model.'),
    deployed_only: z.number().int().describe('Applicants flagged by the deployed model and not by the candidate.'),
    deployed_rate: z.number().nullable(),
    candidate_rate: z.number().nullable(),
    selection_rate_change: MetricValue.describe('candidate rate − deployed rate = (candidate_only − deployed_only) / n, Tango score interval for paired proportions at 1 − alpha (descriptive, as group tables are).'),
    mcnemar_p_value: z.number().nullable().describe('Exact McNemar test (binomial on candidate_only of candidate_only + deployed_only, p = 1/2) of "the two models flag this group equally often"; not adjusted.'),
  })
  .strict();

/** Per check row (check × group): the disparity under each model and the paired change, judged. */
export const ComparisonCheck = z
  .object({
    id: z.string(),
    metric: z.string(),
    attribute: z.string(),
    group: z.string(),
    reference: z.string().nullable(),
    bounds: Interval,
    deployed: z.object({ value: z.number().nullable(), ci: Interval.nullable(), verdict: z.enum(['pass', 'fail', 'inconclusive']) }).strict().describe('The check under the deployed model, as its own run judged it.'),
    candidate: z.object({ value: z.number().nullable(), ci: Interval.nullable(), verdict: z.enum(['pass', 'fail', 'inconclusive']) }).strict().describe('The check under the candidate (the same row of checks[]).'),
    scale: z.enum(['log-ratio', 'difference']).nullable().describe('Scale x of the disparity: log of the ratio (2 and ½ equally far from parity) or the difference; null when not compared.'),
    change: z.object({ value: z.number().nullable(), ci: Interval.nullable() }).strict().describe('x_candidate − x_deployed with its paired interval at comparison_rule.level. For a ratio, exp of it is the ratio of the two ratios.'),
    sum: z.object({ value: z.number().nullable(), ci: Interval.nullable() }).strict().describe('x_candidate + x_deployed with its paired interval at comparison_rule.level: which side of parity the models lie on together.'),
    method: z.string().nullable(),
    verdict: z.enum(['better', 'worse', 'no established change', 'not compared']).describe('worse: change and sum wholly on the same side of 0 (candidate shown farther from parity); better: on opposite sides (shown nearer); not compared: no paired interval for this metric.'),
    claim: z.enum(['better', 'worse']).nullable().describe('The claim the point estimates lean to, which the p-value tests.'),
    p_value: z.number().nullable(),
    adjusted_p_value: z.number().nullable().describe('p_value × m (Bonferroni); the claim is made exactly when the intervals at the family level support it.'),
  })
  .strict();

/** `disparate compare`: two models on the same applicants. */
export const Comparison = z
  .object({
    deployed: ComparedModel,
    candidate: ComparedModel,
    rule: z
      .object({
        method: z.enum(['bonferroni', 'none']),
        requested: z.string(),
        alpha: z.number(),
        family_size: z.number().int().describe('m: the check rows compared.'),
        intervals_per_row: z.literal(2),
        level: z.number().describe('Confidence level of every change and sum interval: 1 − alpha/(2m) with Bonferroni.'),
      })
      .strict(),
    fail_when: z.enum(['worse', 'never']),
    fail_when_origin: z.enum(['battery', 'default']),
    verdict: z.enum(['worse', 'better', 'no established change']).describe('worse when any check row got worse; better when some got better and none worse.'),
    tally: z.object({ better: z.number().int(), worse: z.number().int(), no_change: z.number().int(), not_compared: z.number().int() }).strict(),
    groups: z.array(ComparisonGroup),
    checks: z.array(ComparisonCheck),
  })
  .strict();
export type Comparison = z.infer<typeof Comparison>;

export const Results = z
  .object({
    schemaVersion: z.literal(1),
    manifest: Manifest,
    groups: z.array(GroupResult),
    overall: OverallResult.optional().describe('The whole population (all rows of the analysis): n, flagged, confusion counts and rates with intervals. Absent where the attributes do not cover the same rows (a long-format file with different totals per attribute).'),
    counterfactual: z.array(CounterfactualResult),
    checks: z.array(CheckResult),
    summary: z
      .object({
        verdict: z.enum(['pass', 'fail', 'inconclusive']),
        pass: z.number().int(),
        fail: z.number().int(),
        inconclusive: z.number().int(),
        warn: z
          .object({ pass: z.number().int(), fail: z.number().int(), inconclusive: z.number().int() })
          .strict()
          .optional()
          .describe('Verdicts of checks at severity warn: reported, never part of the verdict or of pass/fail/inconclusive above.'),
        rule: z
          .object({
            method: z.enum(['bonferroni', 'benjamini-hochberg', 'none']).describe('bonferroni: simultaneous intervals at 1 − α/m; benjamini-hochberg: intervals at 1 − Rα/m for R claims; none: each at 1 − α.'),
            error: z.enum(['family-wise', 'false-discovery', 'per-check']).describe('The error controlled at alpha: any wrong claim (family-wise), the expected share of wrong claims (false-discovery), or each check alone.'),
            family_size: z.number().int().describe('m: the check rows judged together.'),
            level: z.number().describe('Confidence level of every check interval (checks[].level).'),
            alpha: z.number(),
            requested: z.string().describe('The correction the battery asked for (holm is judged as bonferroni: see README "Reading the report").'),
          })
          .strict()
          .optional()
          .describe('The verdict rule: how the checks were judged together and the error it controls.'),
      })
      .strict(),
    warnings: z.array(Warning),
    reproduction: Reproduction.optional().describe('Published-vs-reproduced figures, for `disparate reproduce`.'),
    suppressed: z.array(SuppressedCell).optional().describe('Intersection cells below min_cell, with their n: never dropped silently.'),
    worst_groups: z.array(WorstGroup).optional().describe('Worst group per attribute and ratio/difference metric.'),
    selective_labels: SelectiveLabels.optional().describe('Population estimates from a random-audit sample and a model-selected sample (audit --label-source).'),
    proxies: z.array(ProxyStrength).optional().describe('How strongly each model input predicts each protected attribute.'),
    comparison: Comparison.optional().describe('`disparate compare`: the deployed and candidate models on the same applicants, paired changes per group and per check.'),
    selection_curves: SelectionCurves.optional().describe('Threshold sweep: selection rate, its ratio to the reference and (with labels) error rates per group at each selection fraction 1 %…50 %.'),
  })
  .strict();
export type Results = z.infer<typeof Results>;
