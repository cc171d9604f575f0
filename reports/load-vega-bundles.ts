import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The browser bundles inlined by `--interactive`, in load order (vega-embed needs the globals of the other two). */
const BUNDLES = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
] as const;

/** The folder of an installed package (its `exports` may hide package.json, so walk up from its entry). */
function packageDir(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of package ${name}`);
    dir = up;
  }
  return dir;
}

/**
 * Reads the minified vega, vega-lite and vega-embed browser bundles from node_modules (about 0.8 MB),
 * for `buildReport(results, { interactive })`. The one file-system read of the report module, kept
 * apart so buildReport stays pure.
 *
 * @example const { files } = await buildReport(results, { interactive: loadVegaBundles() });
 */
export function loadVegaBundles(): string[] {
  return BUNDLES.map(([name, file]) => readFileSync(join(packageDir(name), file), 'utf8'));
}
