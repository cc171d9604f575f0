import { expect } from 'vitest';
import { DisparateError, exitCodeFor } from '../../harness/errors/index.js';

/**
 * `fn` throws a DisparateError that the CLI turns into exit 2 (never 3), of `code`, whose one-line
 * message is exactly `message` (a string) or matches it (a RegExp).
 */
export function expectBadInput(fn: () => unknown, code: 'data' | 'config' | 'model' | 'usage', message: string | RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a DisparateError').toBeInstanceOf(DisparateError);
  const e = error as DisparateError;
  expect(exitCodeFor(e)).toBe(2);
  expect(e.message).not.toContain('\n');
  if (typeof message === 'string') expect(e.message).toBe(message);
  else expect(e.message).toMatch(message);
  expect(e.code).toBe(code);
}

/** As {@link expectBadInput}, for a promise. */
export async function expectBadInputAsync(fn: () => Promise<unknown>, code: 'data' | 'config' | 'model' | 'usage', message: string | RegExp): Promise<void> {
  let error: unknown;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  expectBadInput(() => {
    throw error;
  }, code, message);
}
