import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeResults, type MergeInput } from '../../harness/merge/index.js';
import { auditDecisions } from '../../harness/pipeline/index.js';
import { Check } from '../../harness/config/index.js';
import type { GroupResult, Results } from '../../harness/results/index.js';
import { fixedContext } from '../helpers.js';
import { expectBadInput } from './expect-error.js';

// merge adds the counts of its parts; a part whose counts contradict themselves would give a
// clean-looking report of wrong numbers. Each contradiction is refused naming the file and the field.

let parts: [Results, Results];

/** A decisions file of n rows over two protected attributes, every row labelled; `shift` varies the parts. */
function decisions(dir: string, name: string, n: number, shift: number): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const nat = ['fr', 'nl', 'de'][(i + shift) % 3]!;
    const dis = i % 4 === 0 ? 'yes' : 'no';
    return `${nat},${dis},${(i * 7 + shift) % 5 === 0 ? 1 : 0},${(i * 3 + shift) % 7 === 0 ? 1 : 0}`;
  });
  const path = join(dir, name);
  writeFileSync(path, `nat,dis,flag,label\n${rows.join('\n')}\n`);
  return path;
}

function audit(file: string): Results {
  return auditDecisions({
    file,
    protected: ['nat', 'dis'],
    flag: 'flag',
    label: 'label',
    references: new Map(),
    alpha: 0.05,
    correction: 'bonferroni',
    minCell: 1,
    checks: [Check.parse({ id: 'four-fifths', metric: 'selection_rate_ratio' })],
    title: 'hostile merge',
    battery: null,
    context: fixedContext,
  });
}

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'disparate-hostile-merge-'));
  parts = [audit(decisions(dir, 'a.csv', 1200, 0)), audit(decisions(dir, 'b.csv', 900, 1))];
});

/** The first part, changed by `edit`, merged with the second. */
function merge(edit: (r: Results) => void): () => Results {
  const a = structuredClone(parts[0]);
  edit(a);
  const inputs: MergeInput[] = [
    { file: 'a/results.json', results: a },
    { file: 'b/results.json', results: parts[1] },
  ];
  return () => mergeResults(inputs, fixedContext);
}
const group = (r: Results, attribute: string, name: string): GroupResult => r.groups.find((g) => g.attribute === attribute && g.group === name)!;
const index = (r: Results, attribute: string, name: string): number => r.groups.findIndex((g) => g.attribute === attribute && g.group === name);

