import { DisparateError } from '../errors/index.js';

/** Shard I of N, 0-based, and where I came from (the option, or a batch engine's variable). */
export interface Shard {
  readonly index: number;
  readonly count: number;
  readonly source: string;
}

/**
 * Variables that batch engines set to a task's index within an array job, all 0-based for an array
 * of N tasks declared 0..N−1: Kubernetes Indexed Jobs (always 0..completions−1), Slurm job arrays
 * (whatever --array says: declare --array=0-<N−1>) and AWS Batch array jobs (always 0..size−1).
 */
export const SHARD_INDEX_VARIABLES = ['JOB_COMPLETION_INDEX', 'SLURM_ARRAY_TASK_ID', 'AWS_BATCH_JOB_ARRAY_INDEX'] as const;

const INTEGER = /^(0|[1-9]\d*)$/;

/**
 * Parses `--shard I/N` (0 ≤ I < N) or `--shard auto/N`, which takes I from the first of
 * {@link SHARD_INDEX_VARIABLES} that is set. A malformed value, a missing variable or an index outside
 * 0..N−1 is a usage error (exit 2) naming the option or the variable.
 *
 * @example parseShard('2/4', {}) // { index: 2, count: 4, source: '--shard' }
 * @example parseShard('auto/4', { SLURM_ARRAY_TASK_ID: '3' }) // { index: 3, count: 4, source: 'SLURM_ARRAY_TASK_ID' }
 */
export function parseShard(text: string, env: Readonly<Record<string, string | undefined>>): Shard {
  const match = /^([^/]*)\/([^/]*)$/.exec(text.trim());
  const usage = (what: string) => new DisparateError('usage', `--shard ${text}: ${what}`);
  if (!match) throw usage('expected I/N (shard I of N, counted from 0) or auto/N');
  const [, first, second] = match as unknown as [string, string, string];
  if (!INTEGER.test(second) || Number(second) < 1 || !Number.isSafeInteger(Number(second))) throw usage(`N must be a positive integer, got "${second}"`);
  const count = Number(second);
  if (first !== 'auto') {
    if (!INTEGER.test(first)) throw usage(`I must be an integer from 0 to ${count - 1} or "auto", got "${first}"`);
    if (Number(first) >= count) throw usage(`I must be from 0 to ${count - 1} (shards are counted from 0), got ${first}`);
    return { index: Number(first), count, source: '--shard' };
  }
  const name = SHARD_INDEX_VARIABLES.find((v) => env[v] !== undefined && env[v] !== '');
  if (!name) throw usage(`none of ${SHARD_INDEX_VARIABLES.join(', ')} is set; run it as a task of an array job, or give the index (--shard I/${count})`);
  const value = env[name]!.trim();
  if (!INTEGER.test(value)) throw new DisparateError('usage', `${name}=${env[name]}: not a shard index (an integer from 0 to ${count - 1}) for --shard auto/${count}`);
  if (Number(value) >= count) throw new DisparateError('usage', `${name}=${value}: --shard auto/${count} takes indices 0 to ${count - 1}${name === 'SLURM_ARRAY_TASK_ID' ? ` (declare the array as --array=0-${count - 1})` : ''}`);
  return { index: Number(value), count, source: name };
}
