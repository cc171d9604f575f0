import { DisparateError } from '../../harness/errors/index.js';
import { formatZodIssue } from '../../harness/config/index.js';
import { PackFigure, type Pack } from './pack.js';

/**
 * Refuses a pack whose figures do not validate against {@link PackFigure} (a figure without a class,
 * an input or informative figure without its note) or repeat an id. Packs are code shipped with the
 * tool, so a bad one is an internal error, named by pack, figure and field.
 *
 * @example checkPack(rotterdamPack) // returns the pack, or throws DisparateError('internal', 'pack rotterdam: figures.3 (share_women).class: …')
 */
export function checkPack(pack: Pack): Pack {
  const seen = new Set<string>();
  pack.figures.forEach((figure, i) => {
    const id = typeof figure?.id === 'string' ? figure.id : '?';
    const parsed = PackFigure.safeParse(figure);
    if (!parsed.success) throw new DisparateError('internal', `pack ${pack.id}: figures.${i} (${id}).${formatZodIssue(parsed.error.issues[0]!)}`);
    if (seen.has(id)) throw new DisparateError('internal', `pack ${pack.id}: figures.${i}: id "${id}" is used twice`);
    seen.add(id);
  });
  return pack;
}
