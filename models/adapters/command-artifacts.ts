import { statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { CommandModel } from '../../harness/config/index.js';

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The files a command model reads, to be hashed with its descriptor: the program and every argument
 * that name an existing file in or below the model file's folder (the script; an interpreter on PATH
 * or elsewhere is not the model's), then each file listed under `artifacts` (weights, pickles), in order.
 * Paths are absolute; a listed artefact that does not exist is left for the caller to refuse.
 *
 * @example commandArtifacts({ command: ['python3', 'score.py'], artifacts: ['model.pkl'], … }, 'm/model.json') // ['/…/m/score.py', '/…/m/model.pkl']
 */
export function commandArtifacts(model: CommandModel, file: string): { code: string[]; listed: string[] } {
  const cwd = dirname(resolve(file));
  const [program, ...args] = model.command as [string, ...string[]];
  // Only files beside the model: an interpreter (/usr/bin/python3, node) is the platform, not the model.
  const beside = (path: string) => {
    const rel = relative(cwd, path);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && isFile(path);
  };
  const code: string[] = [];
  for (const arg of [program, ...args]) {
    const path = resolve(cwd, arg);
    if (!arg.startsWith('-') && beside(path) && !code.includes(path)) code.push(path);
  }
  return { code, listed: model.artifacts.map((a) => resolve(cwd, a)) };
}
