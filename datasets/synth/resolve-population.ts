import type { PopulationSpec } from '../../harness/config/population-schema.js';
import { DisparateError } from '../../harness/errors/index.js';
import { streamId } from '../../harness/stats/rng/index.js';
import type { NumericDist, PopulationIssue, ResolvedLinear, ResolvedNode, ResolvedPopulation } from './resolved-population.js';

type LinearSpec = number | { base?: number | undefined; terms?: Record<string, number | Record<string, number>> | undefined };
type VariableSpec = PopulationSpec['variables'][string];

const PARAM_NAMES: Record<NumericDist, readonly string[]> = {
  normal: ['mean', 'sd'],
  lognormal: ['meanlog', 'sdlog'],
  uniform: ['min', 'max'],
  poisson: ['lambda'],
};
const POSITIVE: Record<string, string> = { sd: '> 0', sdlog: '> 0', lambda: '>= 0' };

/** Problems a schema cannot see: sums, table rows, unknown parents, cycles. Empty when the spec is sound. */
export function checkPopulationSpec(spec: PopulationSpec): PopulationIssue[] {
  return analyse(spec).issues;
}

/**
 * Checks and compiles a spec for sampling; throws `DisparateError('config', '<where>: <path>: <message>')`
 * on the first problem. `where` defaults to `population "<name>"` (loaders pass the file name).
 *
 * @example
 * const resolved = resolvePopulation(spec, 'datasets/populations/caf-households.yaml');
 */
export function resolvePopulation(spec: PopulationSpec, where = `population "${spec.name}"`): ResolvedPopulation {
  const { issues, resolved } = analyse(spec);
  const first = issues[0];
  if (first !== undefined || resolved === undefined) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    throw new DisparateError('config', `${where}: ${first?.path ?? '(root)'}: ${first?.message ?? 'invalid'}${more}`);
  }
  return resolved;
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

function cumulative(probs: readonly number[], into: Float64Array, offset: number): void {
  let c = 0;
  for (let k = 0; k < probs.length; k++) {
    c += probs[k]!;
    into[offset + k] = c;
  }
  into[offset + probs.length - 1] = 1; // guards the search against rounding in the sum
}

