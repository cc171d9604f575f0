/**
 * Generator of the Rotterdam pack's population spec and pack model (run once, by hand; the outputs are
 * committed, the published CSVs are not):
 *
 *   npm run build && node dist/datasets/packs/rotterdam/build-population.js <feature-ranges.csv> [linear-surrogate.csv]
 *
 * writes datasets/populations/rotterdam-recipients.yaml and datasets/packs/rotterdam/model.json.
 *
 * Inputs: the training-data ranges (minimum, maximum, mean of each of the 315 inputs) and the linear
 * surrogate published by Lighthouse Reports and WIRED (March 2023), github.com/Lighthouse-Reports/
 * suspicion_machine. The surrogate's coefficients come from models/zoo/rotterdam-surrogate/model.json;
 * when the surrogate CSV is given, every coefficient is checked against it.
 *
 * Distributions (only the support and the mean of each input are published, nothing about their shape
 * or their dependencies): each input gets the MAXIMUM-ENTROPY distribution on [min, max] with the
 * published mean, every input independent of every other:
 *   - integer inputs with at most 60 values: p(k) ∝ exp(λ k) on {min, …, max} (a 0/1 input is thus
 *     exactly Bernoulli(mean));
 *   - wider integer inputs: the same exponential family on bins with half-integer edges (30 unit bins
 *     from the minimum, 10 before the maximum, 40 of equal integer width between), uniform within a bin,
 *     then rounded (rounding a uniform on half-integer edges keeps the mean);
 *   - non-integer inputs: 40 bins on [min, max], uniform within a bin, not rounded.
 * λ is solved by bisection so the distribution's mean equals the published mean exactly.
 *
 * The five focus attributes (gender, age, children, language requirement, cost-sharer) are categorical
 * columns instead, so counterfactual twins can set them, and the pack model reads them as categorical
 * inputs with the surrogate's coefficient per level (age: coefficient × years, per year of age), which
 * gives exactly the surrogate's score.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../../../harness/config/index.js';

const MAX_POINTS = 60;
const BINS = 40;
const HEAD = 30;
const TAIL = 10;

interface Range {
  readonly name: string;
  readonly dataClass: string;
  readonly unique: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

interface LinearInput {
  readonly name: string;
  readonly type: 'numeric';
  readonly coefficient: number;
}

/** Minimal CSV reader (quoted fields with "" escapes; no embedded newlines in these files). */
export function parseCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cur = '';
    let q = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (q) {
        if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
        else if (c === '"') q = false;
        else cur += c;
      } else if (c === '"') q = true;
      else if (c === ',') out.push(cur), (cur = '');
      else cur += c;
    }
    out.push(cur);
    return out;
  };
  const header = split(lines[0]!);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [header[i]!, v])));
}

/** Probabilities ∝ weight_k · exp(λ x_k) (bins: the exponential integrated over the bin) with mean `mean`. */
export interface Discrete {
  readonly probs: number[];
  readonly lambda: number;
}

/**
 * Maximum-entropy distribution with a given mean over bins [edges[k], edges[k+1]) (density ∝ exp(λx),
 * piecewise uniform within a bin) or over points (edges = null; the points themselves). λ by bisection.
 */
export function maxEntropy(points: readonly number[] | null, edges: readonly number[] | null, mean: number): Discrete {
  const K = points ? points.length : edges!.length - 1;
  const lo = points ? points[0]! : edges![0]!;
  const hi = points ? points[K - 1]! : edges![K]!;
  const width = hi - lo;
  const mids = points ? [...points] : Array.from({ length: K }, (_, k) => (edges![k]! + edges![k + 1]!) / 2);
  // Work on t = (x − lo) / width ∈ [0, 1] so λ is on a sane scale.
  const probsAt = (lam: number): number[] => {
    let w: number[];
    if (points) w = points.map((x) => lam * ((x - lo) / width));
    else {
      w = [];
      for (let k = 0; k < K; k++) {
        const a = (edges![k]! - lo) / width;
        const b = (edges![k + 1]! - lo) / width;
        // log ∫_a^b exp(lam t) dt, stable for lam ≈ 0.
        const len = b - a;
        const lw = Math.abs(lam * len) < 1e-8 ? Math.log(len) + lam * a : lam * a + Math.log(Math.abs(Math.expm1(lam * len) / lam));
        w.push(lw);
      }
    }
    const m = Math.max(...w);
    const e = w.map((x) => Math.exp(x - m));
    const s = e.reduce((x, y) => x + y, 0);
    return e.map((x) => x / s);
  };
  const meanAt = (lam: number): number => probsAt(lam).reduce((s, p, k) => s + p * mids[k]!, 0);
  let a = -2000;
  let b = 2000;
  if (!(meanAt(a) <= mean && mean <= meanAt(b))) throw new Error(`mean ${mean} outside the reachable range [${meanAt(a)}, ${meanAt(b)}]`);
  for (let i = 0; i < 200; i++) {
    const c = (a + b) / 2;
    if (meanAt(c) < mean) a = c;
    else b = c;
  }
  const lambda = (a + b) / 2;
  return { probs: probsAt(lambda), lambda: lambda / width };
}

