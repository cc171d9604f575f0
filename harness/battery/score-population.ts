import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DisparateError, type ErrorCode } from '../errors/index.js';
import { createChunkScorer, type ChunkPlan, type ScoredChunk } from './score-chunks.js';

export interface ScoreOptions {
  readonly n: number;
  /** Rows per chunk; results do not depend on it. Default 65,536. */
  readonly chunkSize?: number | undefined;
  /** Worker threads; 1 runs inline. Results do not depend on it. */
  readonly workers?: number | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/** The whole population's scores, combination indices and labels, assembled by row index. */
export interface ScoredPopulation {
  readonly n: number;
  readonly scores: Float32Array;
  readonly combinations: Int32Array;
  readonly labels: Uint8Array | null;
  readonly levels: string[][];
}

export const DEFAULT_CHUNK_SIZE = 65_536;

/** The compiled worker: next to this file in dist/, or dist/ seen from the sources (tests). */
function workerUrl(): URL {
  const beside = new URL('./score-chunk-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return new URL('../../dist/harness/battery/score-chunk-worker.js', import.meta.url);
}

function assemble(plan: ChunkPlan, n: number) {
  let out: { scores: Float32Array; combinations: Int32Array; labels: Uint8Array | null; levels: string[][] } | undefined;
  return {
    add(chunk: ScoredChunk) {
      out ??= { scores: new Float32Array(n), combinations: new Int32Array(n), labels: chunk.labels ? new Uint8Array(n) : null, levels: chunk.levels };
      if (JSON.stringify(chunk.levels) !== JSON.stringify(out.levels)) throw new DisparateError('internal', `levels of ${plan.protected.join(', ')} differ between chunks`);
      out.scores.set(chunk.scores, chunk.start);
      out.combinations.set(chunk.combinations, chunk.start);
      if (chunk.labels && out.labels) out.labels.set(chunk.labels, chunk.start);
    },
    result(): ScoredPopulation {
      if (!out) throw new DisparateError('usage', 'population size must be at least 1');
      return { n, ...out };
    },
  };
}

/**
 * Samples and scores a population in chunks, on worker threads when asked. Each row depends only on
 * (seed, variable, row index), and chunks are placed by their start row, so the output is identical
 * for every chunk size and worker count.
 *
 *   row ranges ──► [worker: samplePopulation ──► model.score ──► combination index] ──► assemble
 */
export async function scorePopulation(plan: ChunkPlan, opts: ScoreOptions): Promise<ScoredPopulation> {
  const chunkSize = Math.max(1, Math.floor(opts.chunkSize ?? DEFAULT_CHUNK_SIZE));
  const ranges: [number, number][] = [];
  for (let start = 0; start < opts.n; start += chunkSize) ranges.push([start, Math.min(opts.n, start + chunkSize)]);
  const sink = assemble(plan, opts.n);
  let done = 0;
  const workers = Math.min(Math.max(1, Math.floor(opts.workers ?? 1)), ranges.length);
  if (workers <= 1) {
    const score = createChunkScorer(plan);
    for (const [start, end] of ranges) {
      sink.add(await score(start, end));
      done += end - start;
      opts.onProgress?.(done, opts.n);
    }
    return sink.result();
  }
  const url = workerUrl();
  const pool = Array.from({ length: workers }, () => new Worker(url, { workerData: plan }));
  let next = 0;
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              const range = ranges[next++];
              if (!range) return resolve();
              worker.postMessage({ start: range[0], end: range[1] });
            };
            worker.on('message', (msg: { chunk?: ScoredChunk; error?: { code: ErrorCode; message: string } }) => {
              if (msg.error) return reject(new DisparateError(msg.error.code, msg.error.message));
              try {
                sink.add(msg.chunk!);
              } catch (e) {
                return reject(e);
              }
              done += msg.chunk!.n;
              opts.onProgress?.(done, opts.n);
              send();
            });
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return sink.result();
}
