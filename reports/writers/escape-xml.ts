const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * Escapes text for XML 1.0 element content and quoted attribute values: the five markup characters
 * (so `]]>` becomes `]]&gt;` and no CDATA section is ever needed), tab and line breaks as character
 * references (kept inside attributes instead of being normalised to spaces), and every character XML
 * 1.0 forbids (C0 controls, U+FFFE, U+FFFF, lone surrogates) replaced by U+FFFD.
 *
 * @example escapeXml('a]]>\u0007"b"') // "a]]&gt;\uFFFD&quot;b&quot;"
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c] ?? c);
}
