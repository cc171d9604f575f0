/** A two-sided interval with the name of the method that produced it. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly method: IntervalMethod;
}

export type IntervalMethod =
  | 'wilson'
  | 'clopper-pearson'
  | 'katz-log'
  | 'koopman-score'
  | 'newcombe-hybrid-score'
  | 'mover-ratio'
  | 'mover-difference'
  | 'tango-score-paired'
  | 'normal-mean'
  | 'welch-mean-difference'
  | 'delta-log-mean-ratio'
  | 'bootstrap-percentile'
  | 'bootstrap-bca'
  | 'dkw-band'
  | 'delong-logit'
  | 'delong-logit-wald-difference'
  | 'byar-poisson'
  | 'delta-log-multinomial'
  | 'delta-multinomial'
  | 'delong';
