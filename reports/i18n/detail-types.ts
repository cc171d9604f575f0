/**
 * The data the detail sentences are written from: the sentence builders of reports/shared decide
 * which case applies and compute the numbers (in English format); each catalogue puts the case in
 * its own words and its numbers in its own format.
 */

/** Why a comparison states no direction. */
export interface Tail {
  /** The point estimate is exactly parity ("and", not "but"). */
  equal: boolean;
  why: 'parity' | 'untested' | 'no interval';
}

/** Who is compared with whom on which metric; `flagged`: the metric is the selection rate (being flagged). */
interface Subject {
  /** The group with the unit noun, at the start of a sentence ("Households with nationality non-EU"). */
  who: string;
  /** The reference group's name in words, null when unknown; against everyone else, the catalogue's `restName`. */
  reference: string | null;
  /**
   * The unit noun in the language ("households") when the reference is everyone not in the group
   * (reference: overall, recorded as "(rest)"), else null: the sentence names "all other households",
   * never "the reference group".
   */
  rest: string | null;
  /** Metric id of the comparison (selection_rate_ratio) and of what it compares (selection_rate). */
  metric: string;
  base: string;
  flagged: boolean;
}

/** The main clause of a comparison sentence, by case. Numbers are in English format. */
export type Clause =
  | (Subject & { kind: 'withheld'; k: string })
  | (Subject & { kind: 'unbounded-parity'; level: string; lower: string })
  | (Subject & { kind: 'unbounded'; lower: string })
  | (Subject & { kind: 'not-estimated' })
  | (Subject & { kind: 'statistic'; value: string })
  | (Subject & { kind: 'direction'; higher: boolean; size: { kind: 'difference' | 'times'; value: string } | { kind: 'zero' } })
  | (Subject & { kind: 'zero'; groupRate: string; referenceRate: string; tail: Tail })
  | (Subject & { kind: 'ratio' | 'same' | 'differs'; value: string; tail: Tail });

/** A rate with its counts, English format: value "17.6 %", counts null when results carry none. */
export interface RateText {
  value: string;
  numerator: string | null;
  denominator: string | null;
  zero: boolean;
}

/** A tolerance as the sentence cites it. */
export interface ToleranceText {
  bounds: string;
  battery: boolean;
  source: string | null;
  /** The source's short name when it was cited in full above, else null. */
  short: string | null;
}
