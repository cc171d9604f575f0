import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PopulationSpec, type PopulationSpecInput } from '../../harness/config/population-schema.js';
import { checkPopulationSpec, countConstraintViolations, parsePopulationSpec, resolvePopulation, samplePopulation, sampleTwins } from '../../datasets/synth/index.js';
import type { Table } from '../../datasets/table/index.js';

const codes = (t: Table, name: string): Int32Array => {
  const c = t.columns.get(name);
  if (c?.kind !== 'categorical') throw new Error(`${name} is not categorical`);
  return c.codes;
};
const values = (t: Table, name: string): Float64Array => {
  const c = t.columns.get(name);
  if (c?.kind !== 'numeric') throw new Error(`${name} is not numeric`);
  return c.values;
};
/** |observed share − p| within 4 binomial standard errors. */
const expectShare = (count: number, n: number, p: number): void => {
  expect(Math.abs(count / n - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / n) + 1e-12);
};
const issuesOf = (input: PopulationSpecInput): string[] => checkPopulationSpec(PopulationSpec.parse(input)).map((i) => `${i.path}: ${i.message}`);

describe('beta and empirical distributions', () => {
  const spec = PopulationSpec.parse({
    name: 'dists',
    variables: {
      group: { type: 'categorical', levels: ['a', 'b'], probs: [0.5, 0.5] },
      share: { type: 'numeric', dist: 'beta', params: { alpha: { base: 2, terms: { group: { b: 3 } } }, beta: 5 } },
      hours: { type: 'numeric', dist: 'empirical', breaks: [0, 10, 20, 40], probs: [0.2, 0.5, 0.3] },
      rent: { type: 'numeric', dist: 'empirical', breaks: [0, 500, 1000], parents: ['group'], table: { a: [1, 0], b: [0.25, 0.75] } },
    },
  });
  const N = 200_000;
  const t = samplePopulation(spec, { seed: 11, n: N });

  it('beta: mean alpha / (alpha + beta) per parent level', () => {
    const g = codes(t, 'group');
    const x = values(t, 'share');
    for (const [level, a] of [
      [0, 2],
      [1, 5],
    ] as const) {
      let s = 0;
      let n = 0;
      for (let i = 0; i < N; i++) {
        if (g[i] !== level) continue;
        if (!(x[i]! > 0 && x[i]! < 1)) throw new Error(`row ${i}: ${x[i]}`);
        s += x[i]!;
        n++;
      }
      const mean = a / (a + 5);
      const sd = Math.sqrt((a * 5) / ((a + 5) ** 2 * (a + 6)));
      expect(Math.abs(s / n - mean)).toBeLessThan((4 * sd) / Math.sqrt(n));
    }
  });

  it('empirical: bin shares as given, uniform inside each bin, conditional on parents', () => {
    const h = values(t, 'hours');
    const bins = [0, 0, 0];
    let lowHalf = 0;
    for (let i = 0; i < N; i++) {
      const v = h[i]!;
      const k = v < 10 ? 0 : v < 20 ? 1 : 2;
      bins[k]!++;
      if (k === 2 && v < 30) lowHalf++;
      if (!(v >= 0 && v < 40)) throw new Error(`row ${i}: ${v}`);
    }
    expectShare(bins[0]!, N, 0.2);
    expectShare(bins[1]!, N, 0.5);
    expectShare(lowHalf, bins[2]!, 0.5);
    const g = codes(t, 'group');
    const r = values(t, 'rent');
    let b = 0;
    let bHigh = 0;
    for (let i = 0; i < N; i++) {
      if (g[i] === 0) {
        if (!(r[i]! < 500)) throw new Error(`row ${i}: ${r[i]}`); // level a: the second bin has share 0
      } else {
        b++;
        if (r[i]! >= 500) bHigh++;
      }
    }
    expectShare(bHigh, b, 0.75);
  });

  it('refuses bad breaks and shares, naming the field', () => {
    const bad = { name: 'x', variables: { h: { type: 'numeric', dist: 'empirical', breaks: [0, 10, 5], probs: [0.5, 0.6] } } } as const;
    expect(issuesOf(bad as unknown as PopulationSpecInput)).toEqual([
      'variables.h.breaks.2: breaks must increase (previous is 10)',
      'variables.h.probs: probabilities sum to 1.1, not 1',
    ]);
    expect(issuesOf({ name: 'x', variables: { s: { type: 'numeric', dist: 'beta', params: { alpha: 0, beta: 1 } } } })).toEqual(['variables.s.params.alpha: must be > 0, got 0']);
  });
});

