import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { ENGINE_API_BUNDLE } from '../../datasets/sql/index.js';
import { YAML_BUNDLE } from '../config/index.js';
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
 * Three CommonJS packages loaded on demand through require are each joined into one file, written
 * beside the module that requires it and beside the chunks, where it looks first: the stdlib
 * distribution functions (some 1,000 modules, 0.2 s of CPU one by one), the engine's JavaScript API
 * (120 modules, 0.1 s) and the YAML parser (190 modules).
 */
const INSIDE = /^(zod|hyparquet|hyparquet-writer|yargs|yargs-parser|cliui|y18n|escalade|get-caller-file|require-directory|string-width|strip-ansi|ansi-regex|ansi-styles|wrap-ansi|emoji-regex|get-east-asian-width|is-fullwidth-code-point)(\/|$)/;

const cliDir = dirname(fileURLToPath(import.meta.url));
const entry = join(cliDir, 'main.js');
const chunks = join(cliDir, 'chunks');

if (!existsSync(entry)) throw new Error(`${entry}: not found; run tsc first (npm run build)`);
rmSync(chunks, { recursive: true, force: true });
await build({
  // The scoring pool's worker thread is an entry of its own, next to the chunks (where the pool, bundled
  // into a chunk, looks for it first): each thread boots from a few files too.
  input: { main: entry, 'score-chunk-worker': join(cliDir, '../scoring/score-chunk-worker.js') },
  platform: 'node',
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !INSIDE.test(id),
  logLevel: 'warn',
  output: {
    dir: cliDir,
    format: 'esm',
    entryFileNames: (chunk) => (chunk.name === 'main' ? 'main.js' : 'chunks/[name].js'),
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
});

/**
 * CommonJS packages loaded on demand through require, each joined into one CommonJS file written
 * beside the module that requires it and beside the chunks (the module looks there first, then in
 * node_modules): `source` is the file's body, `external` what stays a require (native code).
 */
async function joinCommonJs(file: string, source: string, besides: string, external: RegExp | null = null): Promise<void> {
  const ENTRY = `\0${file}`;
  const out = join(cliDir, besides, file);
  await build({
    input: ENTRY,
    platform: 'node',
    logLevel: 'warn',
    external: external ? (id) => external.test(id) : undefined,
    plugins: [{ name: 'entry', resolveId: (id) => (id === ENTRY ? id : null), load: (id) => (id === ENTRY ? source : null) }],
    output: { file: out, format: 'cjs' },
  });
  copyFileSync(out, join(chunks, file));
}

// The stdlib distribution functions, exported by name (harness/stats/stdlib-functions.ts).
await joinCommonJs(STDLIB_BUNDLE, `module.exports = {\n${Object.entries(STDLIB_PACKAGES).map(([name, pkg]) => `  ${name}: require(${JSON.stringify(pkg)}),`).join('\n')}\n};\n`, '../stats');
// The engine's JavaScript API (datasets/sql/engine-module.ts); its native bindings stay a package.
await joinCommonJs(ENGINE_API_BUNDLE, "module.exports = require('@duckdb/node-api');\n", '../../datasets/sql', /^@duckdb\/node-bindings/);
// The YAML parser (harness/config/parse-yaml-text.ts).
await joinCommonJs(YAML_BUNDLE, "module.exports = require('yaml');\n", '../config');
