import { z } from 'zod';
import { METRIC_IDS } from '../metrics/index.js';
import { DisplayLabels, intersectionName } from './display-labels.js';

/**
 * The battery: a declarative fairness test of one model on one population (or of one decisions file).
 * Paths are relative to the battery file. Types come from this schema; the JSON Schema shipped for
 * editors (harness/config/battery.schema.json) is generated from it.
 */

const MetricId = z.enum(METRIC_IDS as [string, ...string[]]).describe('A metric id from the registry, e.g. selection_rate_ratio.');

const SecondStage = z
  .object({
    pool: z.number().min(1).default(2).describe('Candidates handed to the second stage: the top ⌈pool × capacity⌉ scores (per stratum with stratum_capacity). Default 2.'),
    uplift: z
      .array(
        z
          .object({
            column: z.string().min(1).describe('Categorical population column, e.g. distance.'),
            factors: z.record(z.string(), z.number().positive()).describe('Priority multiplier per level (unlisted levels 1), e.g. {"0km": 1.5, "1m-1km": 1.3}.'),
          })
          .strict(),
      )
      .min(1)
      .describe('Declared uplift factors: a candidate\'s priority is score × Π factors.'),
    source: z.string().optional().describe('Citation or assumption behind the factors.'),
  })
  .strict()
  .describe('Second-stage (manual) selection, e.g. DUO\'s employees favouring short distances: from the candidates the first stage ranks, the capacity is filled by priority = score × uplift factors. Ties (at the candidates\' cut and at the priority cut) are settled by the seeded lot on row identity, as for every rule.');

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
        fraction: z.number().gt(0).lt(1).describe('Share of rows flagged, highest scores first. k = round(fraction × n). Rows tied at the cut, when fewer places are left than tied rows, are drawn by a seeded lot on row identity (never row order) and reported in a ties-at-cut warning.'),
        second_stage: SecondStage.optional(),
      })
      .strict(),
    z
      .object({
        rule: z.literal('top_k'),
        k: z.number().int().min(0).describe('Number of rows flagged, highest scores first. All rows when k ≥ n. Rows tied at the cut, when fewer places are left than tied rows, are drawn by a seeded lot on row identity (never row order) and reported in a ties-at-cut warning.'),
        second_stage: SecondStage.optional(),
      })
      .strict(),
    z
      .object({
        rule: z.literal('stratum_capacity'),
        stratum: z.string().min(1).describe('Categorical population column splitting the rows, e.g. region.'),
        capacities: z.record(z.string(), z.number().int().min(0)).describe('Rows flagged per stratum level (top-k within the stratum), e.g. DUO\'s contracted capacity per region. Ties at each stratum\'s cut are drawn by the seeded lot on row identity, as for top_k.'),
        default_capacity: z.number().int().min(0).default(0).describe('Capacity of levels not listed in capacities. Default 0.'),
        second_stage: SecondStage.optional(),
      })
      .strict(),
  ])
  .describe('How scores become the adverse decision (flagged for investigation).');
export type DecisionRule = z.infer<typeof DecisionRule>;

export const Check = z
  .object({
    id: z.string().min(1).describe('Stable identifier of the check, shown in reports and JUnit.'),
    metric: MetricId,
    attribute: z
      .string()
      .default('all')
      .transform(intersectionName)
      .describe('A protected attribute, an intersection "a×b" (or "a*b"), or "all" (every attribute and the intersection). Default: all.'),
    bounds: z
      .tuple([z.number(), z.number()])
      .optional()
      .describe('Tolerance [low, high]. The check passes when its interval at the family level lies wholly inside, fails when wholly outside. Default for ratios: [0.8, 1.25] (four-fifths rule and its reciprocal); for differences: [-0.05, 0.05].'),
    source: z.string().optional().describe('Citation for the tolerance: law, guideline or published audit.'),
    severity: z
      .enum(['error', 'warn', 'off'])
      .default('error')
      .describe('What the check does to the verdict and the exit code. error: a fail (or an inconclusive, unless inconclusive: pass) fails the battery. warn: judged and reported like every check, in the same family, but never changes the verdict or the exit code (junit.xml marks it skipped) — for tightening a battery step by step. off: not evaluated at all. Default error.'),
    test: z
      .enum(['disparity', 'equivalence'])
      .default('disparity')
      .describe('Accepted for older batteries; it no longer changes anything: every check is judged both ways, failing only when its disparity is shown outside the bounds and passing only when shown inside, across the whole family of checks.'),
  })
  .strict();
