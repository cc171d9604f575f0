import { Results, type CheckResult, type GroupResult, type MetricValue } from '../../harness/results/index.js';

/**
 * Hand-made results for report tests: nationality (french = reference, eu, non_eu) × disability
 * (not_disabled = reference, disabled), 87,000 synthetic households (manifest.unit "households"), labels everywhere.
 * Cell counts below; marginals are their sums. Intervals use the textbook formulas (z = 1.96).
 * Expected verdicts (bounds 0.80–1.25): non_eu selection-rate ratio 2.10 [1.97, 2.24] → fail;
 * eu 1.20 [1.12, 1.29] → inconclusive; disabled 1.01 [0.93, 1.10] → pass.
 * Small cell: non_eu×disabled (n = 24 < min_cell 50), whose TPR ratio is 0 with a null CI.
 */
const CELLS: Record<string, { n: number; flagged: number; positives: number; tp: number }> = {
  'french×not_disabled': { n: 53000, flagged: 2620, positives: 1600, tp: 900 },
  'french×disabled': { n: 7000, flagged: 380, positives: 220, tp: 120 },
  'eu×not_disabled': { n: 12024, flagged: 685, positives: 400, tp: 230 },
  'eu×disabled': { n: 2976, flagged: 215, positives: 100, tp: 60 },
  'non_eu×not_disabled': { n: 11976, flagged: 1255, positives: 420, tp: 400 },
  'non_eu×disabled': { n: 24, flagged: 5, positives: 1, tp: 0 },
};
const Z = 1.959964;
const LEVEL = 0.95;
const MIN_CELL = 50;

interface Counts { n: number; flagged: number; tp: number; fp: number; tn: number; fn: number }
type Frac = [number, number];

const RATES: Record<string, (c: Counts) => Frac> = {
  selection_rate: (c) => [c.flagged, c.n],
  true_positive_rate: (c) => [c.tp, c.tp + c.fn],
  false_positive_rate: (c) => [c.fp, c.fp + c.tn],
  false_negative_rate: (c) => [c.fn, c.tp + c.fn],
  precision: (c) => [c.tp, c.tp + c.fp],
  false_discovery_rate: (c) => [c.fp, c.tp + c.fp],
  false_omission_rate: (c) => [c.fn, c.fn + c.tn],
};

function wilson([x, n]: Frac): Frac {
  const p = x / n;
  const mid = (p + (Z * Z) / (2 * n)) / (1 + (Z * Z) / n);
  const half = ((Z / (1 + (Z * Z) / n)) * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n)));
  return [Math.max(0, mid - half), Math.min(1, mid + half)];
}
function katz([x1, n1]: Frac, [x0, n0]: Frac): Frac | null {
  if (x1 === 0 || x0 === 0) return null;
  const r = x1 / n1 / (x0 / n0);
  const se = Math.sqrt(1 / x1 - 1 / n1 + 1 / x0 - 1 / n0);
  return [r * Math.exp(-Z * se), r * Math.exp(Z * se)];
}
function newcombe(a: Frac, b: Frac): Frac {
  const [p1, p0] = [a[0] / a[1], b[0] / b[1]];
  const [l1, u1] = wilson(a);
  const [l0, u0] = wilson(b);
  const d = p1 - p0;
  return [d - Math.hypot(p1 - l1, u0 - p0), d + Math.hypot(u1 - p1, p0 - l0)];
}
const mv = (value: number | null, ci: Frac | null, method: string, reference: string | null): MetricValue =>
  ({ value, ci, level: LEVEL, method, reference });

function group(attribute: string, name: string, c: Counts, ref: { name: string; c: Counts }): GroupResult {
  const metrics: Record<string, MetricValue> = {};
  for (const [id, frac] of Object.entries(RATES)) {
    const f = frac(c);
    const f0 = frac(ref.c);
    metrics[id] = { ...mv(f[0] / f[1], wilson(f), 'wilson', null), numerator: f[0], denominator: f[1] };
    if (name === ref.name) continue;
    const ratio = f[0] / f[1] / (f0[0] / f0[1]);
    metrics[`${id}_ratio`] = mv(ratio, katz(f, f0), 'katz-log', ref.name);
    metrics[`${id}_difference`] = mv(f[0] / f[1] - f0[0] / f0[1], newcombe(f, f0), 'newcombe-hybrid-score', ref.name);
  }
  return {
    attribute, group: name, is_reference: name === ref.name, ...c, labelled: c.n,
    small_cell: c.n < MIN_CELL, mean_score: 0.1 + c.flagged / c.n, metrics,
  };
}

