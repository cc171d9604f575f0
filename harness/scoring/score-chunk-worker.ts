import { parentPort } from 'node:worker_threads';
import { DisparateError } from '../errors/index.js';
import { createChunkScorer, type ChunkPlan } from './score-chunks.js';
import { createTwinScorer, type TwinPlan } from './score-twins.js';
import { createTwinRowScorer } from './score-twin-rows.js';
import type { TwinDesign } from '../counterfactual/index.js';

/**
 * Worker thread of synthetic runs, reusable from one run to the next (an `init` message sets the
 * plan). With `twins` in its data it scores counterfactual pairs, with
 * `twinRows` a shard's twins (scores only), otherwise it samples and scores plain chunks. Answers each row range with the result (typed
 * arrays transferred, not copied) or with the error, which the main thread rethrows with its code.
 */
const port = parentPort!;
/** What to run, set by the `init` message that opens every run (threads are started ahead and reused). */
let data: WorkerJob | undefined;
let task: ((start: number, end: number) => Promise<unknown>) | undefined;

interface WorkerJob {
  plan: ChunkPlan;
  twins?: TwinPlan;
  /** A shard's twins: scored, not decided (see scoreTwinRows). */
  twinRows?: TwinDesign[];
}

function transferables(result: unknown): ArrayBuffer[] {
  if (result && typeof result === 'object' && 'scores' in result) {
    const chunk = result as { scores: Float32Array; combinations: Int32Array; labels: Uint8Array | null; proxyTables?: Float64Array | null };
    return [chunk.scores.buffer, chunk.combinations.buffer, ...(chunk.labels ? [chunk.labels.buffer] : []), ...(chunk.proxyTables ? [chunk.proxyTables.buffer] : [])] as ArrayBuffer[];
  }
  return [];
}

port.on('message', async (job: { init: WorkerJob } | { start: number; end: number }) => {
  if ('init' in job) {
    data = job.init;
    task = undefined;
    return;
  }
  try {
    if (!data) throw new DisparateError('internal', 'worker thread given a job before its plan');
    task ??= data.twins ? createTwinScorer(data.plan, data.twins) : data.twinRows ? createTwinRowScorer(data.plan, data.twinRows) : createChunkScorer(data.plan);
    const result = await task(job.start, job.end);
    port.postMessage({ result, rows: job.end - job.start }, transferables(result));
  } catch (e) {
    const code = e instanceof DisparateError ? e.code : 'internal';
    port.postMessage({ error: { code, message: e instanceof Error ? e.message : String(e) } });
  }
});
