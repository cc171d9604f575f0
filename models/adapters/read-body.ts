/**
 * Reads a response body as UTF-8 text, or returns null (and cancels the rest) once it exceeds
 * `limit` bytes: a runaway answer costs at most the limit in memory.
 *
 * @example const text = await readBody(response, 1 << 20); // null when longer than 1 MiB
 */
export async function readBody(response: Response, limit: number): Promise<string | null> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString('utf8');
}
