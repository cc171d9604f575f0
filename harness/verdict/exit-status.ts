import { EXIT } from '../errors/index.js';
import type { Results } from '../results/index.js';

/** The exit code a finished battery earns: 0 pass, 1 fail (or inconclusive unless the battery says pass). */
export function exitStatus(summary: Results['summary'], inconclusive: 'fail' | 'pass'): number {
  if (summary.verdict === 'fail') return EXIT.fail;
  if (summary.verdict === 'inconclusive') return inconclusive === 'pass' ? EXIT.pass : EXIT.fail;
  return EXIT.pass;
}
