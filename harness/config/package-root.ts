import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/**
 * The folder of disparate's own package.json (the repository root, or the installed package): the
 * nearest ancestor of this module, in the sources or in dist/, whose package.json is named
 * "disparate". Bundled files (batteries/, datasets/packs/, models/zoo/) are found from it, whatever
 * the current directory.
 */
export function packageRoot(): string {
  if (cached !== null) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'disparate') return (cached = dir);
    if (dirname(dir) === dir) throw new Error('package root of disparate not found above ' + fileURLToPath(import.meta.url));
    dir = dirname(dir);
  }
}

/** The tool's version from that package.json, or "unknown". */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
