import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

/**
 * Build step (npm run build, after tsc): the command line's modules joined into a few files.
 *
 * Node's ES module loader spends about a millisecond on every module it resolves and loads, and a
 * command loaded some 700 (zod alone is 230, yargs and its helpers 60) before doing any work: about
 * 0.3 s of every `disparate` process, and of every process the tests start. Bundled, the entry
 * dist/harness/cli/main.js and its chunks in dist/harness/cli/chunks/ load the same code from a few
 * files; each command's handler stays a chunk of its own, loaded only when that command runs
 * (commands.ts), and the library (dist/harness/api) is not bundled.
 *
 * Packages with native code, large optional ones and those read through createRequire stay outside
 * (loaded from node_modules as before); zod and yargs, small modules by the hundred, go in. tsc's own
 * main.js is the input and is replaced in place, so a build by tsc alone still runs, unbundled.
 */
const INSIDE = /^(zod|yargs|yargs-parser|cliui|y18n|escalade|get-caller-file|require-directory|string-width|strip-ansi|ansi-regex|ansi-styles|wrap-ansi|emoji-regex|get-east-asian-width|is-fullwidth-code-point)(\/|$)/;

const cliDir = dirname(fileURLToPath(import.meta.url));
const entry = join(cliDir, 'main.js');
const chunks = join(cliDir, 'chunks');

if (!existsSync(entry)) throw new Error(`${entry}: not found; run tsc first (npm run build)`);
rmSync(chunks, { recursive: true, force: true });
await build({
  input: entry,
  platform: 'node',
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !INSIDE.test(id),
  logLevel: 'warn',
  output: {
    dir: cliDir,
    format: 'esm',
    entryFileNames: 'main.js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
});
