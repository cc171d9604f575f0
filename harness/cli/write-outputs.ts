import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DisparateError } from '../errors/index.js';

/** The one artefact writer: puts every file of a report into `dir`. */
export function writeOutputs(dir: string, files: ReadonlyMap<string, string | Uint8Array>): string[] {
  try {
    mkdirSync(dir, { recursive: true });
    const written: string[] = [];
    for (const [name, content] of files) {
      const path = join(dir, name);
      writeFileSync(path, content);
      written.push(path);
    }
    return written;
  } catch (e) {
    throw new DisparateError('usage', `${dir}: cannot write the report (${(e as Error).message})`);
  }
}
