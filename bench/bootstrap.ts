import { accumulateRows, createCellCounts } from '../harness/accumulate/index.js';
import { bootstrapGroupMetrics } from '../harness/metrics/index.js';
import { createRng } from '../harness/stats/rng/index.js';

/**
 * 10,000 bootstrap replicates of every rate, ratio and difference over a 1 M-row audit
 * (3 × 2 × 3 attribute levels with labels: 108 cells). Only the resampling is timed.
 */
export function benchBootstrap(replicates = 10_000): { seconds: number; statistics: number } {
  const n = 1_000_000;
  const rng = createRng(2024);
  const cells = createCellCounts([
    { name: 'nationality', levels: ['eu', 'french', 'non_eu'] },
    { name: 'disability', levels: ['no', 'yes'] },
    { name: 'income', levels: ['high', 'low', 'mid'] },
  ]);
  const codes = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
  const flagged = new Uint8Array(n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    codes[0]![i] = Math.floor(rng.uniform('nat', i) * 3);
    codes[1]![i] = rng.uniform('dis', i) < 0.15 ? 1 : 0;
    codes[2]![i] = Math.floor(rng.uniform('inc', i) * 3);
    labels[i] = rng.uniform('label', i) < 0.04 ? 1 : 0;
    flagged[i] = rng.uniform('flag', i) < (labels[i] ? 0.4 : 0.04) ? 1 : 0;
  }
  accumulateRows(cells, { n, codes, flagged, labels, scores: null });
  const targets = [
    { subset: [0], reference: 'french' },
    { subset: [1], reference: 'no' },
    { subset: [2], reference: 'mid' },
    { subset: [0, 1, 2], reference: 'french×no×mid' },
  ];
  const t0 = performance.now();
  const intervals = bootstrapGroupMetrics(cells, targets, { replicates, seed: 1 }, 0.95, true);
  return { seconds: (performance.now() - t0) / 1000, statistics: intervals.size };
}
