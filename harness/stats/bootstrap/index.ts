export { bootstrapCounts, type BootstrapSettings } from './bootstrap-counts.js';
export { logFactorial } from './log-factorial.js';
export { percentileInterval } from './percentile-interval.js';
export { sampleBinomial } from './sample-binomial.js';
export { sampleMultinomial } from './sample-multinomial.js';
export { uniformStream } from './uniform-stream.js';
