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
// Printable ASCII, not starting or ending with a space, within the length limit: nothing to normalise.
const PLAIN = new RegExp(`^(?! )[\\x20-\\x7E]{1,${LABEL_LIMITS.length}}(?<! )$`);
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
  const hex = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = c === 0xfffd ? 'U+FFFD, the replacement character left by a bad text decoding' : c >= 0xd800 && c <= 0xdfff ? `a lone UTF-16 surrogate ${hex} (half a character)` : c >= 0xfffe ? `the non-character ${hex}` : `the control character ${hex}`;
  return `${quoteLabel(label)} holds ${name} (position ${bad.index + 1}); remove it`;
}

/** The result of {@link normaliseLabels}: levels in NFC (same order), or the first problem. */
export type NormalisedLabels = { readonly levels: readonly string[]; readonly problem: null } | { readonly levels: null; readonly problem: string; /** Index of the label refused (the second of two twins). */ readonly index: number };

/**
 * Applies the label policy to a column's distinct levels: returns them in NFC (same order, so codes
 * stay valid), or the first problem as a phrase for the caller to prefix with its file and column.
 * O(levels): one Map lookup per level. `maxLevels` bounds the number of levels (Infinity for
 * columns that are not groups, such as ids).
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
  // One key per label: NFC, invisible characters removed, trimmed. Printable ASCII without edge
  // spaces is its own key, so a column of a million plain ids costs one regex test and one Map entry each.
  const byKey = new Map<string, string>();
  for (let i = 0; i < levels.length; i++) {
    const raw = levels[i]!;
    const plain = PLAIN.test(raw);
    const problem = plain ? null : labelProblem(raw);
    if (problem) return { levels: null, problem: `${noun} ${problem}`, index: i };
    const nfc = plain ? raw : raw.normalize('NFC');
    const visible = plain ? raw : nfc.replace(INVISIBLE, '');
    const key = plain ? raw : visible.trim();
    const twin = byKey.get(key);
    if (twin !== undefined) {
      const pair = `${noun}s ${quoteLabel(twin)} and ${quoteLabel(raw)}`;
      const problem =
        twin === raw
          ? `${noun} ${quoteLabel(raw)} appears twice`
          : twin.normalize('NFC') === nfc
            ? `${pair} are the same text in different Unicode forms (NFC and NFD); write them the same way`
            : twin.normalize('NFC').replace(INVISIBLE, '') === visible
              ? `${pair} differ only by invisible characters (zero-width or bidi controls); write them the same way`
              : `${pair} differ only by spaces; write them the same way`;
      return { levels: null, problem, index: i };
    }
    byKey.set(key, raw);
    out[i] = nfc;
  }
  return { levels: out, problem: null };
}
