import type { Argv } from 'yargs';
import { DisparateError } from '../errors/index.js';

/**
 * What `--formats` can name: `json` is results.json, the others the report files of reports/build-report
 * (html report.html, md report.md, junit junit.xml, vl/svg/png one file per chart). `all` is every one.
 */
export const OUTPUT_FORMATS = ['json', 'html', 'md', 'junit', 'vl', 'svg', 'png'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/** The report files besides results.json (reports' ReportFormat, restated so this module loads no report code). */
export type FolderFormat = Exclude<OutputFormat, 'json'>;
const FOLDER_FORMATS: readonly FolderFormat[] = ['html', 'md', 'junit', 'vl', 'svg', 'png'];

/**
 * `--formats html,junit` → the formats, checked while the arguments are read, so a typo exits 2 before
 * a long run rather than after it.
 *
 * @example parseFormats('json, png') // ['json', 'png']
 */
export function parseFormats(text: unknown): OutputFormat[] {
  const items = String(Array.isArray(text) ? text.join(',') : text)
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (items.length === 0) throw new DisparateError('usage', `--formats: name at least one of ${OUTPUT_FORMATS.join(', ')} (or all)`);
  const formats = new Set<OutputFormat>();
  for (const item of items) {
    if (item === 'all') OUTPUT_FORMATS.forEach((f) => formats.add(f));
    else if ((OUTPUT_FORMATS as readonly string[]).includes(item)) formats.add(item as OutputFormat);
    else throw new DisparateError('usage', `--formats ${String(text)}: unknown format "${item}" (choose from ${OUTPUT_FORMATS.join(', ')}, all)`);
  }
  return OUTPUT_FORMATS.filter((f) => formats.has(f));
}

/**
 * `--formats`, for every command that writes a report folder (run, audit, reproduce, merge, compare).
 * The handler sees the parsed list (the middleware below replaces the text), hence the declared type.
 */
export function formatsOption<T>(y: Argv<T>): Argv<T & { formats: OutputFormat[] | undefined }> {
  return y
    .option('formats', {
      type: 'string',
      describe: `files to write into --out, comma-separated: ${OUTPUT_FORMATS.join(', ')} or all (json = results.json, written with any other; default: the battery's report.formats, else all)`,
    })
    .middleware((argv) => {
      // A middleware, not yargs' coerce: coerce rewraps errors as its own, and the exit code would be 3, not 2.
      const args = argv as Record<string, unknown>;
      if (args.formats !== undefined) args.formats = parseFormats(args.formats);
    }, true) as unknown as Argv<T & { formats: OutputFormat[] | undefined }>;
}

/** The arguments {@link reportFormats} reads. */
export interface OutputArgs {
  out?: string | undefined;
  json: boolean;
  formats?: readonly OutputFormat[] | undefined;
}

/**
 * The report files to write into the output folder besides results.json, or null for no folder at all:
 * - `--formats` names them (results.json always comes with them: it is the record the others are drawn from,
 *   and a folder is complete only when it is there);
 * - `--json` alone prints results.json and writes nothing — no folder, no chart rendered;
 * - otherwise (or with `--json --out DIR`) the battery's report.formats, else every format.
 *
 * @example reportFormats({ json: true }) // null
 * @example reportFormats({ json: true, out: 'out/a' }, ['html']) // ['html']
 * @example reportFormats({ json: false, formats: ['json'] }) // []
 */
export function reportFormats(argv: OutputArgs, battery?: readonly FolderFormat[]): FolderFormat[] | null {
  if (argv.formats !== undefined) return FOLDER_FORMATS.filter((f) => argv.formats!.includes(f));
  if (argv.json && argv.out === undefined) return null;
  return [...(battery ?? FOLDER_FORMATS)];
}