/** Rounds probabilities to 12 decimals, the remainder put on the largest, so they sum to 1 within 1e-12. */
function fixProbs(p: readonly number[]): number[] {
  const r = p.map((x) => Math.round(x * 1e12) / 1e12);
  const diff = 1 - r.reduce((s, x) => s + x, 0);
  const k = r.indexOf(Math.max(...r));
  r[k] = Math.round((r[k]! + diff) * 1e12) / 1e12;
  return r;
}

const isInteger = (r: Range): boolean => r.dataClass === 'integer' || (Number.isInteger(r.min) && Number.isInteger(r.max) && r.unique <= r.max - r.min + 1);

/** The empirical variable (breaks, probs, round) of one input. */
export function variableOf(r: Range): { breaks: number[]; probs: number[]; round?: number; kind: string } {
  if (!(r.min < r.max) || !(r.min < r.mean && r.mean < r.max)) throw new Error(`${r.name}: degenerate range ${r.min}..${r.max}, mean ${r.mean}`);
  if (isInteger(r)) {
    const count = r.max - r.min + 1;
    if (count <= MAX_POINTS) {
      const points = Array.from({ length: count }, (_, k) => r.min + k);
      const d = maxEntropy(points, null, r.mean);
      return { breaks: [...points.map((x) => x - 0.5), r.max + 0.5], probs: fixProbs(d.probs), round: 0, kind: count === 2 ? 'bernoulli' : 'integer' };
    }
    // Unit bins at both ends (where an exponential puts its mass when the mean is near an end), BINS
    // bins of equal integer width in between; every edge a half-integer.
    const edges: number[] = [];
    for (let k = 0; k < HEAD; k++) edges.push(r.min - 0.5 + k);
    const from = r.min - 0.5 + HEAD;
    const to = r.max + 0.5 - TAIL;
    const w = Math.ceil((to - from) / BINS);
    for (let x = from; x < to; x += w) edges.push(x);
    for (let k = 0; k <= TAIL; k++) edges.push(to + k);
    const d = maxEntropy(null, edges, r.mean);
    return { breaks: edges, probs: fixProbs(d.probs), round: 0, kind: 'integer, binned' };
  }
  const edges = Array.from({ length: BINS + 1 }, (_, k) => r.min + ((r.max - r.min) * k) / BINS);
  const d = maxEntropy(null, edges, r.mean);
  return { breaks: edges, probs: fixProbs(d.probs), kind: 'continuous, binned' };
}

/** The focus attributes: categorical columns replacing one surrogate input each. */
interface Focus {
  readonly column: string;
  readonly input: string;
  readonly description: string;
  /** Level name per integer value of the input, in order from min. */
  readonly levels: (min: number, max: number) => string[];
}

