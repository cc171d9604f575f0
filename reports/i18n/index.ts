/** The report's words in each language: one catalogue per language, typed against the English one. */
export { EN, countText, upper, type Messages, type RatePhrase, type VerdictCounts } from './en.js';
export { FR } from './fr.js';
export { NL } from './nl.js';
export { LANGS, localNumber, type Lang } from './locale-number.js';
export { messagesFor } from './messages-for.js';
export type { Clause, RateText, Tail, ToleranceText } from './detail-types.js';
export { METHOD_NAMES, methodName, methodProse, type MethodName } from './en-methods.js';
