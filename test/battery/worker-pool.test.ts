import { describe, expect, it } from 'vitest';
import { warmWorkers } from '../../harness/battery/index.js';
import { scorePopulation } from '../../harness/battery/score-population.js';
import type { ChunkPlan } from '../../harness/battery/score-chunks.js';

/**
 * Worker threads are started ahead (warmWorkers) and reused from run to run: each run must score
 * exactly what a single thread scores, whatever plan the threads ran before, and a run that fails on
 * a thread must not poison the next.
 */
const plan = (seed: number, modelFile = 'bench/fixtures/logistic-20.json'): ChunkPlan => ({
  batteryFile: 'worker-pool-test',
  specFile: 'datasets/populations/caf-households.yaml',
  modelFile,
  seed,
  size: 40_000,
  protected: ['nationality', 'disability', 'income_band'],
  label: 'fraud',
});

const score = (p: ChunkPlan, workers: number) => scorePopulation(p, { n: p.size, workers, chunkSize: 4096 });

describe('the worker pool', () => {
  it('scores each run like one thread, whatever plan its reused threads ran before', async () => {
    warmWorkers(2);
    for (const seed of [1, 2, 1]) {
      const single = await score(plan(seed), 1);
      const pooled = await score(plan(seed), 3);
      expect(Buffer.from(pooled.scores.buffer).equals(Buffer.from(single.scores.buffer)), `seed ${seed}`).toBe(true);
      expect(Buffer.from(pooled.combinations.buffer).equals(Buffer.from(single.combinations.buffer))).toBe(true);
      expect(Buffer.from(pooled.labels!.buffer).equals(Buffer.from(single.labels!.buffer))).toBe(true);
    }
  });

  it('fails a run as one thread does, then runs the next plan cleanly', async () => {
    const bad = plan(3, 'models/zoo/does-not-exist.json');
    const alone = (await score(bad, 1).catch((e: unknown) => e)) as { code: string; message: string };
    const error = await score(bad, 3).catch((e: unknown) => e);
    expect(alone.code).toBe('model');
    expect(error).toMatchObject({ code: alone.code, message: alone.message });
    const single = await score(plan(4), 1);
    const pooled = await score(plan(4), 3);
    expect(Buffer.from(pooled.scores.buffer).equals(Buffer.from(single.scores.buffer))).toBe(true);
  });
});
