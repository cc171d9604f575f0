import { parentPort, workerData } from 'node:worker_threads';
import { DisparateError } from '../errors/index.js';
import { createChunkScorer, type ChunkPlan, type ScoredChunk } from './score-chunks.js';

/**
 * Worker thread of a synthetic run: receives row ranges, answers with scored chunks (buffers
 * transferred, not copied) or with the error, which the main thread rethrows with the same code.
 */
const port = parentPort!;
let scorer: ((start: number, end: number) => Promise<ScoredChunk>) | undefined;

port.on('message', async (job: { start: number; end: number }) => {
  try {
    scorer ??= createChunkScorer(workerData as ChunkPlan);
    const chunk = await scorer(job.start, job.end);
    const transfer = [chunk.scores.buffer, chunk.combinations.buffer, ...(chunk.labels ? [chunk.labels.buffer] : [])] as ArrayBuffer[];
    port.postMessage({ chunk }, transfer);
  } catch (e) {
    const code = e instanceof DisparateError ? e.code : 'internal';
    port.postMessage({ error: { code, message: e instanceof Error ? e.message : String(e) } });
  }
});
