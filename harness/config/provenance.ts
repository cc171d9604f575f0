import { arch, platform, version } from 'node:process';
import { packageVersion } from './package-root.js';

/** What a run records about itself but must not fetch on its own: the command, the version, the platform, the clock. */
export interface Provenance {
  readonly command: string;
  readonly toolVersion: string;
  readonly started: string;
  readonly platform: string;
  readonly now: () => string;
}

/**
 * The clock of a run: SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention)
 * when set, so that a rerun gives a byte-identical results.json; otherwise the system clock.
 * A malformed value is ignored rather than recorded.
 */
function clock(): () => string {
  const epoch = process.env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) {
    const fixed = new Date(Number(epoch.trim()) * 1000).toISOString();
    return () => fixed;
  }
  return () => new Date().toISOString();
}

/**
 * Provenance for a run started now, recording `command` as what produced it (the CLI passes its
 * command line; the library a call such as `run(batteries/default.yaml)`).
 *
 * @example provenance('run(batteries/default.yaml)').toolVersion // "0.1.0"
 */
export function provenance(command: string): Provenance {
  const now = clock();
  return { command, toolVersion: packageVersion(), started: now(), platform: `${platform}-${arch} node ${version}`, now };
}
