import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DisparateError, type ErrorCode } from '../errors/index.js';
import { processGroupTable } from '../../models/adapters/index.js';

/**
 * The compiled worker: next to this file in dist/ (tsc's layout, and the bundled command line, whose
 * build puts the worker beside its chunks), or dist/ seen from the sources (tests).
 */
function workerUrl(): URL {
  const beside = new URL('./score-chunk-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const built = new URL('../../dist/harness/scoring/score-chunk-worker.js', import.meta.url);
  if (!existsSync(fileURLToPath(built))) throw new Error(`the scoring worker is not built (${fileURLToPath(built)}): run npm run build`);
  return built;
}

/**
 * Idle worker threads, kept between runs so that each boots once per process (loading the modules,
 * about 0.35 s a thread): a pack's several batteries, or the twins after the scores, reuse them.
 * Idle threads are unref'd, so they never keep the process alive.
 */
const idle: Worker[] = [];
/** Threads that have exited: never handed out again, even when they died after their last answer. */
const dead = new WeakSet<Worker>();

function spawn(): Worker {
  // The threads record the command models they start where the main thread can kill them (on a signal).
  const worker = new Worker(workerUrl(), { workerData: { processGroups: processGroupTable() } });
  // A thread that dies while idle leaves the pool; one that dies during a run fails that run.
  const drop = () => {
    dead.add(worker);
    const i = idle.indexOf(worker);
    if (i >= 0) idle.splice(i, 1);
  };
  worker.on('exit', drop);
  worker.on('error', drop);
  return worker;
}

/**
 * Starts worker threads now (up to `count` idle), so that they load their modules while the caller
 * reads and resolves its battery; {@link runChunkTasks} takes them. A no-op below 1.
 *
 * @example warmWorkers(availableParallelism() - 1); // at the start of a command that will score chunks
 */
export function warmWorkers(count: number): void {
  if (!Number.isFinite(count)) return;
  while (idle.length < Math.floor(count)) {
    const worker = spawn();
    worker.unref();
    idle.push(worker);
  }
}

/**
 * Terminates the idle threads: a command calls it once its scoring is done, so that they do not hold
 * memory while the report is written (about 90 MB for one thread on the default battery).
 */
export async function releaseWorkers(): Promise<void> {
  const all = idle.splice(0, idle.length);
  await Promise.all(all.map((w) => w.terminate()));
}

function acquire(count: number): Worker[] {
  const taken = idle.splice(0, count).filter((w) => !dead.has(w));
  while (taken.length < count) taken.push(spawn());
  for (const worker of taken) worker.ref();
  return taken;
}

/**
 * Runs a task over row ranges: inline, and with workers > 1 also on workers − 1 threads, each first
 * told `workerData` (an `init` message). Results arrive in completion order; callers place or merge
 * them so that the outcome does not depend on that order. A worker's DisparateError is rethrown with
 * its code. Threads go back to the idle pool after a clean run and are terminated after a failed one.
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
  let next = 0;
  const take = () => ranges[next++];
  // The main thread works too: it starts at once while the threads boot (loading modules, the
  // population spec and the model takes a few hundred milliseconds per thread).
  const inline = async () => {
    const task = opts.inline();
    for (let range = take(); range; range = take()) {
      opts.onResult(await task(range[0], range[1]), range[1] - range[0]);
      await new Promise((r) => setImmediate(r)); // let the threads' answers in between chunks
    }
  };
  if (workers <= 1) return inline();
  const pool = acquire(workers - 1);
  const detach: (() => void)[] = [];
  let clean = false;
  try {
    await Promise.all([
      inline(),
      ...pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let pending = 0;
            // Two jobs in flight per thread, so it never waits for the busy main thread to hand out the next.
            const send = () => {
              const range = take();
              if (!range) return pending === 0 && resolve();
              pending++;
              worker.postMessage({ start: range[0], end: range[1] });
            };
            const onMessage = (msg: { result?: T; rows?: number; error?: { code: ErrorCode; message: string } }) => {
              if (msg.error) return reject(new DisparateError(msg.error.code, msg.error.message));
              pending--;
              try {
                opts.onResult(msg.result as T, msg.rows!);
              } catch (e) {
                return reject(e);
              }
              send();
            };
            const onExit = (code: number) => reject(new DisparateError('internal', `a worker thread stopped (exit code ${code}) during the run`));
            worker.on('message', onMessage);
            worker.on('error', reject);
            worker.on('exit', onExit);
            detach.push(() => {
              worker.off('message', onMessage);
              worker.off('error', reject);
              worker.off('exit', onExit);
            });
            worker.postMessage({ init: opts.workerData });
            send();
            send();
          }),
      ),
    ]);
    clean = true;
  } finally {
    for (const off of detach) off();
    if (clean) {
      for (const worker of pool) worker.unref();
      idle.push(...pool.filter((w) => !dead.has(w)));
    } else {
      await Promise.all(pool.map((w) => w.terminate()));
    }
  }
}

/** Row ranges [start, end) of `chunkSize` rows covering [0, n). */
export function chunkRanges(n: number, chunkSize: number): [number, number][] {
  const size = Math.max(1, Math.floor(chunkSize));
  const ranges: [number, number][] = [];
  for (let start = 0; start < n; start += size) ranges.push([start, Math.min(n, start + size)]);
  return ranges;
}
