/**
 * The one policy for category labels (groups, levels), applied by every reader (CSV, JSONL,
 * Parquet, Arrow, counts files) and to the levels of population specs and model files:
 * - labels are normalised to Unicode NFC, so "é" typed as one code point or as "e" + U+0301 is one label;
 * - two labels that become equal after normalisation, after removing zero-width and bidi control
 *   characters, or after trimming spaces are refused, naming both (they are one group written two ways);
 * - control characters other than tab, line feed and carriage return (NUL, BEL, DEL, C1), the line and
 *   paragraph separators U+2028/U+2029, U+FFFD (the mark of an earlier bad decoding), non-characters
 *   and lone surrogates are refused: they cannot be shown in a report, an XML file or one line of text;
 * - a label longer than {@link LABEL_LIMITS}.length characters, or a column with more than
 *   {@link LABEL_LIMITS}.levels levels, is refused.
 */
export const LABEL_LIMITS = { length: 1000, levels: 100_000 } as const;

// Zero-width and bidi control characters: soft hyphen, combining grapheme joiner, Arabic letter mark,
// Mongolian vowel separator, ZWSP/ZWNJ/ZWJ, LRM/RLM, LRE…RLO, word joiner…invisible plus, LRI…PDI, BOM.
const INVISIBLE = /[\u00AD\u034F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\uFFFD\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Characters a message shows as \uXXXX so that it stays one readable line and shows what differs.
// eslint-disable-next-line no-control-regex
const ESCAPED = /[\u0000-\u001F\u007F-\u009F\u00AD\u034F\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF\uFFF0-\uFFFF\uD800-\uDFFF]|\p{M}/gu;

/**
 * A label quoted for a one-line message: at most 40 characters, invisible, control and combining
 * characters written as \uXXXX.
 *
 * @example quoteLabel('a\u200Bb') // '"a\\u200Bb"'
 */
export function quoteLabel(label: string): string {
  const clipped = label.length > 40 ? `${label.slice(0, 40)}…` : label;
  return `"${clipped.replace(ESCAPED, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).replace(/"/g, '\\"')}"`;
}

/** Why one label is refused (a control character, U+FFFD, too long), or null. */
export function labelProblem(label: string): string | null {
  if (label.length > LABEL_LIMITS.length) return `${quoteLabel(label)} is ${label.length.toLocaleString('en-US')} characters long (limit ${LABEL_LIMITS.length.toLocaleString('en-US')})`;
  const bad = FORBIDDEN.exec(label);
  if (!bad) return null;
  const c = bad[0].charCodeAt(0);
  const name = c === 0xfffd ? 'U+FFFD, the replacement character left by a bad text decoding' : `the control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `${quoteLabel(label)} holds ${name} (position ${bad.index + 1}); remove it`;
}

/** The result of {@link normaliseLabels}: levels in NFC (same order), or the first problem. */
export type NormalisedLabels = { readonly levels: readonly string[]; readonly problem: null } | { readonly levels: null; readonly problem: string; /** Index of the label refused (the second of two twins). */ readonly index: number };

/**
 * Applies the label policy to a column's distinct levels: returns them in NFC (same order, so codes
 * stay valid), or the first problem as a phrase for the caller to prefix with its file and column.
 * O(levels): one Map lookup per level and key.
 *
 * `noun` names what the labels are in the message ("groups" of a protected column).
 *
 * @example
 * normaliseLabels(['e\u0301', 'b']).levels // ['é', 'b']
 * normaliseLabels(['a', 'a\u200B']).problem // 'labels "a" and "a\\u200B" differ only by invisible characters (zero-width or bidi controls); write them the same way'
 */
export function normaliseLabels(levels: readonly string[], noun: 'label' | 'group' | 'level' = 'label', maxLevels: number = LABEL_LIMITS.levels): NormalisedLabels {
  if (levels.length > maxLevels) return { levels: null, problem: `has ${levels.length.toLocaleString('en-US')} distinct values (limit ${maxLevels.toLocaleString('en-US')} levels)`, index: maxLevels };
  const out: string[] = new Array<string>(levels.length);
  const byNfc = new Map<string, string>();
  const byVisible = new Map<string, string>();
  const byTrimmed = new Map<string, string>();
  for (let i = 0; i < levels.length; i++) {
    const raw = levels[i]!;
    const problem = labelProblem(raw);
    if (problem) return { levels: null, problem: `${noun} ${problem}`, index: i };
    const nfc = raw.normalize('NFC');
    const twin = byNfc.get(nfc);
    if (twin !== undefined) {
      const why = twin === raw ? 'appears twice' : 'are the same text in different Unicode forms (NFC and NFD)';
      return { levels: null, problem: twin === raw ? `${noun} ${quoteLabel(raw)} ${why}` : `${noun}s ${quoteLabel(twin)} and ${quoteLabel(raw)} ${why}; write them the same way`, index: i };
    }
    byNfc.set(nfc, raw);
    const visible = nfc.replace(INVISIBLE, '');
    const hidden = byVisible.get(visible);
    if (hidden !== undefined) return { levels: null, problem: `${noun}s ${quoteLabel(hidden)} and ${quoteLabel(raw)} differ only by invisible characters (zero-width or bidi controls); write them the same way`, index: i };
    byVisible.set(visible, raw);
    const trimmed = visible.trim();
    const spaced = byTrimmed.get(trimmed);
    if (spaced !== undefined) return { levels: null, problem: `${noun}s ${quoteLabel(spaced)} and ${quoteLabel(raw)} differ only by spaces; write them the same way`, index: i };
    byTrimmed.set(trimmed, raw);
    out[i] = nfc;
  }
  return { levels: out, problem: null };
}
