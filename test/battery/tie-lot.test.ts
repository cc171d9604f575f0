import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDecisions, resolveBattery, runPopulation } from '../../harness/pipeline/index.js';
import { fixedContext } from '../helpers.js';

/**
 * Regression (issue 11, item 8): a population file whose rows tie at a per-stratum cut. With ties
 * taken in row order, the forward file flagged group b's tied rows first, a 3 of 5 and b 16 of 19:
 * selection-rate ratio b ÷ a = (16/19) ÷ (3/5) = 1.40; the reversed file flagged a's first, a 5 of
 * 5 and b 14 of 19: 0.74. With the seeded lot on row contents every order gives the same counts.
 *
 *   north: 3 a + 8 b at x = 3, capacity 11: all flagged, no lot.
 *   south: 8 b, then 2 a at x = 2 (far), 3 b at x = −2 (near, × 1.5), capacity 8: the 10 rows at
 *          x = 2 tie at priority σ(2) = 0.8807971 for 8 places.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-tie-lot-'));
const rows: string[] = [];
const add = (group: string, region: string, x: number, distance: string, count: number) => {
  for (let i = 0; i < count; i++) rows.push(`P${String(rows.length + 1).padStart(2, '0')},${group},${region},${x},${distance}`);
};
add('a', 'north', 3, 'far', 3);
add('b', 'north', 3, 'far', 8);
add('b', 'south', 2, 'far', 8);
add('a', 'south', 2, 'far', 2);
add('b', 'south', -2, 'near', 3);
// A fixed shuffle: i ↦ 7i mod 24 (7 is prime to 24).
const orders = { forward: rows, reversed: [...rows].reverse(), shuffled: rows.map((_, i) => rows[(7 * i) % rows.length]!) };
for (const [name, order] of Object.entries(orders)) writeFileSync(join(dir, `${name}.csv`), ['applicant,group,region,x,distance', ...order].join('\n') + '\n');
writeFileSync(join(dir, 'model.json'), JSON.stringify({ kind: 'logistic', name: 'x only', intercept: 0, inputs: [{ name: 'x', type: 'numeric', coefficient: 1 }] }));

const STAGE = 'second_stage: { pool: 2, uplift: [{ column: distance, factors: { near: 1.5 } }] }';
const run = async (order: string, secondStage: boolean) => {
  const file = join(dir, `${order}-${secondStage}.yaml`);
  writeFileSync(file, `title: ties
seed: 3
population: { file: ${order}.csv }
model: model.json
decision: { rule: stratum_capacity, stratum: region, capacities: { north: 11, south: 8 }${secondStage ? `, ${STAGE}` : ''} }
protected: [group]
reference: { group: a }
proxies: false
`);
  return runPopulation(resolveBattery(file), { workers: 1, context: fixedContext });
};
const flagged = (r: Awaited<ReturnType<typeof run>>) => r.groups.filter((g) => g.attribute === 'group').map((g) => `${g.group} ${g.flagged}/${g.n}`);
const ratioB = (r: Awaited<ReturnType<typeof run>>) => r.groups.find((g) => g.group === 'b')!.metrics['selection_rate_ratio']!.value;
/**
 * What the decision determines: counts and selection metrics per group, the selection curves and
 * the warnings. (Score means and variances are sums in row order, equal only to the last bits.)
 */
const findings = (r: Awaited<ReturnType<typeof run>>) =>
  JSON.stringify({
    groups: r.groups.map((g) => ({ group: g.group, n: g.n, flagged: g.flagged, metrics: Object.entries(g.metrics).filter(([id]) => id.startsWith('selection_rate') || id === 'top_decile_overrepresentation') })),
    curves: r.selection_curves,
    warnings: r.warnings,
  });
const CHANCE = "(each tied row's chance 8/10; which rows, and so the groups' counts, follow the run's seed, not the order of the rows)";

describe('ties at a per-stratum cut: the same flags in any row order', () => {
  it('stratum_capacity with a second stage: forward, reversed and shuffled files give identical results (row order gave 1.40 vs 0.74)', async () => {
    const [forward, reversed, shuffled] = await Promise.all([run('forward', true), run('reversed', true), run('shuffled', true)]);
    // seed 3: the lot draws both of a's tied rows and 6 of b's 8.
    expect(flagged(forward)).toEqual(['a 5/5', 'b 14/19']);
    expect(ratioB(forward)).toBeCloseTo(14 / 19, 12);
    expect(findings(reversed)).toBe(findings(forward));
    expect(findings(shuffled)).toBe(findings(forward));
    expect(forward.warnings.filter((w) => w.code === 'ties-at-cut')).toEqual([
      { code: 'ties-at-cut', message: `stratum_capacity (region = south), second stage: 10 candidates tie at priority 0.8807971 (score × uplift) for the last 8 of 8 places (0 ranked higher); a seeded lot on row identity flagged 8 of them and left 2 unflagged ${CHANCE}` },
    ]);
  });

  it('stratum_capacity alone: the lot is drawn at the stratum cut, identically in every order', async () => {
    const [forward, reversed, shuffled] = await Promise.all([run('forward', false), run('reversed', false), run('shuffled', false)]);
    // The same ten rows tie, with the same tickets: the same draw as with the second stage.
    expect(flagged(forward)).toEqual(['a 5/5', 'b 14/19']);
    expect(findings(reversed)).toBe(findings(forward));
    expect(findings(shuffled)).toBe(findings(forward));
    expect(forward.warnings.filter((w) => w.code === 'ties-at-cut')).toEqual([
      { code: 'ties-at-cut', message: `stratum_capacity (region = south): 10 rows tie at score 0.8807971 for the last 8 of 8 places (0 scored higher); a seeded lot on row identity flagged 8 of them and left 2 unflagged ${CHANCE}` },
    ]);
  });
});

describe('ties in the selection curves of an audit', () => {
  it('a decisions file with tied scores gives the same curves forward and reversed (the lot on row contents)', async () => {
    // 40 rows, scores 0.1 … 0.4 in four tied blocks, a and b interleaved; every curve cut lands in a tie.
    const lines = Array.from({ length: 40 }, (_, i) => `R${i},${i % 3 === 0 ? 'a' : 'b'},${(Math.floor(i / 10) + 1) / 10},${i % 2}`);
    const audit = async (order: string[], name: string) => {
      const file = join(dir, `${name}-decisions.csv`);
      writeFileSync(file, ['id,group,score,flag', ...order].join('\n') + '\n');
      return await auditDecisions({
        file, protected: ['group'], flag: 'flag', score: 'score', references: new Map(), alpha: 0.05, correction: 'holm', minCell: 1,
        checks: [], title: 't', battery: null, context: fixedContext,
      });
    };
    const forward = await audit(lines, 'forward');
    const reversed = await audit([...lines].reverse(), 'reversed');
    expect(forward.selection_curves!.curves.length).toBe(2);
    expect(JSON.stringify(reversed.selection_curves)).toBe(JSON.stringify(forward.selection_curves));
  });
});
