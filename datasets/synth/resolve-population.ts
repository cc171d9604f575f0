import type { PopulationSpec, RakeMargin } from '../../harness/config/population-schema.js';
import { DisparateError } from '../../harness/errors/index.js';
import { streamId } from '../../harness/stats/rng/index.js';
import { compileExpression } from './compile-expression.js';
import { parentWeights } from './parent-weights.js';
import { rakeTable, type CompiledMargin } from './rake-table.js';
import { resolveConstraints } from './resolve-constraints.js';
import { resolveJoint } from './resolve-joint.js';
import type { CategoricalNode, NumericDist, PopulationIssue, ResolvedLinear, ResolvedNode, ResolvedPopulation } from './resolved-population.js';

type LinearSpec = number | { base?: number | undefined; terms?: Record<string, number | Record<string, number>> | undefined };
type VariableSpec = PopulationSpec['variables'][string];

const PARAM_NAMES: Record<NumericDist, readonly string[]> = {
  normal: ['mean', 'sd'],
  lognormal: ['meanlog', 'sdlog'],
  uniform: ['min', 'max'],
  poisson: ['lambda'],
  beta: ['alpha', 'beta'],
};
const POSITIVE: Record<string, string> = { sd: '> 0', sdlog: '> 0', lambda: '>= 0', alpha: '> 0', beta: '> 0' };

/** Problems a schema cannot see: sums, table rows, unknown parents, cycles, constraints, raking. Empty when the spec is sound. */
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

function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}

function cumulative(probs: ArrayLike<number>, into: Float64Array, offset: number): void {
  let c = 0;
  for (let k = 0; k < probs.length; k++) {
    c += probs[k]!;
    into[offset + k] = c;
  }
  into[offset + probs.length - 1] = 1; // guards the search against rounding in the sum
}

/** Parent levels, mixed-radix strides (last parent fastest), and the combination keys. */
function combinations(parentLevels: readonly (readonly string[])[]): { strides: number[]; keys: string[] } {
  const strides: number[] = new Array<number>(parentLevels.length);
  let combos = 1;
  for (let i = parentLevels.length - 1; i >= 0; i--) {
    strides[i] = combos;
    combos *= parentLevels[i]!.length;
  }
  const keys: string[] = [];
  for (let c = 0; c < combos; c++) keys.push(parentLevels.map((lv, i) => lv[Math.floor(c / strides[i]!) % lv.length]!).join('|'));
  return { strides, keys };
}

