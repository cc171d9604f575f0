import type { Results } from '../../harness/results/index.js';
import { shortSource } from '../../reports/shared/index.js';

/**
 * English words of the report's own frame (and their plurals or -ed, -ing forms) that a French or
 * Dutch report must not contain. Words that are also French or Dutch ("interval", "is", "of", "in",
 * "source", "ratio", "score", "population", "figure", "calibration", "estimable"; "group" against
 * "groupe") are not in the list; "none" and "no" are left out because battery codes use them
 * ("disability = none").
 */
export const ENGLISH_WORDS = [
  'the', 'and', 'with', 'than', 'against', 'between', 'among', 'every', 'only', 'which', 'where', 'would',
  'flagged', 'households', 'times as', 'check', 'verdict', 'fail', 'pass', 'inconclusive', 'tolerance', 'reference',
  'groups', 'rate', 'share', 'selection', 'published', 'reproduced', 'warning', 'withheld', 'unstable', 'not estimable',
  'interval includes', 'confidence', 'percentage points', 'small cell', 'counterfactual', 'proxies', 'title text', 'mark container',
  'threshold', 'deviation', 'matches', 'build', 'battery', 'default', 'investigated', 'error', 'false positive',
] as const;

/**
 * Every string of results.json that a person wrote or a run recorded in English and that the
 * reports quote as written: the battery's title, question and labels, the pack's figures and
 * sources, the tolerance sources, the decision rule and label provenance, file paths and the
 * command, warnings, and every code (attribute, group, check id). Longest first, so that a string
 * is cut out before any shorter one inside it.
 */
export function recordedStrings(results: Results): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      // prose and file names are recorded; a bare enum value ("fail", "battery") is the report's to word
      if (/[\s/_×.:=()-]/.test(v) || /^(attribute|group|reference|id|from|to|input|label|title|name|pack)$/.test(key)) out.add(v);
      return;
    }
    if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(results, '');
  for (const [a, l] of Object.entries(results.manifest.display_labels ?? {})) {
    out.add(a);
    if (l.label) out.add(l.label);
    for (const [code, level] of Object.entries(l.levels)) out.add(code).add(level);
  }
  // a source cited again by its short name ("Four-fifths rule, cited in full above")
  for (const c of results.checks) {
    out.add(c.id);
    if (c.source) out.add(shortSource(c.source));
  }
  return [...out].filter((s) => s.length > 1).sort((a, b) => b.length - a.length);
}

/** The text a person reads in an HTML report: tags and attribute values dropped, but aria-label values kept; entities decoded. */
export function readableHtml(html: string): string {
  const labels = [...html.matchAll(/\saria-label="([^"]*)"/g)].map((m) => m[1]).join('\n');
  const body = html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<script[\s\S]*?<\/script>/g, '')
    // a chart label Vega cut short ("base rate: errors found in the random samp…") is a recorded label that no longer matches it whole
    .replace(/<text[^>]*>[^<]*…<\/text>/g, ' ')
    .replace(/<wbr>/g, '')
    .replace(/<[^>]*>/g, ' ');
  return `${body}\n${labels}`.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Markdown as read: escapes undone. */
export function readableMarkdown(md: string): string {
  return md.replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The English words left in `text` once the recorded strings are cut out, with a little context each. */
export function englishLeft(text: string, recorded: readonly string[]): string[] {
  const rest = withoutRecorded(text, recorded);
  const found: string[] = [];
  for (const word of ENGLISH_WORDS) {
    const re = new RegExp(`(?<![\\p{L}])${word}(s|es|ed|ing)?(?![\\p{L}])`, 'giu');
    for (const m of rest.matchAll(re)) found.push(`"${word}": …${rest.slice(Math.max(0, m.index - 50), m.index + 50).replace(/\s+/g, ' ')}…`);
  }
  return found;
}

/** `text` with the recorded strings cut out, whole words only: a code such as "eu" must not cut "erreur" apart. */
export function withoutRecorded(text: string, recorded: readonly string[]): string {
  let rest = text;
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const s of recorded) rest = rest.replace(new RegExp(`(?<![\\p{L}\\p{N}_])${escape(s)}(?![\\p{L}\\p{N}_])`, 'gu'), ' ');
  return rest;
}