describe('derived columns from arquero expressions', () => {
  const spec = PopulationSpec.parse({
    name: 'derived',
    variables: {
      status: { type: 'categorical', levels: ['student', 'worker'], probs: [0.3, 0.7] },
      income: { type: 'numeric', dist: 'uniform', params: { min: 0, max: 48000 } },
      monthly: { type: 'derived', expr: 'd => d.income / 12' },
      band: { type: 'derived', expr: "d => d.status === 'student' ? d.income / 2 : d.income", bins: [{ max: 12000, level: 'low' }, { level: 'high' }] },
      kind: { type: 'derived', expr: "d => d.status === 'student' ? 'study' : (d.income > 24000 ? 'well_paid' : 'paid')", levels: ['study', 'paid', 'well_paid'] },
    },
  });
  const t = samplePopulation(spec, { seed: 3, n: 5000 });

  it('computes numeric, binned and categorical results row by row', () => {
    const inc = values(t, 'income');
    const st = codes(t, 'status');
    const m = values(t, 'monthly');
    const band = codes(t, 'band');
    const kind = codes(t, 'kind');
    let bad = 0;
    for (let i = 0; i < t.n; i++) {
      const x = st[i] === 0 ? inc[i]! / 2 : inc[i]!;
      if (Math.abs(m[i]! - inc[i]! / 12) > 1e-9) bad++;
      if (band[i] !== (x < 12000 ? 0 : 1)) bad++;
      if (kind[i] !== (st[i] === 0 ? 0 : inc[i]! > 24000 ? 2 : 1)) bad++;
    }
    expect(bad).toBe(0);
  });

  it('is part of the causal graph: twins recompute it', () => {
    const twin = sampleTwins(spec, { seed: 3, n: 5000, attribute: 'status', value: 'worker', effect: 'total' });
    expect(codes(twin, 'kind').every((k) => k !== 0)).toBe(true);
  });

  it('refuses impure, aggregate, unknown-column and malformed expressions', () => {
    const withExpr = (expr: string): string[] =>
      issuesOf({ name: 'x', variables: { a: { type: 'numeric', dist: 'uniform', params: { min: 0, max: 1 } }, b: { type: 'derived', expr } } });
    expect(withExpr('d => d.a + op.random()')[0]).toMatch(/^variables\.b\.expr: op\.random is not a function of the row/);
    expect(withExpr('d => op.mean(d.a)')[0]).toMatch(/^variables\.b\.expr: aggregate and window functions/);
    expect(withExpr('d => d.zzz * 2')[0]).toBe('variables.b.expr: unknown column "zzz"');
    expect(withExpr('d => d.a +')[0]).toMatch(/^variables\.b\.expr: invalid arquero expression/);
    expect(() =>
      samplePopulation(
        PopulationSpec.parse({ name: 'x', variables: { a: { type: 'categorical', levels: ['u', 'v'], probs: [0.5, 0.5] }, b: { type: 'derived', expr: "d => d.a + '!'", levels: ['u!'] } } }),
        { seed: 1, n: 100 },
      ),
    ).toThrow(/variables\.b\.expr: returned "v!", not one of its levels/);
  });
});

describe('raking to published marginals', () => {
  const input: PopulationSpecInput = {
    name: 'rake',
    variables: {
      nationality: { type: 'categorical', levels: ['french', 'eu', 'non_eu'], probs: [0.8, 0.1, 0.1] },
      student: { type: 'categorical', levels: ['no', 'yes'], probs: [0.9, 0.1] },
      single_parent: {
        type: 'categorical',
        parents: ['nationality', 'student'],
        levels: ['no', 'yes'],
        table: {
          'french|no': [0.8, 0.2],
          'french|yes': [1, 0],
          'eu|no': [0.8, 0.2],
          'eu|yes': [1, 0],
          'non_eu|no': [0.7, 0.3],
          'non_eu|yes': [0.99, 0.01],
        },
        rake: [
          { source: 'Le Monde (Dec 2023): 16 % single parents', probs: [0.84, 0.16] },
          { by: ['nationality'], table: { french: [0.85, 0.15], eu: [0.85, 0.15], non_eu: [0.75, 0.25] } },
        ],
      },
    },
    constraints: [{ description: 'students are never single parents here', exclude: { student: 'yes', single_parent: 'yes', nationality: ['french', 'eu'] } }],
  };

  it('matches every margin exactly in the compiled table, keeps zeros and the parents', () => {
    const resolved = resolvePopulation(PopulationSpec.parse(input));
    const node = resolved.nodes.get('single_parent');
    if (node?.kind !== 'categorical') throw new Error('fixture');
    const pNat = [0.8, 0.1, 0.1];
    const pStu = [0.9, 0.1];
    const yes = (c: number): number => node.cum[c * 2 + 1]! - node.cum[c * 2]!;
    let overall = 0;
    for (let a = 0; a < 3; a++) {
      let within = 0;
      for (let s = 0; s < 2; s++) within += pStu[s]! * yes(a * 2 + s);
      overall += pNat[a]! * within;
      expect(within).toBeCloseTo([0.15, 0.15, 0.25][a]!, 10);
    }
    expect(overall).toBeCloseTo(0.16, 10);
    expect(yes(1)).toBe(0); // french|yes stays impossible
    expect(yes(3)).toBe(0);
  });

  it('samples the raked shares (within 4 standard errors)', () => {
    const N = 200_000;
    const t = samplePopulation(PopulationSpec.parse(input), { seed: 21, n: N });
    const sp = codes(t, 'single_parent');
    let yes = 0;
    for (const c of sp) yes += c;
    expectShare(yes, N, 0.16);
  });

  it('refuses unknown margins and contradictory targets', () => {
    const bad = structuredClone(input) as { variables: Record<string, { rake?: unknown }> };
    bad.variables['single_parent']!.rake = [{ by: ['income'], table: {} }];
    expect(issuesOf(bad as PopulationSpecInput)).toContain('variables.single_parent.rake.0.by.0: "income" is not a parent of "single_parent" (parents: nationality, student)');
    bad.variables['single_parent']!.rake = [{ probs: [0.84, 0.16] }, { probs: [0.5, 0.5] }];
    expect(issuesOf(bad as PopulationSpecInput)[0]).toMatch(/^variables\.single_parent\.rake: raking did not converge/);
  });
});

