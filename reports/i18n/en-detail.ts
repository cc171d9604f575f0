import type { Clause, RateText, Tail, ToleranceText } from './detail-types.js';
import { METHOD_NAMES, methodProse } from './en-methods.js';

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);
const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
/** Words and initialisms that start with a vowel letter but a consonant sound ("a unit", "a one-off", "a EU rule"). */
const CONSONANT_SOUND = /^(uni|use|usu|ure|uti|one|once|eu)/i;
/** A noun phrase with "a" or "an" by its first sound (an initialism such as FPR is spoken "an F-P-R"). */
const withArticle = (phrase: string): string =>
  `${(/^[aeiou]/i.test(phrase) && !CONSONANT_SOUND.test(phrase)) || /^[FHLMNRSX][A-Z0-9]*\b/.test(phrase) ? 'an' : 'a'} ${phrase}`;

/** A metric id in words: in English, the id with spaces. */
const metric = (id: string): string => id.replace(/_/g, ' ');
/** The reference in a clause: "the reference group French", or against everyone else "all other households". */
const ref = (c: Clause): string => (c.rest !== null ? restName(c.rest) : `the reference group ${c.reference ?? '(unknown)'}`);
/** Everyone not in the group (the reference "(rest)"), in a sentence. */
const restName = (unit: string): string => `all other ${unit}`;
const tailText = (t: Tail): string =>
  `${t.equal ? 'and' : 'but'} ${t.why === 'parity' ? 'the interval includes parity' : t.why === 'untested' ? 'no check of the battery tests it' : 'no interval could be estimated'}, so no direction is established`;
const rate = (r: RateText): string =>
  r.numerator === null || r.denominator === null ? r.value : r.zero ? `${r.numerator} of ${r.denominator}` : `${r.value} = ${r.numerator} of ${r.denominator}`;

/**
 * The English words of the report's detail: the per-check sentences, tables, methods, provenance,
 * reproduction, charts, warnings and the terminal's check lines. Typed as the other languages'
 * shape ({@link Messages} `['detail']`), so a key missing in French or Dutch is a compile error.
 */