function analyse(spec: PopulationSpec): { issues: PopulationIssue[]; resolved?: ResolvedPopulation } {
  const issues: PopulationIssue[] = [];
  const issue = (path: string, message: string): void => void issues.push({ path, message });
  const vars = spec.variables;
  const names = Object.keys(vars);
  const varOf = (n: string): VariableSpec | undefined => (Object.hasOwn(vars, n) ? vars[n] : undefined);

  // Every output column: its owner variable and its levels (null = numeric).
  const columnInfo = new Map<string, { owner: string; levels: readonly string[] | null }>();
  const outputColumns: string[] = [];
  for (const n of names) {
    const v = vars[n]!;
    const add = (column: string, levels: readonly string[] | null, path: string): void => {
      if (columnInfo.has(column)) issue(path, `column "${column}" is already defined by variable "${columnInfo.get(column)!.owner}"`);
      columnInfo.set(column, { owner: n, levels });
      outputColumns.push(column);
    };
    if (v.type === 'joint') for (const [c, levels] of Object.entries(v.columns)) add(c, levels, `variables.${n}.columns.${c}`);
    else if (v.type === 'categorical') add(n, v.levels, `variables.${n}`);
    else if (v.type === 'derived') add(n, v.bins ? v.bins.map((b) => b.level) : (v.levels ?? null), `variables.${n}`);
    else add(n, null, `variables.${n}`);
  }
  const levelsOfColumn = (c: string): readonly string[] | null | undefined => columnInfo.get(c)?.levels;

  if (spec.outcome && columnInfo.has(spec.outcome.name)) issue('outcome.name', `"${spec.outcome.name}" is already a variable`);
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
      if (!columnInfo.has(parent)) {
        issue(p, `unknown variable "${parent}"${spec.outcome?.name === parent ? ' (the outcome cannot be a parent)' : ''}`);
        continue;
      }
      parents.add(parent);
      const levels = levelsOfColumn(parent);
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

  /** Categorical parents of a table: levels and strides, or undefined after reporting the problem. */
  function tableParents(name: string, parents: readonly string[], path: string): { strides: number[]; keys: string[] } | undefined {
    const parentLevels: (readonly string[])[] = [];
    let ok = true;
    parents.forEach((parent, i) => {
      const lv = levelsOfColumn(parent);
      if (!columnInfo.has(parent)) issue(`${path}.parents.${i}`, `unknown variable "${parent}"`);
      else if (!lv) issue(`${path}.parents.${i}`, `"${parent}" is numeric; a table needs categorical parents (bin it with a derived variable)`);
      else if (parents.indexOf(parent) !== i) issue(`${path}.parents.${i}`, `duplicate parent "${parent}"`);
      else if (parent === name) issue(`${path}.parents.${i}`, 'a variable cannot be its own parent');
      else {
        parentLevels.push(lv);
        return;
      }
      ok = false;
    });
    return ok ? combinations(parentLevels) : undefined;
  }

  /** A `probs` or `parents` + `table` pair compiled to cumulative rows; undefined after reporting. */
  function probabilityTable(
    name: string,
    v: { probs?: number[] | undefined; parents?: string[] | undefined; table?: Record<string, number[]> | undefined },
    K: number,
    what: string,
    path: string,
  ): { parents: string[]; strides: number[]; cum: Float64Array; keys: string[] } | undefined {
    const parents = v.parents ?? [];
    if (v.probs !== undefined && v.table !== undefined) return void issue(path, 'give either probs (unconditional) or parents + table, not both');
    if (v.probs !== undefined) {
      if (parents.length > 0) issue(`${path}.parents`, 'probs are unconditional: remove parents, or give a table');
      if (v.probs.length !== K) issue(`${path}.probs`, `expected ${K} probabilities (one per ${what}), got ${v.probs.length}`);
      else if (Math.abs(sum(v.probs) - 1) > 1e-9) issue(`${path}.probs`, `probabilities sum to ${sum(v.probs)}, not 1`);
      const cum = new Float64Array(K);
      if (v.probs.length === K) cumulative(v.probs, cum, 0);
      return { parents: [], strides: [], cum, keys: [''] };
    }
    if (v.table === undefined) return void issue(path, 'needs probs, or parents and table');
    if (parents.length === 0) return void issue(`${path}.parents`, 'a table needs parents (the variables whose levels key its rows)');
    const combos = tableParents(name, parents, path);
    if (!combos) return undefined;
    const cum = new Float64Array(combos.keys.length * K);
    combos.keys.forEach((key, c) => {
      const row = Object.hasOwn(v.table!, key) ? v.table![key] : undefined;
      if (row === undefined) issue(`${path}.table`, `missing row "${key}" (one row per combination of ${parents.join(', ')} levels)`);
      else if (row.length !== K) issue(`${path}.table.${key}`, `expected ${K} probabilities (one per ${what}), got ${row.length}`);
      else if (Math.abs(sum(row) - 1) > 1e-9) issue(`${path}.table.${key}`, `probabilities sum to ${sum(row)}, not 1`);
      else cumulative(row, cum, c * K);
    });
    const seen = new Set(combos.keys);
    for (const key of Object.keys(v.table)) {
      if (!seen.has(key)) issue(`${path}.table.${key}`, `not a combination of ${parents.join('|')} levels (e.g. "${combos.keys[0]}")`);
    }
    return { parents, strides: combos.strides, cum, keys: combos.keys };
  }

  function checkBins(levels: readonly string[], bins: readonly { max?: number | undefined }[], path: string): Float64Array {
    levels.forEach((lv, i) => {
      if (levels.indexOf(lv) !== i) issue(`${path}.bins.${i}.level`, `duplicate level "${lv}"`);
    });
    const bounds = new Float64Array(bins.length - 1);
    bins.forEach((b, i) => {
      const last = i === bins.length - 1;
      if (last && b.max !== undefined) issue(`${path}.bins.${i}.max`, 'the last bin takes every remaining value: remove its max');
      if (!last && b.max === undefined) issue(`${path}.bins.${i}.max`, 'every bin but the last needs a max');
      if (!last && b.max !== undefined) {
        if (i > 0 && !(b.max > bounds[i - 1]!)) issue(`${path}.bins.${i}.max`, `bounds must increase (previous is ${bounds[i - 1]})`);
        bounds[i] = b.max;
      }
    });
    return bounds;
  }

  const nodes = new Map<string, ResolvedNode>();
  const rakes = new Map<string, { margins: RakeMargin[]; keys: string[] }>();
  for (const name of names) {
    const v = vars[name]!;
    const path = `variables.${name}`;
    if (v.type === 'categorical') {
      const K = v.levels.length;
      v.levels.forEach((lv, i) => {
        if (v.levels.indexOf(lv) !== i) issue(`${path}.levels.${i}`, `duplicate level "${lv}"`);
      });
      const t = probabilityTable(name, v, K, 'level', path);
      if (!t) continue;
      nodes.set(name, { kind: 'categorical', name, stream: streamId(name), levels: v.levels, parents: t.parents, strides: t.strides, cum: t.cum });
      if (v.rake) rakes.set(name, { margins: v.rake, keys: t.keys });
    } else if (v.type === 'numeric' && v.dist === 'empirical') {
      const K = v.breaks.length - 1;
      v.breaks.forEach((b, i) => {
        if (i > 0 && !(b > v.breaks[i - 1]!)) issue(`${path}.breaks.${i}`, `breaks must increase (previous is ${v.breaks[i - 1]})`);
      });
      const t = probabilityTable(name, v, K, 'bin', path);
      if (!t) continue;
      if (v.min !== undefined && v.max !== undefined && v.min > v.max) issue(`${path}.max`, `must be at least min (${v.min})`);
      nodes.set(name, {
        kind: 'empirical',
        name,
        stream: streamId(name),
        parents: t.parents,
        strides: t.strides,
        breaks: Float64Array.from(v.breaks),
        cum: t.cum,
        min: v.min ?? -Infinity,
        max: v.max ?? Infinity,
        round: v.round,
      });
    } else if (v.type === 'numeric') {
      const parents = new Set<string>();
      const params = PARAM_NAMES[v.dist].map((p) => {
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
    } else if (v.type === 'derived') {
      if ((v.from === undefined) === (v.expr === undefined)) {
        issue(path, 'give from (a numeric variable to bin) or expr (an arquero expression), one of them');
        continue;
      }
      if (v.bins && v.levels) issue(`${path}.levels`, 'give bins (to bin a number) or levels (an expression returning text), not both');
      const levels = v.bins ? v.bins.map((b) => b.level) : (v.levels ?? null);
      const bounds = v.bins ? checkBins(levels!, v.bins, path) : null;
      if (v.from !== undefined) {
        const from = varOf(v.from);
        if (!v.bins) issue(`${path}.bins`, 'from needs bins (or use expr for arithmetic)');
        if (!columnInfo.has(v.from)) issue(`${path}.from`, `unknown variable "${v.from}"`);
        else if (!from || from.type !== 'numeric' || levelsOfColumn(v.from)) {
          if (levelsOfColumn(v.from) !== null) issue(`${path}.from`, `"${v.from}" is not numeric; derived variables bin a numeric variable`);
        }
        nodes.set(name, { kind: 'derived', name, from: v.from, expr: null, source: null, parents: [v.from], levels, bounds });
      } else {
        const compiled = compileExpression(v.expr!, `${path}.expr`, issues);
        if (!compiled) continue;
        for (const c of compiled.columns) {
          if (!columnInfo.has(c)) issue(`${path}.expr`, `unknown column "${c}"${spec.outcome?.name === c ? ' (the outcome cannot be a parent)' : ''}`);
          if (c === name) issue(`${path}.expr`, 'a variable cannot depend on itself');
        }
        nodes.set(name, { kind: 'derived', name, from: null, expr: compiled.fn, source: v.expr!, parents: compiled.columns, levels, bounds });
      }
    } else {
      const joint = resolveJoint(name, v, path, issues);
      if (!joint) continue;
      nodes.set(name, joint);
      for (const c of joint.columns) nodes.set(c.name, joint);
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
  const visit = (column: string): boolean => {
    const node = nodes.get(column)!;
    const n = node.name;
    const s = state.get(n);
    if (s === 'done') return true;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(n)), n];
      issue(`variables.${n}`, `circular dependency: ${cycle.join(' → ')}`);
      return false;
    }
    state.set(n, 'visiting');
    stack.push(n);
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
  const needsSize = order.some((x) => x.kind === 'joint' && x.allocation === 'exact');
  let resolved: ResolvedPopulation = { spec, order, columns: [...outputColumns, ...(outcome ? [outcome.name] : [])], nodes: all, exclusions: [], needsSize };

  // Calibration: rake tables in sampling order, so a raked parent's new distribution is used below it.
  for (const node of order) {
    const rake = rakes.get(node.name);
    if (!rake || node.kind !== 'categorical') continue;
    const raked = rakeNode(resolved, node, rake.margins, `variables.${node.name}.rake`, issues);
    if (!raked) continue;
    const i = resolved.order.indexOf(node);
    const newOrder = [...resolved.order];
    newOrder[i] = raked;
    const newNodes = new Map(resolved.nodes);
    newNodes.set(node.name, raked);
    resolved = { ...resolved, order: newOrder, nodes: newNodes };
  }
  const exclusions = resolveConstraints(spec.constraints, resolved.nodes, resolved.order, issues);
  if (issues.length > 0) return { issues };
  return { issues, resolved: { ...resolved, exclusions } };
}

/** Rakes one categorical node's table to its published margins; undefined after reporting a problem. */
function rakeNode(resolved: ResolvedPopulation, node: CategoricalNode, margins: readonly RakeMargin[], path: string, issues: PopulationIssue[]): CategoricalNode | undefined {
  const issue = (p: string, message: string): void => void issues.push({ path: p, message });
  const K = node.levels.length;
  const C = node.cum.length / K;
  const compiled: CompiledMargin[] = [];
  let ok = true;
  margins.forEach((m, i) => {
    const mp = `${path}.${i}`;
    const byIndex = m.by.map((b) => node.parents.indexOf(b));
    const badBy = m.by.findIndex((b, j) => byIndex[j]! < 0);
    if (badBy >= 0) return void ((ok = false), issue(`${mp}.by.${badBy}`, `"${m.by[badBy]}" is not a parent of "${node.name}" (parents: ${node.parents.join(', ') || 'none'})`));
    const byLevels = m.by.map((b) => {
      const owner = resolved.nodes.get(b)!;
      return owner.kind === 'joint' ? owner.columns.find((c) => c.name === b)!.levels : owner.kind === 'categorical' ? owner.levels : owner.kind === 'derived' ? owner.levels! : [];
    });
    const { strides, keys } = combinations(byLevels);
    const target = new Float64Array(keys.length * K);
    const rows: Record<string, number[]> | undefined = m.by.length === 0 ? (m.probs ? { '': m.probs } : undefined) : m.table;
    if (!rows) return void ((ok = false), issue(mp, m.by.length === 0 ? 'give probs (overall shares), or by + table' : 'with by, give table (shares within each group)'));
    keys.forEach((key, g) => {
      const row = Object.hasOwn(rows, key) ? rows[key] : undefined;
      const rp = m.by.length === 0 ? `${mp}.probs` : `${mp}.table.${key}`;
      if (row === undefined) return void ((ok = false), issue(`${mp}.table`, `missing row "${key}" (one row per combination of ${m.by.join(', ')} levels)`));
      if (row.length !== K) return void ((ok = false), issue(rp, `expected ${K} shares (one per level), got ${row.length}`));
      if (Math.abs(sum(row) - 1) > 1e-9) return void ((ok = false), issue(rp, `shares sum to ${sum(row)}, not 1`));
      row.forEach((x, k) => (target[g * K + k] = x));
    });
    const group = new Int32Array(C);
    for (let c = 0; c < C; c++) {
      let g = 0;
      byIndex.forEach((pj, j) => {
        const parent = node.parents[pj]!;
        const L = resolved.nodes.get(parent)!.kind === 'joint' ? byLevels[j]!.length : byLevels[j]!.length;
        g += (Math.floor(c / node.strides[pj]!) % L) * strides[j]!;
      });
      group[c] = g;
    }
    compiled.push({ group, groups: keys.length, target });
  });
  if (!ok) return undefined;
  const prior = new Float64Array(C * K);
  for (let c = 0; c < C; c++) for (let k = 0; k < K; k++) prior[c * K + k] = node.cum[c * K + k]! - (k === 0 ? 0 : node.cum[c * K + k - 1]!);
  const { weights } = parentWeights(resolved, node);
  const result = rakeTable(prior, weights, K, compiled);
  if (result.gap > 1e-6) {
    issue(path, `raking did not converge (largest gap to a target share ${result.gap.toPrecision(3)}): the margins contradict each other or the table's zeros`);
    return undefined;
  }
  const cum = new Float64Array(C * K);
  for (let c = 0; c < C; c++) cumulative(result.probs.subarray(c * K, (c + 1) * K), cum, c * K);
  return { ...node, cum };
}
