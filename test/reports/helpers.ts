import { Results, type GroupResult } from '../../harness/results/index.js';
import { fixtureResults } from './fixture-results.js';

/** Labels that break naive HTML, XML/CDATA and Markdown-table writers. */
export const HOSTILE = `<script>alert(1)</script>"'&]]>|x\`y\`\nz`;

/**
 * The fixture with a third protected attribute (income_band, one value "low") so the intersection
 * crosses three attributes, as the heatmap's combined-label path needs.
 */
export function threeAttributeResults(): Results {
  const r = fixtureResults();
  r.manifest.protected.push('income_band');
  r.manifest.references['income_band'] = { group: 'low', origin: 'default' };
  const inter = r.groups.filter((g) => g.attribute === 'nationality×disability');
  for (const g of inter) {
    g.attribute = 'nationality×disability×income_band';
    g.group = `${g.group}×low`;
  }
  return r;
}

/**
 * {@link richResults} (every chart kind) with {@link HOSTILE} text in a group name, check id, source,
 * title, unit noun, warning, labels, counterfactual levels, proxy inputs and reproduced figures.
 */
export function hostileResults(): Results {
  const r = richResults();
  const rename = (s: string) => s.replace(/non_eu/g, HOSTILE);
  for (const g of r.groups) g.group = rename(g.group);
  for (const c of r.checks) {
    c.group = rename(c.group);
    c.id = `${c.id}${HOSTILE}`;
    c.source = HOSTILE;
  }
  r.manifest.title = `Audit ${HOSTILE}`;
  r.manifest.unit = `tenants ${HOSTILE}`;
  r.manifest.labels = HOSTILE;
  r.manifest.command = `disparate run ${HOSTILE}`;
  r.warnings.push({ code: HOSTILE, message: HOSTILE });
  for (const c of r.counterfactual) c.from = rename(c.from);
  for (const p of r.proxies ?? []) p.input = `${p.input}${HOSTILE}`;
  for (const f of r.reproduction?.figures ?? []) f.label = `${f.label}${HOSTILE}`;
  return r;
}

const BINS = 20;

/** A deterministic 20-bin histogram on [0, 1] for a group of size n whose scores centre on `centre`. */
function histogram(n: number, centre: number): NonNullable<GroupResult['score_histogram']> {
  const edges = Array.from({ length: BINS + 1 }, (_, i) => i / BINS);
  const weights = edges.slice(0, -1).map((e) => Math.exp(-(((e + 0.5 / BINS - centre) / 0.15) ** 2)));
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.round((n * w) / total));
  const labelled = counts.map((c) => Math.round(c * 0.8));
  // Scores a little too high for everyone: observed rate = 0.8 × mid score.
  const positives = labelled.map((l, i) => Math.round(l * 0.8 * (edges[i]! + 0.5 / BINS)));
  return { edges, counts, labelled, positives };
}

function metricValue(value: number, ci: [number, number] | null, method: string) {
  return { value, ci, level: 0.95, method, reference: null };
}

/** A counterfactual comparison for the fixture: `shift` is the mean score shift of do(attribute = to). */
function counterfactual(attribute: string, from: string, to: string, effect: 'direct' | 'total', shift: number): Results['counterfactual'][number] {
  const n = 12000;
  return {
    attribute, from, to, effect, n, undefined_twins: 0,
    flagged_original: 1260, flagged_twin: 1260 - Math.round(shift * 4000),
    flips_up: 40, flips_down: 40 + Math.round(shift * 4000),
    flip_rate: metricValue(0.03, [0.027, 0.033], 'clopper-pearson'),
    flip_up_rate: metricValue(0.004, [0.003, 0.005], 'clopper-pearson'),
    flip_down_rate: metricValue(0.2, [0.18, 0.22], 'clopper-pearson'),
    selection_rate_difference: metricValue(-shift / 3, [-shift / 3 - 0.002, -shift / 3 + 0.002], 'tango-score-paired'),
    mcnemar_p_value: 1e-5,
    mean_score_shift: metricValue(-shift, [-shift - 0.003, -shift + 0.003], 'normal-paired-mean'),
    score_shift_quantiles: { p05: -shift * 3, p25: -shift * 1.5, p50: -shift, p75: -shift * 0.5, p95: shift * 0.4 },
    zero_shift_share: 0.1,
    mean_rank_shift: metricValue(-shift * 100, [-shift * 100 - 0.5, -shift * 100 + 0.5], 'normal-paired-mean'),
    rank_shift_quantiles: null,
    quantile_method: 'histogram: 2000 shift bins',
    rank_reference: 'score histogram of the whole original population',
    small_cell: false,
  };
}

/**
 * The fixture with every optional chart input: score histograms (with labels) on every group,
 * two counterfactual comparisons, proxy strengths and a pack reproduction.
 */
export function richResults(): Results {
  const r = fixtureResults();
  for (const g of r.groups) g.score_histogram = histogram(g.n, 0.2 + g.flagged / g.n);
  r.counterfactual = [counterfactual('nationality', 'non_eu', 'french', 'direct', 0.002), counterfactual('nationality', 'non_eu', 'french', 'total', 0.04)];
  r.proxies = [
    { attribute: 'nationality', input: 'rent_share', statistic: 'cramers_v', value: 0.41, ci: [0.39, 0.43] },
    { attribute: 'nationality', input: 'household_size', statistic: 'cramers_v', value: 0.12, ci: null },
    { attribute: 'disability', input: 'aah_recipient', statistic: 'cramers_v', value: 0.93 },
    { attribute: 'disability', input: 'age', statistic: 'cramers_v', value: null },
  ];
  r.reproduction = {
    pack: 'caf', title: 'CAF 2023',
    reproduced: { within: 1, total: 2 }, inputs: { within: 1, total: 1 }, informative: { within: 0, total: 1 },
    figures: [
      { id: 'f1', label: 'Single parents among controls', class: 'input', published: 0.36, reproduced: 0.35, tolerance: 0.02, within: true, exact: false, source: 'Le Monde 2023', note: 'calibration target' },
      { id: 'f2', label: 'Selection-rate ratio, AAH', class: 'reproduced', published: 2.1, reproduced: 2.0, tolerance: 0.2, within: true, exact: false, source: 'LQDN 2023', note: null },
      { id: 'f3', label: 'Controls per year', class: 'informative', published: 128000, reproduced: 150000, tolerance: 1000, within: false, exact: false, source: 'CAF 2022', note: 'not modelled' },
      { id: 'f4', label: 'Exact figure', class: 'reproduced', published: 0.5, reproduced: null, tolerance: 0, within: false, exact: true, source: 'CAF', note: null },
    ],
  };
  return Results.parse(r);
}

/**
 * The fixture as a real-data audit with privacy.min_cell = k: the small cell non_eu×disabled
 * (n = 24, flagged 5) must be suppressed at k = 30.
 */
export function auditResults(k = 30): Results {
  const r = richResults();
  r.counterfactual = [];
  r.manifest.mode = 'audit';
  r.manifest.population = null;
  r.manifest.model = null;
  r.manifest.seed = null;
  r.manifest.data = { file: 'decisions.csv', hash: 'sha256:00' };
  r.manifest.privacy = { min_cell: k, origin: 'cli' };
  return Results.parse(r);
}