describe('merge refuses a part that contradicts itself, naming the file and the field', () => {
  it('the untouched parts merge', () => {
    expect(merge(() => undefined)().manifest.rows).toBe(2100);
  });

  it('tp + fp ≠ flagged in a fully labelled group', () => {
    const i = index(parts[0], 'nat', 'fr');
    const g = group(parts[0], 'nat', 'fr');
    expectBadInput(
      merge((r) => {
        r.groups[i]!.tp! += 1;
        r.groups[i]!.tn! -= 1;
      }),
      'data',
      `a/results.json: groups.${i}.tp: tp + fp = ${g.tp! + g.fp! + 1}, but flagged = ${g.flagged} (every row of the group is labelled) (nat = fr)`,
    );
  });

  it('tn + fn > n − flagged in a partly labelled group', () => {
    const i = index(parts[0], 'dis', 'no');
    const g = group(parts[0], 'dis', 'no');
    expectBadInput(
      merge((r) => {
        // 10 rows said unlabelled, 15 true positives fewer, 5 true negatives more: the sums still match labelled.
        r.groups[i]!.labelled -= 10;
        r.groups[i]!.tp! -= 15;
        r.groups[i]!.tn! += 5;
      }),
      'data',
      `a/results.json: groups.${i}.tn: tn + fn = ${g.tn! + g.fn! + 5}, but n − flagged = ${g.n - g.flagged} (dis = no)`,
    );
  });

  it('tp + fp + tn + fn ≠ labelled', () => {
    const i = index(parts[0], 'nat', 'nl');
    const g = group(parts[0], 'nat', 'nl');
    expectBadInput(merge((r) => void (r.groups[i]!.labelled -= 5)), 'data', `a/results.json: groups.${i}.labelled: tp + fp + tn + fn = ${g.tp! + g.fp! + g.tn! + g.fn!}, but labelled = ${g.labelled - 5} (nat = nl)`);
  });

  it('attribute totals that disagree (flagged by nationality vs by disability)', () => {
    const i = index(parts[0], 'nat', 'de');
    const flaggedByNat = parts[0].groups.filter((g) => g.attribute === 'nat').reduce((s, g) => s + g.flagged, 0);
    expectBadInput(
      merge((r) => {
        // Consistent within the group (tp + fp = flagged, tn + fn = n − flagged), wrong across attributes.
        r.groups[i]!.flagged -= 30;
        r.groups[i]!.fp! -= 30;
        r.groups[i]!.tn! += 30;
      }),
      'data',
      `a/results.json: groups (dis): the groups of "dis" add up to ${flaggedByNat} flagged, those of "nat" to ${flaggedByNat - 30}; every attribute's groups hold the same rows`,
    );
  });

  it('intersection cells that add up to more rows than the part has', () => {
    const i = parts[0].groups.findIndex((g) => g.attribute.includes('×'));
    expectBadInput(
      merge((r) => {
        const g = r.groups[i]!;
        g.n += 75;
        g.tn! += 75;
        g.labelled += 75;
      }),
      'data',
      'a/results.json: groups (nat×dis): the intersection cells add up to 1275 rows, but manifest.rows says 1200',
    );
  });

  it('a missing intersection cell', () => {
    const i = parts[0].groups.findIndex((g) => g.attribute === 'nat×dis' && g.group === 'fr×yes');
    const n = parts[0].groups[i]!.n;
    expectBadInput(merge((r) => void r.groups.splice(i, 1)), 'data', `a/results.json: groups (nat×dis): the intersection cells add up to ${1200 - n} rows, but manifest.rows says 1200`);
  });

  it('cells moved between groups: totals hold, the projection onto an attribute does not', () => {
    const a = parts[0].groups.findIndex((g) => g.group === 'fr×yes');
    const b = parts[0].groups.findIndex((g) => g.group === 'nl×yes');
    expect(group(parts[0], 'nat×dis', 'fr×yes').tn).toBeGreaterThan(2);
    const frTotal = parts[0].groups.filter((g) => g.attribute === 'nat×dis' && g.group.startsWith('fr×')).reduce((s, g) => s + g.n, 0);
    expectBadInput(
      merge((r) => {
        // Two unflagged, negative rows moved from one cell to another: every cell is consistent, the sums too.
        const [x, y] = [r.groups[a]!, r.groups[b]!];
        for (const k of ['n', 'labelled', 'tn'] as const) {
          x[k] = (x[k] ?? 0) - 2;
          y[k] = (y[k] ?? 0) + 2;
        }
      }),
      'data',
      `a/results.json: groups (nat×dis): the cells with nat = fr add up to ${frTotal - 2} n, but group fr of "nat" has ${frTotal}`,
    );
  });

  it('a count past 2^53 − 1 (rounded by any JSON reader)', () => {
    const i = index(parts[0], 'nat', 'fr');
    expectBadInput(merge((r) => void (r.groups[i]!.n = 1e17)), 'data', `a/results.json: groups.${i}.n: 100000000000000000 is not a count held exactly (at most 2^53 − 1)`);
  });

  it('a group without labels in a part that has them', () => {
    const i = index(parts[0], 'dis', 'yes');
    expectBadInput(
      merge((r) => {
        const g = r.groups[i]!;
        g.tp = g.fp = g.tn = g.fn = null;
      }),
      'data',
      `a/results.json: groups.${i}.tp: null in a part whose other groups have labels (dis = yes)`,
    );
  });

  it('a protected attribute named __proto__ keeps its reference through an audit and a merge', () => {
    const dir = mkdtempSync(join(tmpdir(), 'disparate-hostile-proto-'));
    const part = (name: string, rows: string) => {
      const path = join(dir, name);
      writeFileSync(path, `__proto__,flag\n${rows}`);
      return auditDecisions({
        file: path,
        protected: ['__proto__'],
        flag: 'flag',
        references: new Map([['__proto__', { group: 'a', origin: 'cli' as const, where: '--reference __proto__=a' }]]),
        alpha: 0.05,
        correction: 'bonferroni',
        minCell: 1,
        checks: [Check.parse({ id: 'four-fifths', metric: 'selection_rate_ratio' })],
        title: 'proto',
        battery: null,
        context: fixedContext,
      });
    };
    const a = part('a.csv', 'a,1\na,0\nb,1\nb,0\nb,0\n');
    const b = part('b.csv', 'a,1\nb,0\nb,1\n');
    expect(Object.hasOwn(a.manifest.references, '__proto__')).toBe(true);
    const merged = mergeResults([{ file: 'a.json', results: a }, { file: 'b.json', results: b }], fixedContext);
    expect(Object.entries(JSON.parse(JSON.stringify(merged.manifest.references)) as object)).toEqual([['__proto__', { group: 'a', origin: 'cli' }]]);
    expect(merged.groups.map((g) => [g.attribute, g.group, g.n])).toEqual([['__proto__', 'a', 3], ['__proto__', 'b', 5]]);
  });
});
