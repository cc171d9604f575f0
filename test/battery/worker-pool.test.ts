import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { releaseWorkers, warmWorkers } from '../../harness/scoring/index.js';
import { chunkRanges, runChunkTasks } from '../../harness/scoring/chunk-pool.js';
import { createChunkScorer, type ChunkPlan } from '../../harness/scoring/score-chunks.js';
import { scorePopulation } from '../../harness/scoring/score-population.js';

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
  // logistic-20 repeats three columns under their own input names.
  inputs: { rent_share_2: 'rent_share', single_parent_2: 'single_parent', unemployed_2: 'unemployed' },
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

  it('never hands out a thread that died after its last answer of a clean run', async () => {
    await releaseWorkers();
    // see which threads get jobs, and kill the first one while the main thread sits on its first chunk
    const used: Worker[] = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
      if (!used.includes(this)) used.push(this);
      return post.apply(this, args);
    };
    try {
      const p = plan(5);
      const run = async (killFirstThread: boolean) => {
        let rows = 0;
        await runChunkTasks({
          ranges: chunkRanges(p.size, 4096),
          workers: 2,
          workerData: { plan: p },
          inline: () => {
            const task = createChunkScorer(p);
            let first = killFirstThread;
            return async (start, end) => {
              if (first) {
                first = false;
                // the thread answers every other chunk meanwhile, then dies
                while (rows < p.size - (end - start)) await new Promise((r) => setTimeout(r, 20));
                await used[0]!.terminate();
              }
              return task(start, end);
            };
          },
          onResult: (_, n) => {
            rows += n;
          },
        });
        return rows;
      };
      expect(await run(true)).toBe(p.size);
      expect(await run(false)).toBe(p.size); // hung before: the dead thread was reused and never answered
    } finally {
      Worker.prototype.postMessage = post;
      await releaseWorkers();
    }
  }, 30_000);
});

