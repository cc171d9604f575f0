import type { Results, SelectiveLabelsGroup } from '../../../harness/results/index.js';
import type { Pack, PackFigure } from '../pack.js';
import { LIGHTHOUSE, PUBLISHED_GROUPS, PUBLISHED_OVERALL, type PublishedGroup } from './published.js';

const ALGO = `${LIGHTHOUSE}, sweden_algo_fairness.ipynb`;
const AGENCY = `${LIGHTHOUSE}, sweden_sia_fairness.ipynb (the agency's own two-step test)`;

const selective = (runs: ReadonlyMap<string, Results>) => runs.get('main')?.selective_labels ?? null;
const find = (runs: ReadonlyMap<string, Results>, p: PublishedGroup): SelectiveLabelsGroup | undefined =>
  selective(runs)?.groups.find((g) => g.attribute === p.attribute && g.group === p.group);
const pass = (verdict: 'pass' | 'fail') => (verdict === 'pass' ? 1 : 0);

/**
 * One row per published measure: how to label it, where it was published, the tolerance its
 * rounding allows, and how to read the reproduced value off the selective-labels section.
 */
interface Measure {
  readonly key: keyof PublishedGroup & string;
  readonly label: string;
  readonly tolerance: number;
  readonly exact: boolean;
  readonly source: string;
  readonly note: string;
  readonly published: (p: PublishedGroup) => number;
  readonly read: (g: SelectiveLabelsGroup) => number | null;
}

const MEASURES: readonly Measure[] = [
  { key: 'random_share', label: 'share of the random sample', tolerance: 5e-5, exact: true, source: `${AGENCY}, step 1`, note: 'published as a percentage with 2 decimals', published: (p) => p.random_share, read: (g) => g.random_share },
  { key: 'model_share', label: 'share of the model-selected cases', tolerance: 5e-5, exact: true, source: `${AGENCY}, step 1`, note: 'published as a percentage with 2 decimals', published: (p) => p.model_share, read: (g) => g.model_share },
  { key: 'step1_ratio', label: 'statistical parity: model share ÷ random-sample share', tolerance: 0.005, exact: true, source: `${AGENCY}, step 1`, note: 'published with 2 decimals', published: (p) => p.step1_ratio, read: (g) => g.statistical_parity.value },
  { key: 'step1', label: "agency test step 1 passes (1) or fails (0): ratio ≥ 2 or ≤ 0.5, or ≥ 30 points apart, fails", tolerance: 0, exact: true, source: `${AGENCY}, step 1`, note: 'verdict', published: (p) => pass(p.step1), read: (g) => pass(g.agency_test.step1) },
  { key: 'flagged_error_share', label: 'share of the model-selected cases with errors', tolerance: 5e-5, exact: true, source: `${AGENCY}, step 2`, note: 'published as a percentage with 2 decimals', published: (p) => p.flagged_error_share, read: (g) => g.flagged_error_share },
  { key: 'step2', label: 'agency test step 2 passes (1) or fails (0): shares among flagged and flagged-with-errors ≥ 10 points apart fails', tolerance: 0, exact: true, source: `${AGENCY}, step 2`, note: 'verdict', published: (p) => pass(p.step2), read: (g) => pass(g.agency_test.step2) },
  { key: 'base_rate', label: 'base rate: errors found in the random sample', tolerance: 0.005, exact: true, source: `${ALGO}, baseline mistake rates`, note: 'published with 2 decimals', published: (p) => p.base_rate, read: (g) => g.base_rate.value },
  { key: 'precision', label: 'precision: errors found among model-selected cases', tolerance: 5e-4, exact: false, source: `${ALGO}, predictive parity`, note: "published as the mean of Lighthouse's bootstrap (4 decimals); reproduced as the point estimate from the counts, so the tolerance covers rounding and bootstrap noise", published: (p) => p.precision, read: (g) => g.precision.value },
  { key: 'fpr', label: 'inferred population false-positive rate', tolerance: 1e-4, exact: false, source: `${ALGO}, false positive error rate`, note: "published as the mean of Lighthouse's bootstrap (4 decimals); reproduced as the point estimate of the inferred confusion matrix", published: (p) => p.fpr, read: (g) => g.false_positive_rate.value },
  { key: 'fnr', label: 'inferred population false-negative rate', tolerance: 5e-4, exact: false, source: `${ALGO}, false negative balance`, note: "published as the mean of Lighthouse's bootstrap (4 decimals; the bootstrap mean of a ratio is biased low by up to 2e-4 here); reproduced as the point estimate", published: (p) => p.fnr, read: (g) => g.false_negative_rate.value },
  { key: 'error_share', label: 'equal burden: share of the errors found in the random sample (against the model share above)', tolerance: 5e-5, exact: true, source: `${ALGO}, equal burden`, note: 'published as a percentage with 2 decimals', published: (p) => p.error_share, read: (g) => g.error_share },
  {
    key: 'tp',
    label: 'inferred population confusion matrix: true positives ÷ group size',
    tolerance: 1e-12,
    exact: true,
    source: `${ALGO}, confusion matrices`,
    note: 'published at full precision; Lighthouse truncates the group size (random-sample share × 977,730) to whole applicants, so the reproduced value divides by ⌊size⌋ (without truncation it differs by < 5e-9)',
    published: (p) => p.tp,
    read: (g) => g.population.tp / Math.floor(g.population.size),
  },
  {
    key: 'fp',
    label: 'inferred population confusion matrix: false positives ÷ group size',
    tolerance: 1e-12,
    exact: true,
    source: `${ALGO}, confusion matrices`,
    note: 'published at full precision; divided by ⌊size⌋ as Lighthouse does',
    published: (p) => p.fp,
    read: (g) => g.population.fp / Math.floor(g.population.size),
  },
];

