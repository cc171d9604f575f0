import { createRequire } from 'node:module';
import { requireBuilt } from '../../harness/stats/index.js';

type NodeApi = typeof import('@duckdb/node-api');

let loaded: NodeApi | undefined;

/**
 * The engine's JavaScript API, loaded on first use (a synthetic run, --help and the library's other
 * entry points never need the native module). It is a CommonJS package of some 120 files: required as
 * such it loads in about half the time an ES `import()` takes, which scans every file for its exports,
 * and joined into one file by the build in a fraction of that.
 */
export function engineModule(): NodeApi {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    loaded = requireBuilt<NodeApi>(require, ENGINE_API_BUNDLE) ?? (require('@duckdb/node-api') as NodeApi);
  }
  return loaded;
}

/** The file `npm run build` joins the API's modules into, beside this module (harness/cli/bundle.ts). */
export const ENGINE_API_BUNDLE = 'duckdb-api.cjs';
