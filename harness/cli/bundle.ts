import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { STDLIB_BUNDLE, STDLIB_PACKAGES } from '../stats/index.js';

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
 *
 * The stdlib distribution functions (harness/stats/stdlib-functions.ts), some 1,000 CommonJS modules
 * loaded on demand, are joined into one CommonJS file written beside that module and beside the
 * chunks, where it looks for it first.
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

// The stdlib functions as one CommonJS file exporting them by name.
const STDLIB_ENTRY = '\0stdlib-functions';
const statsFile = join(cliDir, '../stats', STDLIB_BUNDLE);
await build({
  input: STDLIB_ENTRY,
  platform: 'node',
  logLevel: 'warn',
  plugins: [
    {
      name: 'stdlib-functions',
      resolveId: (id) => (id === STDLIB_ENTRY ? id : null),
      load: (id) =>
        id === STDLIB_ENTRY ? `module.exports = {\n${Object.entries(STDLIB_PACKAGES).map(([name, pkg]) => `  ${name}: require(${JSON.stringify(pkg)}),`).join('\n')}\n};\n` : null,
    },
  ],
  output: { file: statsFile, format: 'cjs' },
});
copyFileSync(statsFile, join(chunks, STDLIB_BUNDLE));
