import { beforeAll, describe, expect, it } from 'vitest';
import { collectSelectiveCounts } from '../../harness/findings/index.js';
import { computeSelectiveLabels, type SelectiveSettings } from '../../harness/metrics/index.js';
import type { SelectiveLabelsGroup } from '../../harness/results/index.js';
import { createRng } from '../../harness/stats/rng/index.js';
import { zCritical } from '../../harness/stats/index.js';

/**
 * Design-based check of the selective-labels estimators. One synthetic population of 100,000 in two
 * groups (a: 40 %, error rate 15 %; b: 60 %, 8 %) and a model that flags 35 % / 5 % of a's cases with /
 * without an error and 30 % / 2.5 % of b's; every flagged case is investigated. Each replicate draws a
 * simple random audit of 3 % or 20 % of the population (without replacement; it includes flagged
 * cases, which then count in both samples) and estimates each group's selection rate and FPR. The
 * truth is the finite population's own rate. Over 1,000 replicates per audit share: the mean lies
 * within 3 simulation standard errors of the truth, and the 95 % intervals cover in 93–99 %.
 */
const N = 100_000;
const REPLICATES = 1000;
const rng = createRng(20_241_206);
const codes = new Int32Array(N);
const labels = new Uint8Array(N);
const flagged = new Uint8Array(N);
for (let i = 0; i < N; i++) {
  const g = rng.uniform('group', i) < 0.4 ? 0 : 1;
  const error = rng.uniform('error', i) < (g === 0 ? 0.15 : 0.08);
  const flag = rng.uniform('flag', i) < (g === 0 ? (error ? 0.35 : 0.05) : error ? 0.3 : 0.025);
  codes[i] = g;
  labels[i] = error ? 1 : 0;
  flagged[i] = flag ? 1 : 0;
}
const flaggedRows = Int32Array.from({ length: N }, (_, i) => i).filter((i) => flagged[i] === 1);

/** The finite population's own rates per group. */
function truth() {
  const t = [0, 1].map((g) => {
    let n = 0;
    let f = 0;
    let neg = 0;
    let fp = 0;
    for (let i = 0; i < N; i++) {
      if (codes[i] !== g) continue;
      n++;
      if (labels[i] === 0) neg++;
      if (flagged[i] === 1) {
        f++;
        if (labels[i] === 0) fp++;
      }
    }
    return { selection_rate: f / n, false_positive_rate: fp / neg };
  });
  return t;
}

type Target = 'selection_rate' | 'false_positive_rate';
interface Summary {
  bias: number;
  se: number;
  coverage: number;
  truth: number;
  mean: number;
}

/** Replicated random audits of `share` of the population: per group and target, bias, its simulation se and coverage. */
function simulate(share: number): Record<string, Summary> {
  const R = Math.round(share * N);
  const permutation = Int32Array.from({ length: N }, (_, i) => i);
  const fromSource = new Uint8Array(N);
  const uniforms = new Float64Array(R);
  const rows = new Int32Array(R + flaggedRows.length);
  const settings: SelectiveSettings = { populationSize: N, level: 0.95, z: zCritical(0.05), labelSource: 'audit=random', weighting: 'none' };
  const values: Record<string, number[]> = {};
  const covered: Record<string, number> = {};
  const t = truth();
  let overlap = 0;
  for (let rep = 0; rep < REPLICATES; rep++) {
    // Partial Fisher–Yates: the first R entries become a simple random sample without replacement.
    rng.fill(`audit:${share}`, uniforms, rep * R);
    for (let j = 0; j < R; j++) {
      const swap = j + Math.floor(uniforms[j]! * (N - j));
      const a = permutation[j]!;
      permutation[j] = permutation[swap]!;
      permutation[swap] = a;
      fromSource[permutation[j]!] = 1;
    }
    rows.set(permutation.subarray(0, R));
    let m = R;
    for (const i of flaggedRows) if (fromSource[i] === 0) rows[m++] = i;
    const collected = collectSelectiveCounts({ attribute: 'g', levels: ['a', 'b'], reference: 'b', codes, rows: rows.subarray(0, m), flagged, labels, weights: null, fromSource, selectionProbability: null });
    const { groups } = computeSelectiveLabels(collected.counts, settings);
    overlap += groups.reduce((s, g) => s + g.in_both_samples, 0);
    groups.forEach((g: SelectiveLabelsGroup, k) => {
      for (const target of ['selection_rate', 'false_positive_rate'] as Target[]) {
        const key = `${g.group}.${target}`;
        const e = g[target];
        (values[key] ??= []).push(e.value!);
        const truthValue = t[k]![target];
        if (e.ci && e.ci[0] <= truthValue && truthValue <= e.ci[1]) covered[key] = (covered[key] ?? 0) + 1;
      }
    });
    for (let j = 0; j < R; j++) fromSource[permutation[j]!] = 0;
  }
  const out: Record<string, Summary> = { overlap: { bias: 0, se: 0, coverage: 0, truth: share * flaggedRows.length, mean: overlap / REPLICATES } };
  for (const [key, v] of Object.entries(values)) {
    const [group, target] = key.split('.') as [string, Target];
    const truthValue = t[group === 'a' ? 0 : 1]![target];
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
    out[key] = { bias: mean - truthValue, se: sd / Math.sqrt(v.length), coverage: (covered[key] ?? 0) / v.length, truth: truthValue, mean };
  }
  return out;
}

describe.each([0.03, 0.2])('selective labels, random audit of %s of the population', (share) => {
  let result: Record<string, Summary>;
  beforeAll(() => {
    result = simulate(share);
  }, 60_000);

  it.each(['a.selection_rate', 'b.selection_rate', 'a.false_positive_rate', 'b.false_positive_rate'])('%s: unbiased within 3 simulation standard errors, 95 %% intervals cover 93–99 %%', (key) => {
    const s = result[key]!;
    expect(Math.abs(s.bias), `${key}: mean ${s.mean} against ${s.truth} (se ${s.se})`).toBeLessThan(3 * s.se);
    expect(s.coverage).toBeGreaterThanOrEqual(0.93);
    expect(s.coverage).toBeLessThanOrEqual(0.99);
  });

  it('flagged cases drawn at random count in both samples (about share × flagged of them)', () => {
    // Dropping them from the flagged count, as before, biased the flagged count and both rates by −share.
    const s = result['overlap']!;
    expect(s.mean).toBeGreaterThan(0.95 * s.truth);
    expect(s.mean).toBeLessThan(1.05 * s.truth);
  });
});