const FOCUS: readonly Focus[] = [
  { column: 'gender', input: 'persoon_geslacht_vrouw', description: 'Gender (protected; input persoon_geslacht_vrouw, 1 = woman).', levels: () => ['man', 'woman'] },
  {
    column: 'age',
    input: 'persoon_leeftijd_bij_onderzoek',
    description: 'Age in whole years at the time of the investigation (protected; input persoon_leeftijd_bij_onderzoek).',
    levels: (min, max) => Array.from({ length: max - min + 1 }, (_, k) => String(min + k)),
  },
  { column: 'children', input: 'relatie_kind_heeft_kinderen', description: 'Has children (protected; input relatie_kind_heeft_kinderen).', levels: () => ['no', 'yes'] },
  {
    column: 'language',
    input: 'persoonlijke_eigenschappen_taaleis_voldaan',
    description:
      'Dutch-language requirement met (focus; input persoonlijke_eigenschappen_taaleis_voldaan, values 0/1/2). Code 0 is read as "not met" and 1 as "met", as in Lighthouse\'s own "struggling Dutch" experiment; code 2 is not documented and kept as "code_2".',
    levels: () => ['not_met', 'met', 'code_2'],
  },
  { column: 'cost_sharer', input: 'relatie_overig_kostendeler', description: 'Shares housing costs with another adult (focus; input relatie_overig_kostendeler).', levels: () => ['no', 'yes'] },
];

const q = (s: string): string => JSON.stringify(s);
/** Column names must be ASCII identifiers: "financiële" → "financiele", "beïnvloeden" → "beinvloeden". */
export const asciiName = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const num = (x: number): string => (Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(12))));

