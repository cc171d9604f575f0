import { readFileSync } from 'node:fs';
import { arch, platform, version } from 'node:process';

/** The tool's version, read from the package.json that ships with it (source or dist layout). */
export function toolVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'disparate' && pkg.version) return pkg.version;
    } catch {
      // try the next layout
    }
  }
  return 'unknown';
}

/** Provenance the pipelines record but must not fetch themselves: the clock, the platform, the command. */
export function runContext(argv: readonly string[]) {
  return {
    command: ['disparate', ...argv].join(' '),
    toolVersion: toolVersion(),
    started: new Date().toISOString(),
    platform: `${platform}-${arch} node ${version}`,
    now: () => new Date().toISOString(),
  };
}