function counts(cells: (keyof typeof CELLS)[]): Counts {
  const s = { n: 0, flagged: 0, tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const key of cells) {
    const cell = CELLS[key]!;
    s.n += cell.n; s.flagged += cell.flagged; s.tp += cell.tp; s.fp += cell.flagged - cell.tp;
    s.fn += cell.positives - cell.tp; s.tn += cell.n - cell.flagged - (cell.positives - cell.tp);
  }
  return s;
}

function attributeGroups(attribute: string, values: string[], pick: (value: string) => string[]): GroupResult[] {
  const ref = { name: values[0]!, c: counts(pick(values[0]!)) };
  return values.map((v) => group(attribute, v, counts(pick(v)), ref));
}

function check(id: string, g: GroupResult, metric: string, bounds: Frac, origin: 'battery' | 'default', source: string | null): CheckResult {
  const m = g.metrics[metric]!;
  const verdict = m.ci === null ? 'inconclusive'
    : m.ci[0] >= bounds[0] && m.ci[1] <= bounds[1] ? 'pass'
    : m.ci[1] < bounds[0] || m.ci[0] > bounds[1] ? 'fail' : 'inconclusive';
  return {
    id, metric, attribute: g.attribute, group: g.group, reference: m.reference, value: m.value, ci: m.ci,
    level: m.level, method: m.method, bounds, bounds_origin: origin, source, verdict,
    p_value: verdict === 'fail' ? 1e-6 : 0.04, adjusted_p_value: verdict === 'fail' ? 3e-6 : 0.12,
    correction: 'holm', small_cell: g.small_cell,
  };
}

/** A fresh, schema-valid results object (callers may mutate it). */
export function fixtureResults(): Results {
  const nat = ['french', 'eu', 'non_eu'];
  const dis = ['not_disabled', 'disabled'];
  const keys = Object.keys(CELLS);
  const groups = [
    ...attributeGroups('nationality', nat, (v) => keys.filter((k) => k.startsWith(`${v}×`))),
    ...attributeGroups('disability', dis, (v) => keys.filter((k) => k.endsWith(`×${v}`))),
    ...attributeGroups('nationality×disability', keys, (v) => [v]),
  ];
  const find = (a: string, g: string) => groups.find((r) => r.attribute === a && r.group === g)!;
  const fourFifths = 'EEOC Uniform Guidelines, 29 CFR 1607.4(D) (four-fifths rule, made symmetric)';
  const checks = [
    check('nationality-non_eu-selection', find('nationality', 'non_eu'), 'selection_rate_ratio', [0.8, 1.25], 'battery', fourFifths),
    check('nationality-eu-selection', find('nationality', 'eu'), 'selection_rate_ratio', [0.8, 1.25], 'battery', fourFifths),
    check('disability-disabled-selection', find('disability', 'disabled'), 'selection_rate_ratio', [0.8, 1.25], 'battery', fourFifths),
    check('disability-disabled-fpr', find('disability', 'disabled'), 'false_positive_rate_ratio', [0.8, 1.25], 'default', null),
  ];
  const tally = (v: string) => checks.filter((c) => c.verdict === v).length;
  return Results.parse({
    schemaVersion: 1,
    manifest: {
      tool: 'disparate', tool_version: '0.1.0', command: 'disparate run batteries/caf-2023.yaml --seed 42',
      mode: 'run', title: 'CAF-style risk score 2023: nationality and disability', unit: 'households', battery_file: 'batteries/caf-2023.yaml',
      battery_hash: 'sha256:3f1c0e5a', model: { file: 'models/zoo/caf-2023/model.json', hash: 'sha256:9b2d7710', kind: 'logistic', name: 'caf-2023', source: 'La Quadrature du Net, 2023' },
      population: { file: 'datasets/populations/france.yaml', hash: 'sha256:77aa0c21' }, data: null,
      decision: 'top 5.9 % of scores flagged', seed: 42, rng: 'philox4x32-10', rows: 87000,
      protected: ['nationality', 'disability'],
      references: { nationality: { group: 'french', origin: 'battery' }, disability: { group: 'not_disabled', origin: 'default' } },
      alpha: 0.05, correction: 'holm', min_cell: MIN_CELL,
      labels: 'synthetic: ground truth drawn from the population outcome model (error base rate 3 %)',
      started: '2025-01-15T10:00:00.000Z', finished: '2025-01-15T10:00:04.200Z', platform: 'linux-x64 node v20.19.0',
    },
    groups, counterfactual: [], checks,
    summary: { verdict: tally('fail') > 0 ? 'fail' : tally('inconclusive') > 0 ? 'inconclusive' : 'pass', pass: tally('pass'), fail: tally('fail'), inconclusive: tally('inconclusive') },
    warnings: [{ code: 'small_cell', message: 'nationality×disability = non_eu×disabled has n = 24 < min_cell 50; estimates shown but unreliable.' }],
  });
}
