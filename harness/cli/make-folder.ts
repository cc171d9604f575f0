import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates `path` and its missing parents one level at a time and returns the error code of the first
 * failure (null on success). Unlike `mkdirSync(path, { recursive: true })`, which loops for ever on
 * some special file systems (a folder under /proc answers ENOENT although its parent exists), every
 * step either makes progress or fails.
 *
 * @example makeFolder('/proc/x') // 'ENOENT', at once
 */
export function makeFolder(path: string): string | null {
  const missing: string[] = [];
  for (let p = path; ; p = dirname(p)) {
    try {
      if (!statSync(p).isDirectory()) return 'ENOTDIR';
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' || dirname(p) === p) return code ?? 'ENOENT';
      missing.push(p);
    }
  }
  for (const p of missing.reverse()) {
    try {
      mkdirSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') return code ?? 'EIO';
    }
  }
  return null;
}