function groupFigures(): PackFigure[] {
  return PUBLISHED_GROUPS.flatMap((p) =>
    MEASURES.map((m): PackFigure => ({
      id: `${p.attribute}.${p.group}.${m.key}`,
      label: `${p.attribute}=${p.group}: ${m.label}`,
      class: 'reproduced',
      published: m.published(p),
      tolerance: m.tolerance,
      exact: m.exact,
      source: m.source,
      note: `${m.note}; Lighthouse's group "${p.lighthouse}"`,
      reproduce: (runs) => {
        const g = find(runs, p);
        return g ? m.read(g) : null;
      },
    })),
  );
}

/** Totals over the groups of one attribute (every attribute covers all 6,129 cases). */
function totals(runs: ReadonlyMap<string, Results>) {
  const groups = selective(runs)?.groups.filter((g) => g.attribute === 'gender') ?? [];
  if (groups.length === 0) return null;
  const sum = (f: (g: SelectiveLabelsGroup) => number) => groups.reduce((s, g) => s + f(g), 0);
  return { random: sum((g) => g.random.n), randomErrors: sum((g) => g.random.errors), model: sum((g) => g.model.n), modelErrors: sum((g) => g.model.errors) };
}

/** The case counts are the sums of investigations-2017.csv, the pack's input: read back, not reproduced. */
const INPUT_NOTE = 'the sum of the case counts the pack reads (investigations-2017.csv), read back';

/**
 * Overall figures. Everything Lighthouse computed from the cases (rates, shares, ratios, the agency's
 * verdicts, the inferred confusion matrices) is recomputed here from the counts by their method, so it
 * is a reproduction of their analysis; only the case counts themselves are inputs.
 */
const overall: PackFigure[] = [
  { id: 'investigated', label: 'cases investigated in 2017', class: 'input', note: INPUT_NOTE, published: PUBLISHED_OVERALL.investigated, tolerance: 0, exact: true, source: `${LIGHTHOUSE}, README`, reproduce: (runs) => runs.get('main')?.manifest.rows ?? null },
  { id: 'random_sample', label: 'cases chosen at random', class: 'input', note: INPUT_NOTE, published: PUBLISHED_OVERALL.random, tolerance: 0, exact: true, source: `${LIGHTHOUSE}, README`, reproduce: (runs) => totals(runs)?.random ?? null },
  { id: 'model_sample', label: 'cases chosen by the model', class: 'input', note: INPUT_NOTE, published: PUBLISHED_OVERALL.model, tolerance: 0, exact: true, source: `${LIGHTHOUSE}, README`, reproduce: (runs) => totals(runs)?.model ?? null },
  {
    id: 'base_rate',
    label: 'base rate: errors found in the random sample (all groups)',
    class: 'reproduced',
    published: PUBLISHED_OVERALL.base_rate,
    tolerance: 5e-7,
    exact: true,
    source: `${ALGO}, model against random sample`,
    note: 'published with 6 decimals',
    reproduce: (runs) => {
      const t = totals(runs);
      return t ? t.randomErrors / t.random : null;
    },
  },
  {
    id: 'precision',
    label: 'precision: errors found among model-selected cases (all groups)',
    class: 'reproduced',
    published: PUBLISHED_OVERALL.precision,
    tolerance: 5e-7,
    exact: true,
    source: `${ALGO}, model against random sample`,
    note: 'published with 6 decimals',
    reproduce: (runs) => {
      const t = totals(runs);
      return t ? t.modelErrors / t.model : null;
    },
  },
];

/** Sweden, Försäkringskassan's VAB model: the published 2017 investigations through the selective-labels audit (see README.md). */
export const swedenFkPack: Pack = {
  id: 'sweden-fk',
  title: "Sweden, Försäkringskassan's temporary-parental-benefit (VAB) model: 2017 investigations, selective labels",
  summary:
    "The 6,129 VAB cases investigated in 2017 (1,047 at random, 5,082 chosen by the model) as published by Lighthouse Reports and Svenska Dagbladet, audited with label provenance: statistical parity against the random sample, base rate against precision, inferred population FPR and FNR, equal burden and the agency's own two-step test.",
  runs: { main: 'battery.yaml' },
  figures: [...overall, ...groupFigures()],
};
