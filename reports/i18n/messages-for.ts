import { EN, type Messages } from './en.js';
import { FR } from './fr.js';
import { NL } from './nl.js';
import type { Lang } from './locale-number.js';

const CATALOGUES: Record<Lang, Messages> = { en: EN, fr: FR, nl: NL };

/** The catalogue of a report language. @example messagesFor('fr').findingsHeading // "Ce que l’audit a constaté" */
export function messagesFor(lang: Lang = 'en'): Messages {
  return CATALOGUES[lang];
}
