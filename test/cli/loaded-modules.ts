import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The modules behind the files a process loaded: a file of the bundled command line (dist/harness/cli/
 * main.js and its chunks, see harness/cli/bundle.ts) stands for the modules its source map lists, as
 * the URLs they had before bundling; any other file stands for itself. So a test of what a command
 * loads reads the same with and without the bundle.
 */
export function modulesBehind(urls: readonly string[]): string[] {
  return urls.flatMap((url) => {
    if (!url.startsWith('file:') || !/\/dist\/harness\/cli\/(main|chunks\/[^/]+)\.js$/.test(url)) return [url];
    const file = fileURLToPath(url);
    if (!existsSync(`${file}.map`)) return [url];
    const sources = (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources;
    // tsc's own map (no bundle) names the TypeScript source: the file is then the module itself.
    if (!sources.every((s) => s.endsWith('.js') || s.endsWith('.mjs') || s.endsWith('.cjs'))) return [url];
    return sources.map((s) => pathToFileURL(resolve(dirname(file), s)).href);
  });
}
