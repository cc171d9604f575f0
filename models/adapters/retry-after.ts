/**
 * The wait a Retry-After header asks for, in milliseconds (seconds, or an HTTP date measured from
 * `now`), or null when absent or unreadable.
 *
 * @example retryAfterMs('86400', Date.now()) // 86400000
 */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}
