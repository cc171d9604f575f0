/** A statistical method in words (English): what it is called in prose and where it comes from. */
export interface MethodName {
  /** Plain-English name, lower-case unless it starts with a proper name. */
  name: string;
  /** Short citation (author year); null for a textbook construction. */
  reference: string | null;
}

/**
 * Every method id that results.json can carry (`method` of a metric or check, `p_method`,
 * `manifest.correction`), as data. Reports name methods only through {@link methodName} and
 * {@link methodProse}, so an id never leaks into a sentence unless it is unknown here.
 */
export const METHOD_NAMES: Readonly<Record<string, MethodName>> = {
  // Intervals for a rate x / n.
  wilson: { name: 'Wilson score interval', reference: 'Wilson 1927' },
  'clopper-pearson': { name: 'Clopper–Pearson exact interval', reference: 'Clopper & Pearson 1934' },
  // Intervals for a ratio or difference of two independent rates.
  'katz-log': { name: 'Katz log interval', reference: 'Katz et al. 1978' },
  'koopman-score': { name: 'Koopman score interval', reference: 'Koopman 1984' },
  // Over-representation (share of the flagged against share of the rows): the group against everyone else, mapped.
  'katz-log-vs-rest': { name: 'Katz log interval for the group against everyone else, mapped to the shares', reference: 'Katz et al. 1978' },
  'mover-ratio-vs-rest': { name: 'MOVER interval for the group against everyone else, mapped to the shares', reference: 'Donner & Zou 2012' },
  'koopman-score-vs-rest': { name: 'Koopman score interval for the group against everyone else, mapped to the shares', reference: 'Koopman 1984' },
  'newcombe-hybrid-score': { name: 'Newcombe hybrid score interval', reference: 'Newcombe 1998' },
  'mover-ratio': { name: 'MOVER interval for a ratio from the two rate intervals', reference: 'Donner & Zou 2012' },
  'mover-difference': { name: 'MOVER interval for a difference from the two rate intervals', reference: 'Zou & Donner 2008' },
  // Paired rates (counterfactual twins).
  'tango-score-paired': { name: 'Tango score interval for a paired difference', reference: 'Tango 1998' },
  'tango-mover-paired': { name: 'MOVER interval for a difference of two paired changes, from their Tango score intervals', reference: 'Tango 1998; Zou & Donner 2008' },
  'delta-log-paired': { name: 'delta-method interval on the log scale for paired rates', reference: 'Oehlert 1992' },
  // Means.
  'normal-mean': { name: 'normal interval for a mean', reference: null },
  'normal-paired-mean': { name: 'normal interval for a paired mean difference', reference: null },
  'normal-paired': { name: 'normal interval for a paired mean difference', reference: null },
  'welch-mean-difference': { name: 'Welch interval for a difference of means', reference: 'Welch 1947' },
  'delta-log-mean-ratio': { name: 'delta-method interval for a ratio of means on the log scale', reference: 'Oehlert 1992' },
  // Score statistics.
  'dkw-band': { name: 'Dvoretzky–Kiefer–Wolfowitz band', reference: 'Dvoretzky, Kiefer & Wolfowitz 1956; Massart 1990' },
  delong: { name: 'DeLong interval for the AUC', reference: 'DeLong et al. 1988' },
  'delong-logit': { name: 'DeLong interval for the AUC on the logit scale', reference: 'DeLong et al. 1988' },
  'delong-logit-wald-difference': { name: 'Wald interval for a difference of AUCs from DeLong standard errors', reference: 'DeLong et al. 1988' },
  'byar-poisson': { name: "Byar's approximation to the exact Poisson interval", reference: 'Breslow & Day 1987' },
  'delta-multinomial': { name: 'delta-method interval from the multinomial counts', reference: 'Oehlert 1992' },
  'delta-log-multinomial': { name: 'delta-method interval on the log scale from the multinomial counts', reference: 'Oehlert 1992' },
  // Selective labels (random audit + flagged cases): design-based, see harness/stats/distribution/design-delta-se.ts.
  'design-delta-log': { name: 'design-based delta-method interval on the log scale (random audit as a simple random sample, finite-population correction)', reference: 'Cochran 1977; Oehlert 1992' },
  'design-delta-logit': { name: 'design-based delta-method interval on the logit scale (random audit as a simple random sample, finite-population correction)', reference: 'Cochran 1977; Oehlert 1992' },
  census: { name: 'exact figure, no sampling error: every flagged case was investigated', reference: null },
  'bootstrap-percentile': { name: 'percentile bootstrap interval', reference: 'Efron & Tibshirani 1993' },
  'bootstrap-bca': { name: 'bias-corrected and accelerated (BCa) bootstrap interval', reference: 'Efron 1987' },
  'multinomial-counts': { name: 'multinomial bootstrap of the cell counts', reference: 'Efron & Tibshirani 1993' },
  // Tests behind p-values.
  'fisher-exact': { name: "Fisher's exact test", reference: 'Fisher 1935' },
  'design-wald-log': { name: 'design-based Wald test of the log ratio (random audit as a simple random sample)', reference: 'Cochran 1977' },
  'wald-log-ratio': { name: 'Wald test of the log ratio', reference: 'Katz et al. 1978' },
  'pearson-score': { name: "Pearson's score test", reference: 'Koopman 1984' },
  'pooled-z': { name: 'pooled z-test of two proportions', reference: null },
  'welch-z': { name: "Welch's z-test of equal means", reference: 'Welch 1947' },
  'tost-log-ratio': { name: 'two one-sided tests on the log ratio', reference: 'Schuirmann 1987' },
  'tost-wald-difference': { name: 'two one-sided Wald tests on the difference', reference: 'Schuirmann 1987' },
  'interval-inversion': { name: "inversion of the check's own interval (the smallest error at which it lies outside or inside the tolerance)", reference: null },
  // Multiple-testing corrections.
  holm: { name: "Holm's step-down procedure", reference: 'Holm 1979' },
  bonferroni: { name: 'Bonferroni correction', reference: null },
  'benjamini-hochberg': { name: 'Benjamini–Hochberg false-discovery-rate procedure', reference: 'Benjamini & Hochberg 1995' },
  none: { name: 'no correction', reference: null },
};

/** A method's plain-English name; an unknown id is returned as it is. @example methodName('katz-log') // "Katz log interval" */
export function methodName(id: string): string {
  const rescaled = /^(.*), rescaled$/.exec(id);
  if (rescaled) return `${methodName(rescaled[1]!)}, carried to the family level by a normal approximation`;
  return METHOD_NAMES[id]?.name ?? id;
}

/**
 * A method's name with its citation, for prose; an unknown id is returned as it is.
 * @example methodProse('katz-log') // "Katz log interval (Katz et al. 1978)"
 */
export function methodProse(id: string): string {
  const m = METHOD_NAMES[id];
  if (m === undefined) return id;
  return m.reference === null ? m.name : `${m.name} (${m.reference})`;
}
