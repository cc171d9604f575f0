import { join } from 'node:path';
import { packageRoot } from '../../harness/config/index.js';
import { cafPack } from './caf/pack.js';
import { dkModelAbroadPack } from './dk-model-abroad/pack.js';
import { duo2014Pack } from './duo-2014/pack.js';
import { duo2019Pack } from './duo-2019/pack.js';
import { nlChildcarePack } from './nl-childcare/pack.js';
import { rotterdamPack } from './rotterdam/pack.js';
import { rsSocialCardPack } from './rs-social-card/pack.js';
import { swedenFkPack } from './sweden-fk/pack.js';
import type { Pack } from './pack.js';

export { PackFigure, type FigureReader, type Pack } from './pack.js';
export { checkPack } from './check-pack.js';
export * from './measures.js';

/** Every bundled published-audit pack. */
export const PACKS: readonly Pack[] = [cafPack, nlChildcarePack, dkModelAbroadPack, rsSocialCardPack, swedenFkPack, rotterdamPack, duo2014Pack, duo2019Pack];

/** The folder of a pack's data files (datasets/packs/<id>/ at the package root, from sources or dist/). */
export function packDir(id: string): string {
  return join(packageRoot(), 'datasets', 'packs', id);
}
