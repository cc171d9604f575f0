/**
 * Colour-blind-safe colours (Okabe & Ito, 2008). Verdicts are also given a symbol, a word and a
 * point shape, so no report conveys a verdict by colour alone.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  grey: '#999999',
} as const;

/** Verdict (or "no check") → colour, symbol and Vega point shape. */
export const VERDICT_STYLE = {
  pass: { colour: OKABE_ITO.blue, symbol: '✓', shape: 'circle' },
  fail: { colour: OKABE_ITO.vermillion, symbol: '✗', shape: 'cross' },
  inconclusive: { colour: OKABE_ITO.orange, symbol: '?', shape: 'diamond' },
  'no check': { colour: OKABE_ITO.grey, symbol: '–', shape: 'square' },
} as const;

/** A key of {@link VERDICT_STYLE}. */
export type VerdictKey = keyof typeof VERDICT_STYLE;
