import { DisparateError } from '../errors/index.js';
import type { Manifest } from '../results/index.js';
import type { Correction } from '../stats/index.js';
import type { MergeInput } from './merge-results.js';

/** What the parts of one population must share, each with the reason given when they do not. */
const SHARED: readonly { field: string; get: (m: Manifest) => unknown; why: string }[] = [
  { field: 'manifest.mode', get: (m) => m.mode, why: 'synthetic runs and audits of recorded decisions do not add up' },
  { field: 'manifest.protected', get: (m) => m.protected.join(', '), why: 'groups are matched by attribute' },
  { field: 'manifest.alpha', get: (m) => m.alpha, why: 'intervals and checks are at one level' },
  { field: 'manifest.correction', get: (m) => m.correction, why: 'the checks form one family' },
  { field: 'manifest.min_cell', get: (m) => m.min_cell, why: 'small cells are judged by one threshold' },
  { field: 'manifest.model.hash', get: (m) => m.model?.hash ?? 'none', why: 'the parts must be scored by the same model' },
];

const CORRECTIONS: readonly string[] = ['holm', 'bonferroni', 'benjamini-hochberg', 'none'] satisfies readonly Correction[];

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : String(v));

/** The run an input comes from: its data (or population) hash, seed and rows; null when it names none. */
function runKey(m: Manifest): { field: string; key: string } | null {
  const source = m.data ? { field: 'manifest.data.hash', hash: m.data.hash } : m.population ? { field: 'manifest.population.hash', hash: m.population.hash } : null;
  return source ? { field: source.field, key: `${source.hash}\u0000${m.seed}\u0000${m.rows}` } : null;
}

/**
 * Refuses inputs that cannot be merged as parts of one population, with a data error naming the
 * later file and the field: fewer than two inputs (a usage error); a different mode, protected
 * attributes, alpha, correction, min_cell or model; a reference group set explicitly (battery or
 * --reference) to another group; or the same run twice (same data or population hash, seed and
 * rows, or the same file), which would count its rows twice. The checks are compared by
 * {@link recoverChecks}.
 *
 * @example checkMergeable([{ file: 'a.json', results: a }, { file: 'b.json', results: b }]) // throws or returns
 */
export function checkMergeable(inputs: readonly MergeInput[]): void {
  if (inputs.length < 2) {
    throw new DisparateError('usage', `merge ${inputs.map((i) => i.file).join(' ')}: give at least two results.json files, one per part of the population (got ${inputs.length})`);
  }
  const first = inputs[0]!;
  const { correction } = first.results.manifest;
  if (!CORRECTIONS.includes(correction)) throw new DisparateError('data', `${first.file}: manifest.correction: "${correction}" is not one of ${CORRECTIONS.join(', ')}`);
  for (const input of inputs.slice(1)) {
    for (const { field, get, why } of SHARED) {
      const [a, b] = [get(first.results.manifest), get(input.results.manifest)];
      if (a !== b) throw new DisparateError('data', `${input.file}: ${field}: ${show(b)} differs from ${show(a)} in ${first.file}; ${why}`);
    }
  }
  const named = new Map<string, { group: string; file: string }>();
  for (const input of inputs) {
    for (const [attribute, ref] of Object.entries(input.results.manifest.references)) {
      if (ref.origin === 'default') continue;
      const seen = named.get(attribute);
      if (seen && seen.group !== ref.group) {
        throw new DisparateError('data', `${input.file}: manifest.references.${attribute}: reference "${ref.group}" (${ref.origin}) differs from "${seen.group}" set in ${seen.file}; ratios and differences must compare with one group`);
      }
      if (!seen) named.set(attribute, { group: ref.group, file: input.file });
    }
  }
  inputs.forEach((input, j) => {
    const mine = runKey(input.results.manifest);
    for (const other of inputs.slice(0, j)) {
      const theirs = runKey(other.results.manifest);
      const sameRun = mine !== null && theirs !== null && mine.key === theirs.key;
      if (sameRun || (input.hash !== undefined && input.hash === other.hash)) {
        const [field, what] = sameRun ? [mine.field, 'same hash, seed and rows'] : ['file', 'identical file'];
        throw new DisparateError('data', `${input.file}: ${field}: the same run as ${other.file} (${what}); merging it would count its rows twice`);
      }
    }
  });
}
