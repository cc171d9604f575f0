import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { DisparateError } from '../errors/index.js';
import { makeFolder } from './make-folder.js';
import { settlePending, trackPending } from './pending-outputs.js';

/** The folder of the last report put in place, for the CLI's message when a signal stops it afterwards. */
let lastWritten: string | null = null;

/** The output folder of the last complete report this process wrote, or null. */
export function lastReportFolder(): string | null {
  return lastWritten;
}


const lstatOrNull = (path: string): Stats | null => {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
};

const errorText = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** Whether a process is still running (a temporary folder of a live run must not be swept). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The one artefact writer: puts the files of a report into `dir` so that the folder holds either the
 * previous report or the complete new one, whatever happens (a full disk, a signal, a crash).
 *
 * ```
 * files ──► .<dir>.disparate-<pid>-<hex>/ (beside dir) ──► rename onto dir (dir held only report files)
 *                                                     └──► or file by file, results.json removed first and
 *                                                          written last (dir holds files of the user's own)
 * ```
 * Files of an earlier report that this one does not have are removed; nothing else in the folder is
 * touched (`isReport` names what a report can contain). A symbolic link in the folder is replaced,
 * never followed. Temporary folders left by a killed run are swept on the next write.
 *
 * @example writeOutputs('out/default', files, isReportFileName) // ['out/default/report.html', ...]
 */
export function writeOutputs(dir: string, files: ReadonlyMap<string, string | Uint8Array>, isReport: (name: string) => boolean): string[] {
  const fail = (what: string) => new DisparateError('usage', `--out ${dir}: ${what}`);
  for (const name of files.keys()) {
    if (name !== basename(name) || name.startsWith('.')) throw new DisparateError('internal', `report file name ${JSON.stringify(name)} is not a plain file name`);
  }
  let target = resolve(dir);
  let existing = lstatOrNull(target);
  if (existing?.isSymbolicLink()) {
    // --out itself may be a link the user made (out → /mnt/reports); links inside it are never followed
    try {
      target = realpathSync(target);
    } catch (e) {
      throw fail(`is a symbolic link that leads nowhere (${errorText(e)})`);
    }
    existing = lstatOrNull(target);
  }
  if (existing && !existing.isDirectory()) throw fail('exists and is not a folder');
  const parent = dirname(target);
  const made = makeFolder(parent);
  if (made) throw fail(`cannot create the folder ${parent} (${made})`);
  if (existing) {
    for (const name of files.keys()) {
      const entry = lstatOrNull(join(target, name));
      if (entry && !entry.isFile() && !entry.isSymbolicLink()) throw fail(`${name} exists and is ${entry.isDirectory() ? 'a folder' : 'not a regular file'}; the report will not replace it (remove it or choose another --out)`);
    }
  }
  const stem = `.${basename(target).slice(0, 80)}.disparate-`;
  const fresh = (home: string) => join(home, `${stem}${process.pid}-${randomBytes(6).toString('hex')}`);
  // Beside the folder, so that it can be renamed onto it; inside it when it is a mount point (a rename
  // cannot cross file systems) or its parent cannot be written (a read-only share with a writable folder).
  let inside = existing !== null && existing.dev !== statSync(parent).dev;
  let temp = '';
  for (const home of inside ? [target] : existing ? [parent, target] : [parent]) {
    sweepStale(home, stem);
    temp = fresh(home);
    try {
      mkdirSync(temp);
      inside = home === target;
      break;
    } catch (e) {
      if (home === target || !existing) throw fail(`cannot create a temporary folder in ${home} (${errorText(e)})`);
    }
  }
  trackPending(temp);
  let step = '';
  try {
    for (const [name, content] of files) {
      step = `cannot write ${name}`;
      // wx: create, never open an existing path (nor a link planted under this name)
      writeFileSync(join(temp, name), content, { flag: 'wx' });
    }
    step = 'cannot move the report into place';
    // the working folder (or one above it) stays where it is: renaming it away would leave the shell in a removed folder
    const here = relative(target, process.cwd());
    const working = here === '' || (!here.startsWith('..') && !isAbsolute(here));
    const swapped = existing !== null && !inside && !working && onlyReportFiles(target, isReport) && swapFolders(temp, target, fresh(parent), existing.mode);
    if (!existing) renameSync(temp, target);
    else if (!swapped) moveFiles(temp, target, files, isReport);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    settlePending(temp);
    if (e instanceof DisparateError) throw e;
    // file by file, results.json goes first: without it the folder holds no report, never a mixed one
    const left = existing && !lstatOrNull(join(target, 'results.json')) ? 'the folder holds no complete report (no results.json)' : 'the folder holds the previous report, if any';
    throw fail(`${step} (${errorText(e)}); ${left}`);
  }
  settlePending(temp);
  lastWritten = dir;
  return [...files.keys()].map((name) => join(dir, name));
}

/** Whether every entry of `folder` is a file (or link) a report can have: then the whole folder may be replaced. */
function onlyReportFiles(folder: string, isReport: (name: string) => boolean): boolean {
  return readdirSync(folder, { withFileTypes: true }).every((e) => (e.isFile() || e.isSymbolicLink()) && isReport(e.name));
}

/** Puts `temp` in the place of `target` (set aside as `old`, then removed); false when the folder cannot be renamed. */
function swapFolders(temp: string, target: string, old: string, mode: number): boolean {
  chmodSync(temp, mode & 0o7777);
  try {
    renameSync(target, old);
  } catch {
    return false; // busy, the working folder, not ours to rename: file by file instead
  }
  // `old` is never discarded on failure: if it cannot go back, it is the previous report (swept once stale)
  try {
    renameSync(temp, target);
  } catch (e) {
    renameSync(old, target);
    throw e;
  }
  settlePending(temp);
  rmSync(old, { recursive: true, force: true });
  return true;
}

/**
 * Moves the new files into a folder that also holds files of the user's own. results.json goes first
 * and comes back last, so it is present only while a report is complete.
 */
function moveFiles(temp: string, target: string, files: ReadonlyMap<string, string | Uint8Array>, isReport: (name: string) => boolean): void {
  const results = join(target, 'results.json');
  if (lstatOrNull(results)) unlinkSync(results);
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if ((entry.isFile() || entry.isSymbolicLink()) && isReport(entry.name) && !files.has(entry.name)) unlinkSync(join(target, entry.name));
  }
  const names = [...files.keys()].sort((a, b) => Number(a === 'results.json') - Number(b === 'results.json'));
  for (const name of names) renameSync(join(temp, name), join(target, name));
  rmSync(temp, { recursive: true, force: true });
}

/** Removes temporary folders that killed runs (no longer running) left beside the output folder. */
function sweepStale(home: string, stem: string): void {
  let names: string[];
  try {
    names = readdirSync(home);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(stem)) continue;
    const pid = Number(/^(\d+)-[0-9a-f]{12}$/.exec(name.slice(stem.length))?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) rmSync(join(home, name), { recursive: true, force: true });
  }
}
