/**
 * The one error taxonomy. Every failure the user can fix is a {@link DisparateError} with a stable
 * code; the CLI maps codes to exit codes in one place ({@link exitCodeFor}).
 *
 * @example
 * throw new DisparateError('config', 'battery.yaml: checks.0.bounds: expected two numbers');
 */
export type ErrorCode =
  | 'usage' // bad command line
  | 'config' // battery, population spec or model file does not validate
  | 'data' // decisions or population data unusable (missing file, unknown column, bad values)
  | 'model' // model cannot be loaded or does not match the population
  | 'internal';

export class DisparateError extends Error {
  readonly code: ErrorCode;
  /** `message` is made one line (see oneLine): a name read from a damaged file can hold a line break. */
  constructor(code: ErrorCode, message: string) {
    super(oneLine(message));
    this.name = 'DisparateError';
    this.code = code;
  }
}

/**
 * Exit codes of DESIGN.md: 0 pass, 1 a check fails or is inconclusive, 2 bad input, 3 internal error;
 * stopped by a signal, the shell's 128 + signal number: 129 SIGHUP, 130 SIGINT, 143 SIGTERM.
 */
export const EXIT = { pass: 0, fail: 1, badInput: 2, internal: 3, SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

export function exitCodeFor(error: unknown): number {
  if (error instanceof DisparateError) return error.code === 'internal' ? EXIT.internal : EXIT.badInput;
  return EXIT.internal;
}

/**
 * A message on one line: its lines joined by a space, and any other control character shown as an
 * escape. A column name or value from a hostile or corrupt file can hold a NUL, a line break or a
 * terminal's escape sequence, which a terminal would otherwise act on.
 *
 * @example oneLine('a\n  b\u001b[2J') // 'a b\\u001b[2J'
 */
export function oneLine(message: string): string {
  return message
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\t' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
