import { provenance, type Provenance } from '../config/index.js';

/**
 * Options that change where, in which files and how fast results are written, never what they are: left out of the
 * recorded command so that results.json is byte-identical whatever the output folder, the number of
 * workers, the chunk size or the shards the run was split into (each shard records the command of
 * the whole run, and the merge of its parts records it too). Each takes a value unless listed in FLAGS.
 */
const PLACEMENT_OPTIONS = new Set(['--shard', '--out', '--junit', '--formats', '--workers', '--chunk-size', '--json', '--interactive', '--no-interactive', '--progress', '--no-progress']);
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

/** Provenance of a CLI run: its recorded command line, the version, the platform and the clock. */
export function runContext(argv: readonly string[]): Provenance {
  return provenance(recordedCommand(argv));
}