describe('constraints enforced by construction', () => {
  const withAah = (table: Record<string, number[]>, constraints: unknown[]): PopulationSpecInput => ({
    name: 'aah',
    variables: {
      disability: { type: 'categorical', levels: ['none', 'disabled'], probs: [0.9, 0.1] },
      unemployed: { type: 'categorical', levels: ['no', 'yes'], probs: [0.9, 0.1] },
      aah: { type: 'categorical', parents: ['disability', 'unemployed'], levels: ['no', 'yes'], table },
      income: { type: 'numeric', dist: 'lognormal', params: { meanlog: { base: 10, terms: { aah: { yes: -0.3 } } }, sdlog: 0.5 } },
    },
    constraints: constraints as PopulationSpecInput['constraints'],
  });
  const good = { 'none|no': [1, 0], 'none|yes': [1, 0], 'disabled|no': [0.6, 0.4], 'disabled|yes': [0.5, 0.5] };
  const rule = { description: 'AAH only if disabled', if: { aah: 'yes' }, then: { disability: 'disabled' } };

  it('accepts a rule the table enforces and refuses one it breaks, naming the row', () => {
    expect(issuesOf(withAah(good, [rule]))).toEqual([]);
    expect(issuesOf(withAah({ ...good, 'none|yes': [0.99, 0.01] }, [rule]))).toEqual([
      'constraints.0: violated by construction: aah table row "none|yes" gives "yes" probability 0.01 (aah = yes, disability = none)',
    ]);
    const orphan = { exclude: { unemployed: 'yes', disability: 'disabled' } };
    expect(issuesOf(withAah(good, [orphan]))[0]).toMatch(/^constraints\.0: (cannot be enforced|violated) by construction/);
    expect(issuesOf(withAah(good, [{ exclude: { aah: 'maybe' } }]))).toEqual(['constraints.0.exclude.aah: "maybe" is not a level of "aah" (levels: no, yes)']);
    expect(issuesOf(withAah(good, [{ if: { aah: 'yes' } }]))).toEqual(['constraints.0: give exclude, or both if and then']);
    const yaml = `name: t\nvariables:\n  a: { type: categorical, levels: [x, y], probs: [0.5, 0.5] }\nconstraints:\n  - exclude: { a: y }\n`;
    expect(() => parsePopulationSpec(yaml, 'c.yaml')).toThrow('c.yaml: constraints.0: violated by construction: a table row "(probs)" gives "y" probability 0.5 (a = y)');
  });

  it('property: sampled rows and total-effect twins never violate a constraint; direct twins can', () => {
    const resolved = resolvePopulation(PopulationSpec.parse(withAah(good, [rule, { exclude: { aah: 'yes', unemployed: 'yes', disability: 'none' } }])));
    expect(resolved.exclusions).toHaveLength(2);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 3000 }), (seed, start, n) => {
        const t = samplePopulation(resolved, { seed, n, start });
        expect(countConstraintViolations(resolved, t).total).toBe(0);
        const twin = sampleTwins(resolved, { seed, n, start, attribute: 'disability', value: 'none', effect: 'total', original: t });
        expect(countConstraintViolations(resolved, twin).total).toBe(0);
      }),
      { numRuns: 40 },
    );
    const t = samplePopulation(resolved, { seed: 1, n: 20_000 });
    const direct = sampleTwins(resolved, { seed: 1, n: 20_000, attribute: 'disability', value: 'none', effect: 'direct', original: t });
    expect(countConstraintViolations(resolved, direct).byConstraint[0]!.count).toBeGreaterThan(0);
  });
});
