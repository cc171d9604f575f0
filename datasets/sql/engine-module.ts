import { createRequire } from 'node:module';

type NodeApi = typeof import('@duckdb/node-api');

let loaded: NodeApi | undefined;

/**
 * The engine's JavaScript API, loaded on first use (a synthetic run, --help and the library's other
 * entry points never need the native module). It is a CommonJS package of some 120 files: required as
 * such it loads in about half the time an ES `import()` takes, which scans every file for its exports.
 */
export function engineModule(): NodeApi {
  loaded ??= createRequire(import.meta.url)('@duckdb/node-api') as NodeApi;
  return loaded;
}
