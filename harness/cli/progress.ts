import { SingleBar } from 'cli-progress';

/**
 * A progress callback for long runs: draws a bar on standard error when it is a terminal and the
 * run has lasted more than a second; silent otherwise (CI logs, pipes, --json).
 */
export function progressReporter(label: string, enabled = process.stderr.isTTY === true): { update: (done: number, total: number) => void; stop: () => void } {
  const started = Date.now();
  let bar: SingleBar | undefined;
  return {
    update(done, total) {
      if (!enabled) return;
      if (!bar) {
        if (Date.now() - started < 1000 || done >= total) return;
        bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} rows | {eta}s left`, stream: process.stderr, hideCursor: true });
        bar.start(total, done);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
