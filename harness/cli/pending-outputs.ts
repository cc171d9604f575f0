import { rmSync } from 'node:fs';

/** Temporary files and folders of outputs being written: {@link discardPendingOutputs} removes them. */
const pending = new Set<string>();

/** Records a temporary file or folder until it is renamed into place ({@link settlePending}). */
export function trackPending(path: string): void {
  pending.add(path);
}

/** Forgets a temporary path once it has been renamed into place or removed. */
export function settlePending(path: string): void {
  pending.delete(path);
}

/**
 * Removes the temporary files and folders of outputs being written. Synchronous, for the CLI's signal
 * and `exit` handlers: an interrupted command leaves the previous output or none, never a half one.
 *
 * @example process.on('exit', discardPendingOutputs);
 */
export function discardPendingOutputs(): void {
  for (const path of pending) rmSync(path, { recursive: true, force: true });
  pending.clear();
}