function analyse(spec: PopulationSpec): { issues: PopulationIssue[]; resolved?: ResolvedPopulation } {
  const issues: PopulationIssue[] = [];
  const issue = (path: string, message: string): void => void issues.push({ path, message });
  const vars = spec.variables;
  const names = Object.keys(vars);
  const varOf = (n: string): VariableSpec | undefined => (Object.hasOwn(vars, n) ? vars[n] : undefined);
  const levelsOf = (v: VariableSpec): readonly string[] | undefined =>
    v.type === 'categorical' ? v.levels : v.type === 'derived' ? v.bins.map((b) => b.level) : undefined;

  if (spec.outcome && varOf(spec.outcome.name)) issue('outcome.name', `"${spec.outcome.name}" is already a variable`);
  // Stream ids are 32-bit hashes of names: refuse the (rare) collision rather than share noise.
  const streams = new Map<number, string>();
  for (const n of new Set([...names, ...(spec.outcome ? [spec.outcome.name] : [])])) {
    const id = streamId(n);
    const other = streams.get(id);
    if (other !== undefined) issue(n === spec.outcome?.name ? 'outcome.name' : `variables.${n}`, `name hashes to the same random stream as "${other}"; rename one of them`);
    streams.set(id, n);
  }

  function linear(value: LinearSpec, path: string, parents: Set<string>): ResolvedLinear {
    if (typeof value === 'number') return { base: value, categorical: [], numeric: [] };
    const categorical: { parent: string; addend: Float64Array }[] = [];
    const numeric: { parent: string; coef: number }[] = [];
    for (const [parent, term] of Object.entries(value.terms ?? {})) {
      const p = `${path}.terms.${parent}`;
      const pv = varOf(parent);
      if (!pv) {
        issue(p, `unknown variable "${parent}"${spec.outcome?.name === parent ? ' (the outcome cannot be a parent)' : ''}`);
        continue;
      }
      parents.add(parent);
      const levels = levelsOf(pv);
      if (levels) {
        if (typeof term === 'number') {
          issue(p, `"${parent}" is categorical: give an amount per level, e.g. { ${levels[levels.length - 1]}: ${term} }`);
          continue;
        }
        const addend = new Float64Array(levels.length);
        for (const [lv, amount] of Object.entries(term)) {
          const k = levels.indexOf(lv);
          if (k < 0) issue(`${p}.${lv}`, `"${lv}" is not a level of "${parent}" (levels: ${levels.join(', ')})`);
          else addend[k] = amount;
        }
        categorical.push({ parent, addend });
      } else if (typeof term !== 'number') {
        issue(p, `"${parent}" is numeric: give one coefficient, not a per-level map`);
      } else {
        numeric.push({ parent, coef: term });
      }
    }
    return { base: value.base ?? 0, categorical, numeric };
  }

  const nodes = new Map<string, ResolvedNode>();
  for (const name of names) {
    const v = vars[name]!;
    const path = `variables.${name}`;
    if (v.type === 'categorical') {
      const K = v.levels.length;
      v.levels.forEach((lv, i) => {
        if (v.levels.indexOf(lv) !== i) issue(`${path}.levels.${i}`, `duplicate level "${lv}"`);
      });
      const parents = v.parents ?? [];
      if (v.probs !== undefined && v.table !== undefined) {
        issue(path, 'give either probs (unconditional) or parents + table, not both');
        continue;
      }
      if (v.probs !== undefined) {
        if (parents.length > 0) issue(`${path}.parents`, 'probs are unconditional: remove parents, or give a table');
        if (v.probs.length !== K) issue(`${path}.probs`, `expected ${K} probabilities (one per level), got ${v.probs.length}`);
        else if (Math.abs(sum(v.probs) - 1) > 1e-9) issue(`${path}.probs`, `probabilities sum to ${sum(v.probs)}, not 1`);
        const cum = new Float64Array(K);
        if (v.probs.length === K) cumulative(v.probs, cum, 0);
        nodes.set(name, { kind: 'categorical', name, stream: streamId(name), levels: v.levels, parents: [], strides: [], cum });
        continue;
      }
      if (v.table === undefined) {
        issue(path, 'needs probs, or parents and table');
        continue;
      }
      if (parents.length === 0) {
        issue(`${path}.parents`, 'a table needs parents (the variables whose levels key its rows)');
        continue;
      }
      // Parent levels, mixed-radix strides (last parent fastest), and every combination key.
      const parentLevels: (readonly string[])[] = [];
      let ok = true;
      parents.forEach((parent, i) => {
        const pv = varOf(parent);
        const lv = pv && levelsOf(pv);
        if (!pv) issue(`${path}.parents.${i}`, `unknown variable "${parent}"`);
        else if (!lv) issue(`${path}.parents.${i}`, `"${parent}" is numeric; a table needs categorical parents (bin it with a derived variable)`);
        else if (parents.indexOf(parent) !== i) issue(`${path}.parents.${i}`, `duplicate parent "${parent}"`);
        else if (parent === name) issue(`${path}.parents.${i}`, 'a variable cannot be its own parent');
        else {
          parentLevels.push(lv);
          return;
        }
        ok = false;
      });
      if (!ok) continue;
      const strides: number[] = new Array<number>(parents.length);
      let combos = 1;
      for (let i = parents.length - 1; i >= 0; i--) {
        strides[i] = combos;
        combos *= parentLevels[i]!.length;
      }
      const cum = new Float64Array(combos * K);
      const seen = new Set<string>();
      for (let c = 0; c < combos; c++) {
        const key = parentLevels.map((lv, i) => lv[Math.floor(c / strides[i]!) % lv.length]!).join('|');
        seen.add(key);
        const row = Object.hasOwn(v.table, key) ? v.table[key] : undefined;
        if (row === undefined) issue(`${path}.table`, `missing row "${key}" (one row per combination of ${parents.join(', ')} levels)`);
        else if (row.length !== K) issue(`${path}.table.${key}`, `expected ${K} probabilities (one per level), got ${row.length}`);
        else if (Math.abs(sum(row) - 1) > 1e-9) issue(`${path}.table.${key}`, `probabilities sum to ${sum(row)}, not 1`);
        else cumulative(row, cum, c * K);
      }
      for (const key of Object.keys(v.table)) {
        if (!seen.has(key)) issue(`${path}.table.${key}`, `not a combination of ${parents.join('|')} levels (e.g. "${[...seen][0]}")`);
      }
      nodes.set(name, { kind: 'categorical', name, stream: streamId(name), levels: v.levels, parents, strides, cum });
    } else if (v.type === 'numeric') {
      const parents = new Set<string>();
      const paramNames = PARAM_NAMES[v.dist];
      const params = paramNames.map((p) => {
        const value = (v.params as Record<string, LinearSpec>)[p]!;
        if (typeof value === 'number' && POSITIVE[p] && !(POSITIVE[p] === '> 0' ? value > 0 : value >= 0)) {
          issue(`${path}.params.${p}`, `must be ${POSITIVE[p]}, got ${value}`);
        }
        return linear(value, `${path}.params.${p}`, parents);
      });
      if (v.dist === 'uniform' && typeof v.params.min === 'number' && typeof v.params.max === 'number' && !(v.params.min < v.params.max)) {
        issue(`${path}.params.max`, `must be greater than params.min (${v.params.min})`);
      }
      if (v.min !== undefined && v.max !== undefined && v.min > v.max) issue(`${path}.max`, `must be at least min (${v.min})`);
      if (parents.has(name)) issue(`${path}.params`, 'a variable cannot depend on itself');
      nodes.set(name, {
        kind: 'numeric',
        name,
        stream: streamId(name),
        dist: v.dist,
        params,
        parents: [...parents],
        min: v.min ?? -Infinity,
        max: v.max ?? Infinity,
        round: v.round,
      });
    } else {
      const from = varOf(v.from);
      if (!from) issue(`${path}.from`, `unknown variable "${v.from}"`);
      else if (from.type !== 'numeric') issue(`${path}.from`, `"${v.from}" is not numeric; derived variables bin a numeric variable`);
      const levels = v.bins.map((b) => b.level);
      levels.forEach((lv, i) => {
        if (levels.indexOf(lv) !== i) issue(`${path}.bins.${i}.level`, `duplicate level "${lv}"`);
      });
      const bounds = new Float64Array(v.bins.length - 1);
      v.bins.forEach((b, i) => {
        const last = i === v.bins.length - 1;
        if (last && b.max !== undefined) issue(`${path}.bins.${i}.max`, 'the last bin takes every remaining value: remove its max');
        if (!last && b.max === undefined) issue(`${path}.bins.${i}.max`, 'every bin but the last needs a max');
        if (!last && b.max !== undefined) {
          if (i > 0 && !(b.max > bounds[i - 1]!)) issue(`${path}.bins.${i}.max`, `bounds must increase (previous is ${bounds[i - 1]})`);
          bounds[i] = b.max;
        }
      });
      nodes.set(name, { kind: 'derived', name, from: v.from, parents: [v.from], levels, bounds });
    }
  }

  let outcome: ResolvedNode | undefined;
  if (spec.outcome) {
    const parents = new Set<string>();
    const logit = linear({ base: spec.outcome.logit.intercept, terms: spec.outcome.logit.terms }, 'outcome.logit', parents);
    outcome = { kind: 'outcome', name: spec.outcome.name, stream: streamId(spec.outcome.name), parents: [...parents], logit };
  }
  if (issues.length > 0) return { issues };

  // Topological order (depth-first, declaration order among ready nodes); report the first cycle.
  const order: ResolvedNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): boolean => {
    const s = state.get(n);
    if (s === 'done') return true;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(n)), n];
      issue(`variables.${n}`, `circular dependency: ${cycle.join(' → ')}`);
      return false;
    }
    state.set(n, 'visiting');
    stack.push(n);
    const node = nodes.get(n)!;
    for (const p of node.parents) if (!visit(p)) return false;
    stack.pop();
    state.set(n, 'done');
    order.push(node);
    return true;
  };
  for (const n of names) if (!visit(n)) return { issues };
  if (outcome) order.push(outcome);
  const all = new Map(nodes);
  if (outcome) all.set(outcome.name, outcome);
  return { issues, resolved: { spec, order, columns: [...names, ...(outcome ? [outcome.name] : [])], nodes: all } };
}
