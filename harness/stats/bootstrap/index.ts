export { bcaInterval, type BcaFailure } from './bca-interval.js';
export { bootstrapCounts, type BootstrapSettings } from './bootstrap-counts.js';
export { bootstrapInterval, type BootstrapFallback, type BootstrapInterval, type BootstrapIntervalInput } from './bootstrap-interval.js';
export { jackknifeAcceleration } from './jackknife-acceleration.js';
export { logFactorial } from './log-factorial.js';
export { percentileInterval } from './percentile-interval.js';
export { sampleBinomial } from './sample-binomial.js';
export { sampleMultinomial } from './sample-multinomial.js';
export { uniformStream } from './uniform-stream.js';
