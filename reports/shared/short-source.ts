/**
 * A source's name for a second mention in the same text: its words outside parentheses and brackets,
 * up to the first comma or semicolon, at most about 60 characters.
 *
 * @example shortSource('Equal false-positive (wrongful-exclusion) rates, error-rate balance (Hardt 2016)') // 'Equal false-positive rates'
 */
export function shortSource(source: string): string {
  let plain = source;
  // innermost brackets first, so nested ones go too
  for (let before = ''; before !== plain; ) {
    before = plain;
    plain = plain.replace(/\s*[([][^()[\]]*[)\]]/g, '');
  }
  const head = plain.split(/[,;]/)[0]!.replace(/\s+/g, ' ').trim() || source.trim();
  if (head.length <= 60) return head;
  const cut = head.slice(0, 60);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 30))}…`;
}

/**
 * Sources that may be cited by their short name after a first full citation: those whose short
 * name no other of `sources` shares (case-insensitively), so a reader can always tell them apart.
 */
export function shortenableSources(sources: Iterable<string | null>): Set<string> {
  const byShort = new Map<string, Set<string>>();
  for (const s of sources) {
    if (s === null) continue;
    const key = shortSource(s).toLowerCase();
    byShort.set(key, (byShort.get(key) ?? new Set()).add(s));
  }
  const out = new Set<string>();
  for (const full of byShort.values()) if (full.size === 1) for (const s of full) out.add(s);
  return out;
}
