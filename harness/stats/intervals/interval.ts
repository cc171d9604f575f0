/** A two-sided interval with the name of the method that produced it. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly method: IntervalMethod;
}

export type IntervalMethod = 'wilson' | 'katz-log' | 'newcombe-hybrid-score';
