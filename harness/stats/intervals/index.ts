export type { Interval, IntervalMethod } from './interval.js';
export { katzLogInterval, logRatioStandardError } from './katz-log.js';
export { newcombeInterval } from './newcombe.js';
export { wilsonInterval } from './wilson.js';
export { zCritical } from './z-critical.js';