export const EN_DETAIL = {
  /** The separator between the parts of a bracket or a list of notes. */
  semicolon: '; ',
  /** A figure withheld for privacy. */
  withheld: 'withheld',
  /** A metric id in words. @example metric('false_positive_rate_ratio') // "false positive rate ratio" */
  metric,
  /**
   * A method id named in prose with its reference and article: "the Wilson score interval (Wilson
   * 1927)", "Fisher's exact test (Fisher 1935)" (a possessive name takes none); null for an unknown id.
   */
  method: (id: string): string | null => {
    const known = METHOD_NAMES[id];
    return known === undefined ? null : /^\S+'s\s/.test(known.name) ? methodProse(id) : `the ${methodProse(id)}`;
  },
  /** A multiple-comparison correction id as printed beside a p-value. */
  correction: (id: string): string => id,
  /** Where a setting came from: a battery, the command line, the default. */
  origin: (origin: string): string => origin,

  // --- the sentences of "every check in words" ---
  /** A group in words: "attribute value" pairs. */
  group: (pairs: readonly (readonly [string, string])[]): string => pairs.map(([a, v]) => `${a} ${v}`).join(' and '),
  /** The group with the unit noun at the start of a sentence. */
  who: (unit: string, group: string): string => `${unit.charAt(0).toUpperCase()}${unit.slice(1)} with ${group}`,
  clause(c: Clause): string {
    const who = c.who;
    const r = ref(c);
    const label = metric(c.base);
    switch (c.kind) {
      case 'withheld':
        return `${who}: the ${metric(c.metric)} against ${r} is withheld because a count behind it is below ${c.k} (privacy)`;
      case 'unbounded-parity':
        return `${who}: the ${metric(c.metric)} against ${r} is unbounded (none of ${r} ${c.flagged ? 'is flagged' : `has a non-zero ${label}`}), but its lower ${c.level} limit ${c.lower} includes parity, so no direction is established`;
      case 'unbounded': {
        const times = `at least ${c.lower} times as ${c.flagged ? 'often' : 'high'} (the ratio is unbounded: none of ${r} ${c.flagged ? 'is flagged' : `has a non-zero ${label}`})`;
        return c.flagged ? `${who} are flagged more often than ${r}: ${times}` : `${who} have a higher ${label} than ${r}: ${times}`;
      }
      case 'not-estimated':
        return `${who}: the ${metric(c.metric)} against ${r} could not be estimated (a zero count), so its direction is unknown`;
      case 'statistic':
        return `${who} have ${withArticle(metric(c.metric))} of ${c.value}`;
      case 'direction': {
        const size = c.size.kind === 'difference' ? `a difference of ${c.size.value}` : c.size.kind === 'zero' ? (c.flagged ? 'never' : 'zero') : `${c.size.value} times as ${c.flagged ? 'often' : 'high'}`;
        return c.flagged
          ? `${who} are flagged ${c.higher ? 'more' : 'less'} often than ${r}: ${size}`
          : `${who} have a ${c.higher ? 'higher' : 'lower'} ${label} than ${r}: ${size}`;
      }
      case 'zero': {
        const against = `against ${c.referenceRate} for ${r}`;
        return c.flagged
          ? `${who} are never flagged (${c.groupRate}), ${against}, ${tailText(c.tail)}`
          : `${who} have ${withArticle(label)} of zero (${c.groupRate}), ${against}, ${tailText(c.tail)}`;
      }
      case 'ratio':
        return c.flagged ? `${who} are flagged ${c.value} times as often as ${r}, ${tailText(c.tail)}` : `${who} have ${withArticle(label)} ${c.value} times that of ${r}, ${tailText(c.tail)}`;
      case 'same':
        return c.flagged ? `${who} are flagged at the same rate as ${r} (${c.value}), ${tailText(c.tail)}` : `${who} have the same ${label} as ${r} (${c.value}), ${tailText(c.tail)}`;
      case 'differs':
        return c.flagged
          ? `${who} are flagged at a rate that differs from that of ${r} by ${c.value}, ${tailText(c.tail)}`
          : `${who} have ${withArticle(label)} that differs from that of ${r} by ${c.value}, ${tailText(c.tail)}`;
    }
  },
  /** "17.6 % = 2,101 of 11,940" — a rate with its counts. */
  rate,
  /** Everyone not in the group (reference: overall, recorded as "(rest)") where a sentence names its reference: "all other households". */
  restName,
  /** The two rates a comparison rests on. */
  rates: (group: RateText, reference: RateText, name: string): string => `${rate(group)}, against ${rate(reference)} for ${name}`,
  ciWithheld: (level: string): string => `${level} CI withheld`,
  ciUnbounded: (level: string, lower: string): string => `lower ${level} limit ${lower}, upper unbounded`,
  ci: (level: string, interval: string): string => `${level} CI ${interval}`,
  tolerance: (t: ToleranceText | null): string =>
    t === null
      ? 'no tolerance set for this comparison'
      : `tolerance ${t.bounds} ${t.battery ? 'per the battery' : 'by default'}, ${t.source === null ? 'no source cited' : t.short !== null ? `source: ${t.short}, cited in full above` : `source: ${t.source}`}`,
  /** The verdict at the end of a check's sentence. */
  verdictEnd: (verdict: 'pass' | 'fail' | 'inconclusive'): string => `: ${verdict}.`,
  smallCell: (minCell: string): string => ` This is a small cell (n < ${minCell}): the estimate is unreliable.`,
  unstable: (cases: number, count: string): string => ` The reference group's rate rests on ${count} ${plural(cases, 'case', 'cases')}: the ratio is unstable; read the difference in points.`,
  /** The first sentence of "every check in words". */
  overall: (s: { verdict: 'pass' | 'fail' | 'inconclusive'; pass: number; fail: number; inconclusive: number }): string => {
    const total = s.pass + s.fail + s.inconclusive;
    return total === 0
      ? 'No checks were configured; the figures below are descriptive only.'
      : `Overall verdict: ${s.verdict}. Of ${total} ${plural(total, 'check', 'checks')}, ${s.fail} failed, ${s.inconclusive} ${plural(s.inconclusive, 'was', 'were')} inconclusive and ${s.pass} passed.`;
  },
  /** The largest disparity of an attribute, before its sentence (continued in lower case). */
  largest: (attribute: string, checked: boolean, sentence: string): string =>
    `Largest selection-rate disparity by ${attribute} (${checked
      ? 'the ratio farthest from 1; its interval holds jointly with every other check, so picking it after the fact does not weaken it'
      : 'the ratio farthest from 1; no check covers it, so it is described, not judged'}): ${sentence}`,
  /** An intersection's cells that fail or are inconclusive, and the strongest one's sentence. */
  cells: (c: { failing: number; cells: number; attribute: string; check: string; inconclusive: number; strongest: string }): string =>
    `${c.failing} of ${c.cells} cells of ${c.attribute} ${plural(c.failing, 'fails', 'fail')} check ${c.check} and ${c.inconclusive} ${plural(c.inconclusive, 'is', 'are')} inconclusive (every cell is in the verdict table). Strongest: ${c.strongest}`,

  list,
};
