export { aucInterval, binnedAuc, type BinnedAuc } from './binned-auc.js';
export { byarRatioInterval } from './byar-poisson.js';
export { cramersV } from './cramers-v.js';
export { dkwEpsilon } from './dkw.js';
export { designDeltaSe, type DesignSamples } from './design-delta-se.js';
export { multinomialDeltaSe } from './multinomial-delta.js';
