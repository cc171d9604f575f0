import { spawnSync } from 'node:child_process';

/** Runs the built CLI (dist/, built by `npm run build`, which `npm test` runs first). */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [`${process.cwd()}/dist/harness/cli/main.js`, ...args], {
    cwd: options.cwd ?? process.cwd(),
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC', LANG: 'C', LC_ALL: 'C', ...options.env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
