/** Words and initialisms that start with a vowel letter but a consonant sound ("a unit", "a one-off", "a EU rule"). */
const CONSONANT_SOUND = /^(uni|use|usu|ure|uti|one|once|eu)/i;
/** Initialisms whose first letter is spoken with a vowel sound ("an FPR", "an MSE"); an initialism is all capitals. */
const VOWEL_LETTER = /^[FHLMNRSX][A-Z0-9]*\b/;

/**
 * A noun phrase with its indefinite article, "a" or "an" by its first sound.
 * @example withArticle('equal burden') // "an equal burden"
 * @example withArticle('false positive rate') // "a false positive rate"
 */
export function withArticle(phrase: string): string {
  const an = (/^[aeiou]/i.test(phrase) && !CONSONANT_SOUND.test(phrase)) || VOWEL_LETTER.test(phrase);
  return `${an ? 'an' : 'a'} ${phrase}`;
}
