/**
 * A connection URL fit for a message or a report: the password, in the authority
 * (`postgresql://user:secret@host/db`) or as a query parameter (`?password=secret`), becomes "***".
 * Text that does not parse as a URL is redacted by pattern, so a typo never leaks a password either.
 *
 * @example redactUrl('postgresql://auditor:s3cret@db.example/benefits') // "postgresql://auditor:***@db.example/benefits"
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of [...u.searchParams.keys()]) if (/^(password|passwd|pwd|sslpassword)$/i.test(key)) u.searchParams.set(key, '***');
    // URL.toString percent-encodes the stars; show them as typed.
    return u.toString().replaceAll('%2A%2A%2A', '***');
  } catch {
    return url.replace(/(\/\/[^:/@?#]*:)[^@/?#]*@/, '$1***@').replace(/((?:password|passwd|pwd|sslpassword)=)[^&\s]*/gi, '$1***');
  }
}
