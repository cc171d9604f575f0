import { createRequire } from 'node:module';

type NodeApi = typeof import('@duckdb/node-api');

let loaded: NodeApi | undefined;

/**
 * The engine's JavaScript API, loaded on first use (a synthetic run, --help and the library's other
 * entry points never need the native module). It is a CommonJS package of some 120 files: required as
 * such it loads in about half the time an ES `import()` takes, which scans every file for its exports,
 * and joined into one file by the build in a fraction of that.
 */
export function engineModule(): NodeApi {
  loaded ??= requireBuilt<NodeApi>(createRequire(import.meta.url), ENGINE_API_BUNDLE, '@duckdb/node-api');
  return loaded;
}

/** The file `npm run build` joins the API's modules into, beside this module (harness/cli/bundle.ts). */
export const ENGINE_API_BUNDLE = 'duckdb-api.cjs';

/** `./file` where the build wrote it, else the package itself (the sources, a build by tsc alone). */
function requireBuilt<T>(require: NodeJS.Require, file: string, pkg: string): T {
  try {
    return require(`./${file}`) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || !String((e as Error).message).includes(file)) throw e;
    return require(pkg) as T;
  }
}
