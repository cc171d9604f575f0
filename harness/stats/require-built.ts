/**
 * A file the build joined packages into (harness/cli/bundle.ts: `stdlib.cjs`, `duckdb-api.cjs`,
 * `yaml.cjs`), required beside the calling module through its own `require`; null where it is absent
 * (the sources, a build by tsc alone), so the caller loads the packages themselves. Any other failure
 * to load it is an error. It lives here, the lowest layer that loads such a file, for the others to share.
 */
export function requireBuilt<T>(require: NodeJS.Require, file: string): T | null {
  try {
    return require(`./${file}`) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String((e as Error).message).includes(file)) return null;
    throw e;
  }
}