function main(rangesFile: string, surrogateFile: string | undefined): void {
  const pkgRoot = packageRoot();
  const zoo = JSON.parse(readFileSync(join(pkgRoot, 'models/zoo/rotterdam-surrogate/model.json'), 'utf8')) as { intercept: number; inputs: LinearInput[] };
  const ranges = new Map<string, Range>();
  for (const row of parseCsv(readFileSync(rangesFile, 'utf8'))) {
    if (row.minimum_value === 'NA') continue;
    ranges.set(row.feature_name!, {
      name: row.feature_name!,
      dataClass: row.data_class!,
      unique: Number(row.unique_values),
      min: Number(row.minimum_value),
      max: Number(row.maximum_value),
      mean: Number(row.mean_value),
    });
  }
  if (surrogateFile) {
    const published = new Map(parseCsv(readFileSync(surrogateFile, 'utf8')).map((r) => [r.feature!, Number(r.estimate)]));
    if (Math.abs(published.get('(Intercept)')! - zoo.intercept) > 1e-12) throw new Error('intercept differs from the published surrogate');
    for (const i of zoo.inputs) if (published.get(i.name) !== i.coefficient) throw new Error(`${i.name}: coefficient ${i.coefficient} ≠ published ${published.get(i.name)}`);
    if (published.size !== zoo.inputs.length + 1) throw new Error('input count differs from the published surrogate');
  }

  const lines: string[] = [];
  const focusByInput = new Map(FOCUS.map((f) => [f.input, f]));
  const modelInputs: unknown[] = [];
  let meanScore = zoo.intercept;
  for (const input of zoo.inputs) {
    const r = ranges.get(input.name);
    if (!r) throw new Error(`${input.name}: no published range`);
    meanScore += input.coefficient * r.mean;
    const focus = focusByInput.get(input.name);
    const src = `published min ${num(r.min)}, max ${num(r.max)}, mean ${num(r.mean)}`;
    if (focus) {
      const points = Array.from({ length: r.max - r.min + 1 }, (_, k) => r.min + k);
      const d = maxEntropy(points, null, r.mean);
      const levels = focus.levels(r.min, r.max);
      lines.push(`  ${focus.column}:`);
      lines.push(`    type: categorical`);
      lines.push(`    description: ${q(`${focus.description} ${src}; maximum-entropy shares with that mean${points.length === 2 ? ' (Bernoulli)' : ''}.`)}`);
      lines.push(`    levels: [${levels.map(q).join(', ')}]`);
      lines.push(`    probs: [${fixProbs(d.probs).join(', ')}]`);
      const coefficients = Object.fromEntries(levels.map((l, k) => [l, Number((input.coefficient * points[k]!).toPrecision(12))]).filter(([, c]) => c !== 0));
      modelInputs.push({ name: focus.column, type: 'categorical', levels, coefficients });
      if (focus.column === 'age') {
        lines.push(`  age_band:`);
        lines.push(`    type: derived`);
        lines.push(`    description: "Age band of the age column, for reporting (not a model input)."`);
        lines.push(`    expr: "d => +d.age < 30 ? 'under_30' : +d.age < 45 ? '30_44' : +d.age < 60 ? '45_59' : '60_plus'"`);
        lines.push(`    levels: [under_30, "30_44", "45_59", 60_plus]`);
      }
      continue;
    }
    const v = variableOf(r);
    const column = asciiName(input.name);
    lines.push(`  ${column}:`);
    lines.push(`    type: numeric`);
    lines.push(`    dist: empirical`);
    lines.push(`    description: ${q(`${column === input.name ? '' : `Input ${input.name}: `}${src}; ${v.kind}, maximum entropy with that mean.`)}`);
    lines.push(`    breaks: [${v.breaks.map(num).join(', ')}]`);
    lines.push(`    probs: [${v.probs.join(', ')}]`);
    if (v.round !== undefined) lines.push(`    round: ${v.round}`);
    modelInputs.push({ name: column, type: 'numeric', coefficient: input.coefficient });
  }

  const header = `# GENERATED by datasets/packs/rotterdam/build-population.ts from the published training-data ranges; do not edit by hand.
#
# Synthetic Rotterdam welfare recipients, one column per input of Rotterdam's fraud-risk model (gbm,
# 500 trees, 315 inputs, trained on 12,707 past investigations), for the linear surrogate.
#
# SOURCED FACTS: the minimum, maximum and mean of every input in the training data (quoted in each
# variable's description): Lighthouse Reports and WIRED, "Suspicion Machines" (March 2023),
# github.com/Lighthouse-Reports/suspicion_machine.
# ASSUMPTIONS: everything else. The shape of each distribution is the maximum-entropy one on the
# published range with the published mean (0/1 inputs: Bernoulli(mean)); EVERY INPUT IS INDEPENDENT OF
# EVERY OTHER, because no dependency is published: a "has children = no" row can carry a child count,
# an 18-year-old can have decades at one address, and so on. Means are matched exactly (up to
# sampling error); variances and correlations are not, so the spread of the scores is an assumption.
# The surrogate at the published means scores ${meanScore.toFixed(4)}.
`;
  const spec = `${header}name: rotterdam-recipients
unit: recipients
description: >-
  Synthetic Rotterdam welfare recipients: the 315 inputs of the fraud-risk model, each drawn
  independently from the maximum-entropy distribution with its published range and training-data mean.
  Protected / focus attributes (categorical): gender, age (whole years; age_band for reporting),
  children, language (Dutch-language requirement met), cost_sharer.
sources:
  - "Lighthouse Reports and WIRED (March 2023), Suspicion Machines, github.com/Lighthouse-Reports/suspicion_machine: minimum, maximum and mean of each of the 315 model inputs in the training data (12,707 investigations)."
variables:
${lines.join('\n')}
`;
  writeFileSync(join(pkgRoot, 'datasets/populations/rotterdam-recipients.yaml'), spec);
  const model = {
    kind: 'linear',
    name: 'rotterdam-linear-surrogate-focus',
    description:
      "models/zoo/rotterdam-surrogate/model.json with its five focus inputs read from categorical columns (gender, age in whole years, children, language requirement, cost-sharer), each level carrying the surrogate's coefficient times the input's value: the same score, so counterfactual twins can set them. Generated by datasets/packs/rotterdam/build-population.ts.",
    source:
      "Lighthouse Reports and WIRED (March 2023), 'Suspicion Machines' (github.com/Lighthouse-Reports/suspicion_machine): the linear approximation of Rotterdam's gradient-boosting score published with the investigation; see models/zoo/rotterdam-surrogate/README.md.",
    intercept: zoo.intercept,
    inputs: modelInputs,
  };
  writeFileSync(join(pkgRoot, 'datasets/packs/rotterdam/model.json'), `${JSON.stringify(model, null, 1)}\n`);
  process.stdout.write(`wrote rotterdam-recipients.yaml (${zoo.inputs.length} inputs) and model.json; surrogate at the means: ${meanScore.toFixed(6)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [rangesFile, surrogateFile] = process.argv.slice(2);
  if (!rangesFile) {
    process.stderr.write('usage: node dist/datasets/packs/rotterdam/build-population.js <feature-ranges.csv> [linear-surrogate.csv]\n');
    process.exit(2);
  }
  main(rangesFile, surrogateFile);
}
