import type { ChildProcess } from 'node:child_process';
import { isMainThread, workerData } from 'node:worker_threads';
import { DisparateError } from '../../harness/errors/index.js';

/*
 * The process groups of running command models, in memory shared by the main thread and the worker
 * threads: a thread's own exit handlers never run when the process exits under it, so only a table
 * the main thread can read lets it kill the models a worker started. Layout: [lock, closing, pgid…].
 */
const LOCK = 0;
const CLOSING = 1;
const SLOTS = 1024;

const shared: unknown = isMainThread ? undefined : (workerData as { processGroups?: unknown } | null)?.processGroups;
const table = new Int32Array(shared instanceof SharedArrayBuffer ? shared : new SharedArrayBuffer(4 * (2 + SLOTS)));

/**
 * Takes the lock, waiting at most 1 s: a thread terminated while holding it (a failed run stops its
 * threads) must not leave every later spawn, or the process's exit, waiting for ever. Without the
 * lock the caller goes on regardless; it only closes the race between a spawn and a shutdown.
 */
function lock(): boolean {
  for (const until = Date.now() + 1000; Atomics.compareExchange(table, LOCK, 0, 1) !== 0; Atomics.wait(table, LOCK, 1, 5)) {
    if (Date.now() > until) return false;
  }
  return true;
}

function unlock(): void {
  Atomics.store(table, LOCK, 0);
  Atomics.notify(table, LOCK);
}

/** The shared table, to hand to a worker thread as `workerData.processGroups`. */
export function processGroupTable(): SharedArrayBuffer {
  return table.buffer as SharedArrayBuffer;
}

/** Sends SIGKILL to a whole process group; a group already gone is not an error. */
function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    /* ESRCH: every member has exited */
  }
}

/**
 * Starts a process in its own group (`start` must spawn it with `detached: true`) and records the
 * group, so that {@link stopCommandModels} can kill it and its descendants from any thread. Refuses
 * once the process is shutting down, so no model starts after the groups were killed.
 */
export function spawnInGroup<T extends ChildProcess>(start: () => T, where: string): T {
  const locked = lock();
  try {
    if (Atomics.load(table, CLOSING) !== 0) throw new DisparateError('model', `${where}: not started: disparate is shutting down`);
    const child = start();
    if (child.pid !== undefined) {
      for (let i = 2; i < table.length; i++) if (Atomics.compareExchange(table, i, 0, child.pid) === 0) break;
    }
    return child;
  } finally {
    if (locked) unlock();
  }
}

/** Kills a group started by {@link spawnInGroup} and forgets it. */
export function releaseGroup(pgid: number): void {
  killGroup(pgid);
  for (let i = 2; i < table.length; i++) if (Atomics.compareExchange(table, i, pgid, 0) === pgid) break;
}

/**
 * Kills every command model's process group, whichever thread started it, and lets no new one start.
 * Synchronous, so the CLI can call it from a signal or `exit` handler.
 *
 * @example process.on('exit', stopCommandModels);
 */
export function stopCommandModels(): void {
  Atomics.store(table, CLOSING, 1);
  const locked = lock();
  try {
    for (let i = 2; i < table.length; i++) {
      const pgid = Atomics.exchange(table, i, 0);
      if (pgid !== 0) killGroup(pgid);
    }
  } finally {
    if (locked) unlock();
  }
}
