export type { Interval, IntervalMethod } from './interval.js';
export { clopperPearsonInterval } from './clopper-pearson.js';
export { katzLogInterval, logRatioStandardError } from './katz-log.js';
export { koopmanInterval, koopmanLowerLimit, koopmanStatistic } from './koopman.js';
export { newcombeInterval } from './newcombe.js';
export { tangoConstrainedDiscordant, tangoPairedDifferenceInterval, tangoPairedStatistic } from './tango-paired.js';
export { wilsonInterval } from './wilson.js';
export { zCritical } from './z-critical.js';
export { meanDifferenceInterval, meanInterval, meanRatioInterval, summariseMean, type MeanSummary } from './mean.js';