export type Check = z.infer<typeof Check>;

/** A rule of one battery field that a `disparate audit` flag shares, with the one wording of both (`alpha: must be in (0, 0.5)`, `--alpha 0.7: must be in (0, 0.5)`). */
const rule = (message: string) => ({ number: z.number({ error: message }), message });
const alpha = rule('must be in (0, 0.5)');
/** Significance level, strictly between 0 and 0.5 (battery alpha, --alpha). */
export const Alpha = alpha.number.gt(0, alpha.message).lt(0.5, alpha.message);
const seed = rule('must be a non-negative integer');
/** A seed: any integer a double holds exactly, from 0 (battery seed, bootstrap.seed, --seed). */
export const Seed = seed.number.int(seed.message).min(0, seed.message).max(Number.MAX_SAFE_INTEGER, seed.message);
const replicates = rule('must be an integer ≥ 100');
/** Bootstrap replicates: fewer than 100 cannot place a 95 % percentile interval (battery bootstrap.replicates, --bootstrap). */
export const Replicates = replicates.number.int(replicates.message).min(100, replicates.message).max(1_000_000, 'must be at most 1000000');
const positive = rule('must be a positive integer');
/** A count of at least 1 (data.population_size, privacy.min_cell; --population-size, --min-cell, --privacy-min-cell). */
export const PositiveInteger = positive.number.int(positive.message).min(1, positive.message);
/** What one row is, in the plural, in letters (battery unit, --unit). */
export const Unit = z.string().regex(/^[\p{L}][\p{L} '-]*$/u, 'a plural noun in letters, e.g. households');

export const Bootstrap = z
  .object({
    replicates: Replicates.default(2000).describe('Number of bootstrap replicates. Default 2000.'),
    seed: Seed.optional().describe('Seed of the resampling; default the battery seed.'),
  })
  .strict()
  .describe('Multinomial bootstrap of the cell counts: intervals reported beside the analytic ones (bootstrap_ci), BCa where every count behind the value is at least 5, else the analytic interval (named in bootstrap_method, the reason in bootstrap_fallback).');
export type Bootstrap = z.infer<typeof Bootstrap>;

const BatteryFields = z
  .object({
    title: z.string().describe('Title of the report.'),
    unit: Unit.optional()
      .describe(`What one row is, in the plural, for the report's sentences ("households", "students", "applicants"). Default: the population spec's unit, else "people".`),
    description: z
      .string()
      .optional()
      .describe('The question the audit answers, in plain words: shown under the title of the report and recorded in results.json (manifest.description).'),
    lang: z
      .enum(['en', 'fr', 'nl'])
      .optional()
      .describe('Language of everything a person reads: report.html and report.md (front page, sentences, tables, methods, provenance), the charts and the terminal summary, with numbers in that language\'s format: en, fr or nl (--lang wins). Labels, sources and what results.json records in words are quoted as written; results.json and junit.xml stay English. Default en.'),
    labels: DisplayLabels.optional(),
    seed: Seed.default(1).describe('Master seed of every random draw. Default 1.'),
    population: z
      .object({
        spec: z.string().optional().describe('Population spec (YAML), relative to the battery file: a synthetic population.'),
        file: z.string().optional().describe('A real population to score instead (CSV, JSONL, Parquet or Arrow), relative to the battery file.'),
        size: z.number().int().positive().optional().describe('Number of synthetic rows (required with spec; with file, the file\'s rows).'),
        encoding: z.enum(['utf8', 'latin1']).optional().describe('How a CSV or JSONL file\'s bytes are read: utf8 (strict: a byte that is not UTF-8 is an error naming the row) or latin1 (ISO-8859-1). Default utf8. As `--encoding`.'),
      })
      .strict()
      .optional()
      .describe('Population the model scores: a spec (synthetic) or a file (real data). Exactly one of population or data.'),
    data: z
      .object({
        file: z.string().describe('Decisions file or glob (CSV, TSV, Parquet, JSON or JSONL, optionally gzipped), relative to the battery file; read in process by DuckDB, only the columns the audit uses.'),
        flag: z.string().min(1).describe('0/1 column (1 = flagged for investigation), COL=VALUE (flagged where column COL equals VALUE, e.g. "sample=model_selected"), or a condition, e.g. "decile_score >= 5" or "score_text IN (\'Medium\', \'High\')". As `disparate audit --flag`.'),
        label: z.string().optional().describe('Optional 0/1 ground-truth column (fraud or error found; empty = unknown), COL=VALUE, or a condition (NULL = unknown). With `count`, each row\'s cases are all positive (1) or all negative (0); for the number of positives among the count use `positives`. As `--label`.'),
        positives: z.string().min(1).optional().describe('With `count`: column with the number of positives among the row\'s count (0 … count; blank or "<k" = withheld, carried as unknown). Not with `label`. As `--positives`.'),
        score: z.string().optional().describe('Optional numeric score column. As `--score`.'),
        count: z.string().min(1).optional().describe('Aggregated counts: column with the number of rows each row stands for (a non-negative integer), e.g. published tables; a blank, "<k" or a `suppressed` marker is a withheld count, carried as unknown and never as zero. As `--count`. Default: every row counts once.'),
        suppressed: z.array(z.string().min(1)).optional().describe('With `count`: further markers of a withheld count besides a blank and "<k", e.g. ["x", "-"]. As `--suppressed`.'),
        where: z.string().min(1).optional().describe('A condition: only rows where it holds are audited, e.g. "year = 2023". As `--where`.'),
        derive: z
          .record(z.string().regex(/^[\p{L}_][\p{L}\p{N}_]*$/u, 'a word: letters, digits, _'), z.string().min(1))
          .optional()
          .describe('Added columns, name: expression, usable as protected attributes or in flag/label/where, e.g. { age_band: "CASE WHEN age < 25 THEN \'<25\' ELSE \'25+\' END" }. As `--derive name=expression`.'),
        long: z
          .object({
            attribute: z.string().min(1).describe('Column naming the protected attribute of the row, e.g. "attribute".'),
            group: z.string().min(1).describe('Column with the row\'s group within that attribute, e.g. "group".'),
          })
          .strict()
          .optional()
          .describe('Long format: one protected attribute per row (marginal tables such as published per-attribute counts); `protected` lists the attributes to keep. No intersections can be formed. As `--long ATTRIBUTE_COL,GROUP_COL`.'),
        label_source: z
          .string()
          .regex(/^[^=]+=/, 'expected COL=VALUE')
          .optional()
          .describe('Selective labels (the Sweden method): COL=VALUE marking the random-audit sample; the other flagged rows were selected by the model. Needs `label` and `population_size`. As `--label-source`.'),
        population_size: PositiveInteger.optional().describe('Number of applicants the samples come from (with `label_source`), e.g. 977730. As `--population-size`.'),
encoding: z.enum(['utf8', 'latin1']).optional().describe('How a CSV or JSONL file\'s bytes are read: utf8 (strict: a byte that is not UTF-8 is an error naming the row) or latin1 (ISO-8859-1). Default utf8. As `--encoding`.'),
        selection_probability: z.string().min(1).optional().describe('Column: known probability in (0, 1] that a flagged row was investigated; model-selected rows get inverse-probability weights 1/π (with `label_source`). As `--selection-probability`.'),
      })
      .strict()
      .optional()
      .describe('Recorded decisions to audit instead of a model run: everything `disparate audit` takes. The bootstrap, intersections, reference groups and privacy settings are the battery\'s own fields.'),
    model: z.string().optional().describe('Model file (JSON), relative to the battery file. Required with population, unless models is given.'),
    models: z
      .object({
        deployed: z.string().min(1).describe('The model in use (JSON model file), relative to the battery file.'),
        candidate: z.string().min(1).describe('The model proposed to replace it, relative to the battery file.'),
      })
      .strict()
      .optional()
      .describe('Two models for `disparate compare`, instead of model: every applicant of the same population (same seed, same rows) is scored by both under the same decision rule, and each check\'s change is judged on the pairs. Exactly one of model or models.'),
    compare: z
      .object({
        fail_when: z
          .enum(['worse', 'never'])
          .default('worse')
          .describe('Exit status of `disparate compare`: worse = exit 1 when any check gets worse (its disparity shown farther from parity under the candidate), never = exit 0 whatever the changes. Default worse.'),
      })
      .strict()
      .optional()
      .describe('How `disparate compare` sets its exit status. Default { fail_when: worse }.'),
    verify: z
      .object({
        data: z.string().describe('A sample of applicants (CSV, JSONL, Parquet or Arrow), relative to the battery file, with the model\'s input columns.'),
        expect: z.string().describe('The deployed system\'s own predictions for those rows (e.g. predict_proba\'s positive column), in the same order, relative to the battery file.'),
        column: z.string().optional().describe('Predictions column. Default: the only column besides `id`, else `score`.'),
        tolerance: z.number().min(0).default(1e-6).describe('Largest absolute difference accepted. Default 1e-6.'),
      })
      .strict()
      .optional()
      .describe('Before scoring, the model must reproduce the agency\'s predictions on a sample within the tolerance, or the run stops (exit 2) naming the worst row; the maximum error is recorded in the manifest and shown in the report\'s provenance. As `disparate verify`.'),
    decision: DecisionRule.optional().describe('Required with population.'),
    label: z.string().optional().describe('Population column with the ground truth (the spec\'s outcome), enabling error-rate metrics.'),
    protected: z.array(z.string().min(1)).min(1).describe('Protected attributes: categorical columns of the population or data.'),
    reference: z
      .union([z.literal('overall'), z.record(z.string(), z.string())])
      .default({})
      // "*" (every attribute not named) is kept as written: it is not an intersection of attributes
      .transform((r) => (typeof r === 'string' ? { '*': r } : Object.fromEntries(Object.entries(r).map(([k, v]) => [k === '*' ? k : intersectionName(k), intersectionName(v)]))))
      .describe(
        'Reference group per attribute (an intersection as "a*b: x*y" or "a×b: x×y"); default the largest group. The value overall compares each group with everyone else (all rows not in the group; results.json records the reference as "(rest)"). reference: overall applies it to every attribute and intersection; the key "*" sets the reference of every attribute not named, e.g. { "*": overall, income_band: high }.',
      ),
    alpha: Alpha.default(0.05).describe('Significance level; intervals are (1 − alpha) two-sided. Default 0.05.'),
    correction: z
      .enum(['holm', 'bonferroni', 'benjamini-hochberg', 'none'])
      .default('bonferroni')
      .describe('How the checks are judged together. bonferroni: every check interval at 1 − alpha/m (m check rows), so the chance that any fail, pass or direction is wrong is at most alpha. benjamini-hochberg: the expected share of wrong claims is at most alpha. none: each check at 1 − alpha alone. holm is accepted and judged as bonferroni (a check can err in two directions). Default bonferroni.'),
    min_cell: z.number().int().min(0).default(30).describe('Groups with fewer rows are flagged as small cells. Default 30.'),
    inconclusive: z.enum(['fail', 'pass']).default('fail').describe('Exit status given to inconclusive checks. Default fail (exit 1).'),
    checks: z.array(Check).default([]),
    inputs: z
      .record(z.string(), z.string())
      .default({})
      .describe('Maps model inputs to population columns where their names differ: { <model input>: <population column> }. Default: same names.'),
    counterfactual: z
      .array(
        z
          .object({
            attribute: z.string().describe('A categorical attribute of the population to intervene on.'),
            to: z.string().optional().describe('The value every twin gets, do(attribute = to). Default: the reference group of the attribute.'),
            effect: z.enum(['direct', 'total', 'both']).default('both').describe('direct: only the attribute changes; total: its descendants are regenerated from the same noise. Default both.'),
          })
          .strict(),
      )
      .default([])
      .describe('Counterfactual twins (synthetic runs only): each row is compared with itself under do(attribute = to).'),
    bootstrap: Bootstrap.optional(),
    privacy: z
      .object({
        min_cell: PositiveInteger.describe('Counts below this are shown as "<k" in report.html, report.md, junit.xml and the charts, and the rates built on them withheld. Applies to real-data audits (data:); synthetic runs show everything.'),
      })
      .strict()
      .optional()
      .describe('Small-cell suppression for reports on real people. results.json keeps the full numbers (marked withheld) for merging and gating: do not publish it.'),
    report: z
      .object({
        formats: z
          .array(z.enum(['html', 'md', 'junit', 'vl', 'svg', 'png']))
          .optional()
          .describe('Report files to write besides results.json: html, md, junit, vl (Vega-Lite specs), svg, png. Default all.'),
        interactive: z.boolean().default(false).describe('Inline vega, vega-lite and vega-embed into report.html for tooltips (about 0.8 MB; still no network). Default false.'),
      })
      .strict()
      .optional()
      .describe('What the report folder contains.'),
    sweep: z
      .union([z.boolean(), z.array(z.number().gt(0).lt(1)).min(1)])
      .optional()
      .describe('Threshold sweep (rows with scores): selection rate, its ratio and error rates per group when the top fraction f of scores is selected, for f on a grid; written to results.json as selection_curves. true: 1, 2, 3, 5, 7.5, 10, 15, 20, 25, 30, 40 and 50 %; a list: those fractions; false: none. Default true.'),
    proxies: z
      .boolean()
      .optional()
      .describe('Proxy detection (synthetic runs): how strongly each model input predicts each protected attribute (bias-corrected Cramér\'s V and a one-feature AUC over the whole population; a logistic model on all inputs, trained and tested on fixed samples), written to results.json as proxies. Default true.'),
    intersections: z
      .union([
        z.enum(['all', 'full', 'none']),
        z.array(
          z.union([
            z.array(z.string().min(1)).min(2),
            z
              .string()
              .regex(/^[^*×]+([*×][^*×]+)+$/, 'expected attributes joined by "*" or "×", e.g. nationality*disability')
              .transform((s) => intersectionName(s).split('×')),
          ]),
        ),
      ])
      .optional()
      .describe('Intersections of protected attributes to report: "full" (all attributes together, the default), "all" (every subset of two or more), "none", or a list of subsets such as [[nationality, disability]] or [nationality*disability]. Cells below min_cell are listed as suppressed with their n, never dropped.'),
  })
  .strict();
type BatteryFields = z.output<typeof BatteryFields>;

/** A synthetic or real-population run: the model scores `population` and `decision` turns scores into flags. */
export type PopulationBattery = BatteryFields & { population: NonNullable<BatteryFields['population']>; decision: DecisionRule; data?: undefined };
/** An audit of recorded decisions: `data` holds them, nothing is scored. */
export type DataBattery = BatteryFields & { data: NonNullable<BatteryFields['data']>; population?: undefined };
/** A battery is one or the other, so that code reading `population`, `decision` or `data` is told by the type which it has. */
export type Battery = PopulationBattery | DataBattery;

const isPopulationBattery = (b: BatteryFields): b is PopulationBattery => b.population !== undefined && b.data === undefined && b.decision !== undefined;
const isDataBattery = (b: BatteryFields): b is DataBattery => b.data !== undefined && b.population === undefined;

// What the battery's source must hold, checked here so that the schema stays the only validator of
// the file's shape (resolveBattery checks only what needs other files or the metric registry). The
// transform returns the parsed object itself, narrowed to the union: no field is copied or reordered.
export const Battery = BatteryFields.transform((b, ctx): Battery => {
  const bad = (path: (string | number)[], message: string): never => {
    ctx.addIssue({ code: 'custom', path, message, input: b });
    return z.NEVER;
  };
  if (!b.population === !b.data) return bad(['population'], 'give exactly one of population (synthetic run) or data (recorded decisions)');
  if (b.population && (b.population.spec === undefined) === (b.population.file === undefined)) return bad(['population'], 'give exactly one of spec (synthetic) or file (real data)');
  if (isDataBattery(b)) {
    const data = b.data;
    if (data.label_source && !data.label && !data.positives) return bad(['data', 'label'], 'required with data.label_source (or positives with count): the errors found in each sample');
    if (data.label_source && data.population_size === undefined) return bad(['data', 'population_size'], 'required with data.label_source: the number of applicants the samples come from');
    if (!data.label_source && data.population_size !== undefined) return bad(['data', 'population_size'], 'only used with data.label_source');
    if (!data.label_source && data.selection_probability) return bad(['data', 'selection_probability'], 'only used with data.label_source');
    return b;
  }
  if (!b.model && !b.models) return bad(['model'], 'required with population (or models: { deployed, candidate } for disparate compare)');
  if (isPopulationBattery(b)) return b;
  return bad(['decision'], 'required with population');
});
