import { DisparateError } from '../errors/index.js';
import { chunkRanges, runChunkTasks } from './chunk-pool.js';
import { createChunkScorer, type ChunkPlan, type ScoredChunk } from './score-chunks.js';

export interface ScoreOptions {
  /** Rows to score, from `start` (default 0: the whole population of `plan.size` rows when n equals it). */
  readonly n: number;
  /** First row index (a shard's range); the rows are those of the whole population's run. */
  readonly start?: number | undefined;
  /** Rows per chunk; results do not depend on it. Default 65,536. */
  readonly chunkSize?: number | undefined;
  /** Worker threads; 1 runs inline. Results do not depend on it. */
  readonly workers?: number | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * The whole population's scores, combination indices and labels, assembled by row index: a chunk
 * covering every row (its proxy tables summed over the chunks, integer counts whatever the chunking).
 */
export type ScoredPopulation = Omit<ScoredChunk, 'start'>;

export const DEFAULT_CHUNK_SIZE = 65_536;

function assemble(plan: ChunkPlan, n: number, first: number) {
  let out: { scores: Float32Array; combinations: Int32Array; labels: Uint8Array | null; levels: string[][]; proxyTables: Float64Array | null } | undefined;
  return {
    add(chunk: ScoredChunk) {
      out ??= {
        scores: new Float32Array(n),
        combinations: new Int32Array(n),
        labels: chunk.labels ? new Uint8Array(n) : null,
        levels: chunk.levels,
        proxyTables: chunk.proxyTables ? new Float64Array(chunk.proxyTables.length) : null,
      };
      if (JSON.stringify(chunk.levels) !== JSON.stringify(out.levels)) throw new DisparateError('internal', `levels of ${plan.protected.join(', ')} differ between chunks`);
      const at = chunk.start - first;
      out.scores.set(chunk.scores, at);
      out.combinations.set(chunk.combinations, at);
      if (chunk.labels && out.labels) out.labels.set(chunk.labels, at);
      if (chunk.proxyTables && out.proxyTables) for (let i = 0; i < out.proxyTables.length; i++) out.proxyTables[i]! += chunk.proxyTables[i]!;
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
  const first = opts.start ?? 0;
  const sink = assemble(plan, opts.n, first);
  let done = 0;
  await runChunkTasks<ScoredChunk>({
    ranges: chunkRanges(opts.n, opts.chunkSize ?? DEFAULT_CHUNK_SIZE).map(([a, b]) => [first + a, first + b] as [number, number]),
    workers: opts.workers ?? 1,
    workerData: { plan },
    inline: () => createChunkScorer(plan),
    onResult: (chunk) => {
      sink.add(chunk);
      done += chunk.n;
      opts.onProgress?.(done, opts.n);
    },
  });
  return sink.result();
}
