import { DisparateError } from '../errors/index.js';
import type { Manifest } from '../results/index.js';
import type { Correction } from '../stats/index.js';
import { checkPartInvariants } from './check-part-invariants.js';
import type { MergeInput } from './merge-results.js';

/** What the parts of one population must share, each with the reason given when they do not. */
const SHARED: readonly { field: string; get: (m: Manifest) => unknown; why: string }[] = [
  { field: 'manifest.mode', get: (m) => m.mode, why: 'synthetic runs and audits of recorded decisions do not add up' },
  { field: 'manifest.protected', get: (m) => m.protected.join(', '), why: 'groups are matched by attribute' },
  { field: 'manifest.alpha', get: (m) => m.alpha, why: 'intervals and checks are at one level' },
  { field: 'manifest.correction', get: (m) => m.correction, why: 'the checks form one family' },
  { field: 'manifest.min_cell', get: (m) => m.min_cell, why: 'small cells are judged by one threshold' },
  { field: 'manifest.model.hash', get: (m) => m.model?.hash ?? 'none', why: 'the parts must be scored by the same model' },
  { field: 'manifest.decision', get: (m) => m.decision, why: 'the parts must be decided by the same rule' },
  { field: 'manifest.battery_hash', get: (m) => m.battery_hash ?? 'none', why: 'the parts must be audited by the same battery' },
  { field: 'manifest.checks', get: (m) => JSON.stringify(m.checks ?? null), why: 'the merged battery re-evaluates one set of checks' },
  { field: 'manifest.intersections', get: (m) => m.intersections ?? 'unknown', why: 'intersection cells are summed only when every part formed the same ones' },
  { field: 'manifest.inconclusive', get: (m) => m.inconclusive ?? 'fail', why: 'the exit status of inconclusive checks must be one' },
  { field: 'manifest.population (spec)', get: (m) => (isSpec(m) ? m.population!.hash : 'not a spec'), why: 'synthetic parts must be drawn from one population spec' },
];

/** A synthetic run: its population is a spec (YAML), whose rows depend only on seed and row index. */
function isSpec(m: Manifest): boolean {
  return m.mode === 'run' && m.population !== null && /\.ya?ml$/i.test(m.population.file);
}

const CORRECTIONS: readonly string[] = ['holm', 'bonferroni', 'benjamini-hochberg', 'none'] satisfies readonly Correction[];

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : String(v));

/** The run an input comes from: its data (or population) hash, seed and rows; null when it names none. */
function runKey(m: Manifest): { field: string; key: string } | null {
  // Two runs of one spec with one seed share their first rows whatever their sizes: the seed is the part.
  if (isSpec(m)) return { field: 'manifest.seed', key: `${m.population!.hash}\u0000${m.seed}` };
  const source = m.data ? { field: 'manifest.data.hash', hash: m.data.hash } : m.population ? { field: 'manifest.population.hash', hash: m.population.hash } : null;
  return source ? { field: source.field, key: `${source.hash}\u0000${m.seed}\u0000${m.rows}` } : null;
}

/**
 * What a results.json must satisfy for its counts to be added: the checks it declared are recorded
 * (results of this version), counts are non-negative integers that fit inside each other, no group
 * appears twice, every attribute is a protected one or their intersection, and each protected
 * attribute's groups add up to the rows.
 */
function checkCounts(input: MergeInput): void {
  const { file, results } = input;
  const m = results.manifest;
  if (!m.checks) throw new DisparateError('data', `${file}: manifest.checks: missing (written by an earlier version of disparate); rerun that part to merge it`);
  const bad = (field: string, what: string) => new DisparateError('data', `${file}: ${field}: ${what}`);
  const seen = new Set<string>();
  const sums = new Map<string, number>();
  const allowed = new Set([...m.protected]);
  results.groups.forEach((g, i) => {
    const at = `groups.${i}`;
    if (!allowed.has(g.attribute) && !g.attribute.split('×').every((a) => allowed.has(a))) throw bad(`${at}.attribute`, `"${g.attribute}" is not a protected attribute or an intersection of them`);
    const key = `${g.attribute}\u0000${g.group}`;
    if (seen.has(key)) throw bad(`${at}.group`, `${g.attribute} = ${g.group} appears twice`);
    seen.add(key);
    const counts = { n: g.n, flagged: g.flagged, labelled: g.labelled, tp: g.tp, fp: g.fp, tn: g.tn, fn: g.fn };
    for (const [name, v] of Object.entries(counts)) {
      if (v !== null && !(Number.isFinite(v) && v >= 0)) throw bad(`${at}.${name}`, `${v} is not a count`);
      // Past 2^53 − 1 a count is rounded, and a sum of parts would be wrong without a word.
      if (v !== null && !Number.isSafeInteger(v)) throw bad(`${at}.${name}`, `${v} is not a count held exactly (at most 2^53 − 1)`);
    }
    if (g.flagged > g.n || g.labelled > g.n) throw bad(`${at}.flagged`, `more flagged (${g.flagged}) or labelled (${g.labelled}) than members (${g.n})`);
    if (g.tp !== null && (g.tp ?? 0) + (g.fp ?? 0) + (g.tn ?? 0) + (g.fn ?? 0) > g.n) throw bad(`${at}.tp`, `tp + fp + tn + fn exceeds n (${g.n})`);
    for (const [id, v] of Object.entries(g.metrics)) {
      if (v.denominator != null && v.denominator > 0 && v.numerator == null) throw bad(`${at}.metrics.${id}.numerator`, 'missing beside a positive denominator');
    }
    if (m.protected.includes(g.attribute)) sums.set(g.attribute, (sums.get(g.attribute) ?? 0) + g.n);
  });
  // Wide data: every attribute's groups hold every row. Long data (one attribute per row): together they do.
  const totals = m.protected.map((a) => sums.get(a) ?? 0);
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, m.rows);
  const wide = totals.every((t) => near(t, m.rows));
  const long = near(totals.reduce((a, b) => a + b, 0), m.rows);
  if (!wide && !long) throw bad('groups', `the groups add up to ${totals.map((t, i) => `${t} rows for ${m.protected[i]}`).join(', ')}, but manifest.rows says ${m.rows}`);
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
      if (a !== b) throw new DisparateError('data', `${input.file}: ${field}: differs between the inputs (${show(a)} in ${first.file}, ${show(b)} in ${input.file}); ${why}`);
    }
  }
  for (const input of inputs) {
    checkCounts(input);
    checkPartInvariants(input);
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
