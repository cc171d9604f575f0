import { EN } from '../i18n/index.js';

export type { RatePhrase, VerdictCounts } from '../i18n/index.js';

/**
 * Every sentence of the English front page: the English catalogue, kept under its old name for the
 * callers that write English only. Other languages: `messagesFor(lang)`.
 */
export const FRONT_TEXT = EN;
