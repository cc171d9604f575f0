/** Up to three names that look like `name`: same letters ignoring case, or a few edits away. */
export function nearNames(name: string, names: readonly string[]): string[] {
  const lower = name.toLowerCase();
  const scored = names
    .map((candidate) => {
      const c = candidate.toLowerCase();
      const distance = c === lower ? 0 : editDistance(lower, c);
      const close = distance <= Math.max(2, Math.floor(lower.length / 3)) || (lower.length >= 3 && (c.includes(lower) || lower.includes(c)));
      return { candidate, distance, close };
    })
    .filter((s) => s.close);
  scored.sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : 1));
  return scored.slice(0, 3).map((s) => s.candidate);
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Math.abs(a.length - b.length);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
