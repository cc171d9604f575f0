import { packageVersion } from '../config/index.js';
import { arch, platform, version } from 'node:process';

/**
 * Options that change where and how fast results are written, never what they are: left out of the
 * recorded command so that results.json is byte-identical whatever the output folder, the number of
 * workers or the chunk size. Each takes a value unless listed in FLAGS.
 */
const PLACEMENT_OPTIONS = new Set(['--out', '--workers', '--chunk-size', '--json', '--interactive', '--no-interactive', '--progress', '--no-progress']);
const FLAGS = new Set(['--json', '--interactive', '--no-interactive', '--progress', '--no-progress']);

/** The command line as recorded in the manifest: the arguments that determine the results. */
export function recordedCommand(argv: readonly string[]): string {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.split('=')[0]!;
    if (!PLACEMENT_OPTIONS.has(name)) kept.push(arg);
    else if (!FLAGS.has(name) && !arg.includes('=')) i++; // skip its value too
  }
  return ['disparate', ...kept].join(' ');
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

/** Provenance the pipelines record but must not fetch themselves: the clock, the platform, the command. */
export function runContext(argv: readonly string[]) {
  const now = clock();
  return {
    command: recordedCommand(argv),
    toolVersion: packageVersion(),
    started: now(),
    platform: `${platform}-${arch} node ${version}`,
    now,
  };
}
