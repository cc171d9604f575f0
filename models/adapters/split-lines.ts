/**
 * A newline splitter over a byte stream that never holds more than `limit` bytes of one line:
 * `push` calls `onLine` for each complete line (without its "\n" or "\r\n") and returns false,
 * dropping what it holds, once a line grows past the limit.
 *
 * @example
 * const lines = lineSplitter(1 << 20, (line) => handle(line));
 * stream.on('data', (chunk) => lines.push(chunk) || stop('line too long'));
 */
export function lineSplitter(limit: number, onLine: (line: string) => void): { push(chunk: Buffer): boolean; rest(): string } {
  let parts: Buffer[] = [];
  let held = 0;
  return {
    push(chunk) {
      let from = 0;
      for (let nl = chunk.indexOf(10, from); nl >= 0; nl = chunk.indexOf(10, from)) {
        if (held + nl - from > limit) break;
        parts.push(chunk.subarray(from, nl));
        const line = Buffer.concat(parts).toString('utf8');
        parts = [];
        held = 0;
        from = nl + 1;
        onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      }
      if (held + chunk.length - from > limit) {
        parts = [];
        held = 0;
        return false;
      }
      if (from < chunk.length) {
        parts.push(chunk.subarray(from));
        held += chunk.length - from;
      }
      return true;
    },
    rest() {
      return Buffer.concat(parts).toString('utf8');
    },
  };
}
