import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditDecisions } from '../../harness/pipeline/index.js';
import type { GroupResult } from '../../harness/results/index.js';
import { fixedContext } from '../helpers.js';

/**
 * `disparate audit` against two reference toolkits (fairlearn MetricFrame and aequitas Group/Bias),
 * which agree with each other on every value of test/fixtures/peer-crosscheck: 26 groups × 14 values,
 * relative tolerance 1e-9.
 */
const dir = 'test/fixtures/peer-crosscheck';
const FIELDS: Record<string, string> = {
  selection_rate: 'selection_rate',
  tpr: 'true_positive_rate',
  fpr: 'false_positive_rate',
  fnr: 'false_negative_rate',
  precision: 'precision',
  ratio_selection_rate: 'selection_rate_ratio',
  ratio_tpr: 'true_positive_rate_ratio',
  ratio_fpr: 'false_positive_rate_ratio',
  ratio_fnr: 'false_negative_rate_ratio',
  ratio_precision: 'precision_ratio',
};

interface PeerGroup {
  attribute: string;
  group: string;
  ref_group: string;
  count: number;
  [k: string]: number | string;
}

const results = auditDecisions({
  file: `${dir}/population_20000.csv`,
  protected: ['nationality', 'disability', 'income_band'],
  flag: 'flagged',
  label: 'label',
  score: 'score',
  references: new Map(),
  alpha: 0.05,
  correction: 'holm',
  minCell: 30,
  checks: [],
  title: 'peer cross-check',
  battery: null,
  context: fixedContext,
});

function ours(peer: PeerGroup): GroupResult {
  const attribute = peer.attribute.split('+').join('×');
  const group = peer.group.split('|').join('×');
  const found = results.groups.find((g) => g.attribute === attribute && g.group === group);
  if (!found) throw new Error(`no group ${attribute}=${group}`);
  return found;
}

function close(actual: number | null | undefined, expected: number) {
  expect(actual).not.toBeNull();
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs(actual! - expected) / scale).toBeLessThanOrEqual(1e-9);
}

describe.each(['fairlearn', 'aequitas'])('audit reproduces %s', (tool) => {
  const peer = JSON.parse(readFileSync(`${dir}/${tool}.json`, 'utf8')) as { n: number; groups: PeerGroup[] };

  it('covers all 26 groups', () => {
    expect(peer.groups).toHaveLength(26);
    expect(results.manifest.rows).toBe(peer.n);
  });

  it.each(peer.groups.map((g) => [`${g.attribute}=${g.group}`, g] as const))('%s: count, rates, ratios, reference', (_, g) => {
    const mine = ours(g);
    expect(mine.n).toBe(g.count);
    const refGroup = g.ref_group.split('|').join('×');
    const attribute = g.attribute.split('+').join('×');
    expect(results.manifest.references[attribute]?.group).toBe(refGroup);
    for (const [field, id] of Object.entries(FIELDS)) close(mine.metrics[id]?.value, g[field] as number);
  });
});
