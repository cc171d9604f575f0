import { randomBytes } from 'node:crypto';
import { lstatSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { DisparateError } from '../errors/index.js';
import { settlePending, trackPending } from './pending-outputs.js';

/** A file being written: `path` to write to, then `commit` (rename onto the target) or `discard`. */
export interface StagedFile {
  readonly path: string;
  commit(): void;
  discard(): void;
}

/**
 * A temporary path beside `file`, with the same extension (writers pick the format by it), that
 * `commit` renames onto `file`: the file is replaced whole or not at all, and an interrupted command
 * leaves the previous one (the CLI's exit handler removes the temporary file). A link at `file` is
 * resolved first, so the file it points to is replaced and the link kept.
 *
 * @example
 * const staged = stageFile('out/pop.csv');
 * try { writePopulation(table, staged.path); staged.commit(); } catch (e) { staged.discard(); throw e; }
 */
export function stageFile(file: string): StagedFile {
  let target = resolve(file);
  try {
    if (lstatSync(target).isSymbolicLink()) target = realpathSync(target);
    if (lstatSync(target).isDirectory()) throw new DisparateError('usage', `${file}: is a folder`);
  } catch (e) {
    if (e instanceof DisparateError) throw e;
    /* absent (or a link to nowhere, replaced): written as a new file */
  }
  const ext = extname(target);
  const path = join(dirname(target), `.${basename(target, ext).slice(0, 80)}.disparate-${process.pid}-${randomBytes(6).toString('hex')}${ext}`);
  trackPending(path);
  return {
    path,
    commit() {
      try {
        renameSync(path, target);
      } catch (e) {
        rmSync(path, { force: true });
        throw new DisparateError('usage', `${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      } finally {
        settlePending(path);
      }
    },
    discard() {
      rmSync(path, { force: true });
      settlePending(path);
    },
  };
}
