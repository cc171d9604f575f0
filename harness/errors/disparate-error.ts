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
  constructor(code: ErrorCode, message: string) {
    super(message);
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
