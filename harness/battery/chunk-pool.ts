import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DisparateError, type ErrorCode } from '../errors/index.js';

/** The compiled worker: next to this file in dist/, or dist/ seen from the sources (tests). */
function workerUrl(): URL {
  const beside = new URL('./score-chunk-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return new URL('../../dist/harness/battery/score-chunk-worker.js', import.meta.url);
}

/**
 * Runs a task over row ranges, inline (workers ≤ 1) or on a pool of worker threads given
 * `workerData`. Results arrive in completion order; callers place or merge them so that the outcome
 * does not depend on that order. A worker's DisparateError is rethrown with its code.
 */
export async function runChunkTasks<T>(opts: {
  readonly ranges: readonly (readonly [number, number])[];
  readonly workers: number;
  readonly workerData: unknown;
  readonly inline: () => (start: number, end: number) => Promise<T>;
  readonly onResult: (result: T, rows: number) => void;
}): Promise<void> {
  const { ranges } = opts;
  const workers = Math.min(Math.max(1, Math.floor(opts.workers)), ranges.length);
  if (workers <= 1) {
    const task = opts.inline();
    for (const [start, end] of ranges) opts.onResult(await task(start, end), end - start);
    return;
  }
  const url = workerUrl();
  const pool = Array.from({ length: workers }, () => new Worker(url, { workerData: opts.workerData }));
  let next = 0;
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let rows = 0;
            const send = () => {
              const range = ranges[next++];
              if (!range) return resolve();
              rows = range[1] - range[0];
              worker.postMessage({ start: range[0], end: range[1] });
            };
            worker.on('message', (msg: { result?: T; error?: { code: ErrorCode; message: string } }) => {
              if (msg.error) return reject(new DisparateError(msg.error.code, msg.error.message));
              try {
                opts.onResult(msg.result as T, rows);
              } catch (e) {
                return reject(e);
              }
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
}

/** Row ranges [start, end) of `chunkSize` rows covering [0, n). */
export function chunkRanges(n: number, chunkSize: number): [number, number][] {
  const size = Math.max(1, Math.floor(chunkSize));
  const ranges: [number, number][] = [];
  for (let start = 0; start < n; start += size) ranges.push([start, Math.min(n, start + size)]);
  return ranges;
}
