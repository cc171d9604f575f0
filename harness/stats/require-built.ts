/**
 * A file the build joined packages into (harness/cli/bundle.ts: `stdlib.cjs`, `duckdb-api.cjs`,
 * `yaml.cjs`), required beside the calling module through its own `require`; null where it is absent
 * (the sources, a build by tsc alone), so the caller loads the packages themselves. Any other failure
 * to load it is an error. It lives here, the lowest layer that loads such a file, for the others to share.
 */
export function requireBuilt<T>(require: NodeJS.Require, file: string): T | null {
  let path: string;
  try {
    path = require.resolve(`./${file}`);
  } catch {
    // The file itself is absent. A module it needs that is missing is an error of the load below.
    return null;
  }
  return require(path) as T;
}
