import type { PopulationConstraint } from '../../harness/config/index.js';
import { columnLevels, type Exclusion, type PopulationIssue, type ResolvedNode } from './resolved-population.js';

type Condition = Readonly<Record<string, string | readonly string[]>>;

/**
 * Turns `constraints:` into excluded combinations and proves each one impossible by construction:
 * the column sampled last in the combination must be a categorical variable whose table has every
 * other column of the combination among its parents and gives probability 0 to the excluded levels
 * in every matching row (or a joint table whose matching cells all have count 0). A rule the tables
 * do not enforce is refused with the table row that breaks it — the sampler never rejects rows.
 *
 * `if: { aah: yes }, then: { disability: [disabled] }` is the exclusion { aah: yes, disability: none }.
 */
export function resolveConstraints(
  constraints: readonly PopulationConstraint[],
  nodes: ReadonlyMap<string, ResolvedNode>,
  order: readonly ResolvedNode[],
  issues: PopulationIssue[],
): Exclusion[] {
  const issue = (path: string, message: string): void => void issues.push({ path, message });
  const exclusions: Exclusion[] = [];
  const rank = new Map(order.map((node, i) => [node.name, i]));

  const compile = (cond: Condition, path: string): Map<string, number[]> | undefined => {
    const out = new Map<string, number[]>();
    for (const [column, value] of Object.entries(cond)) {
      const node = nodes.get(column);
      const levels = node && columnLevels(node, column);
      if (!node) return void issue(`${path}.${column}`, `unknown column "${column}"`);
      if (!levels) return void issue(`${path}.${column}`, `"${column}" is numeric; constraints relate categorical columns (bin it with a derived variable)`);
      const codes: number[] = [];
      for (const lv of typeof value === 'string' ? [value] : value) {
        const k = levels.indexOf(lv);
        if (k < 0) return void issue(`${path}.${column}`, `"${lv}" is not a level of "${column}" (levels: ${levels.join(', ')})`);
        codes.push(k);
      }
      out.set(column, codes);
    }
    return out;
  };

  constraints.forEach((c, i) => {
    const path = `constraints.${i}`;
    const description = c.description ?? '';
    const list: Map<string, number[]>[] = [];
    if (c.exclude !== undefined) {
      if (c.if !== undefined || c.then !== undefined) return issue(path, 'give either exclude, or if + then, not both');
      const e = compile(c.exclude, `${path}.exclude`);
      if (!e) return;
      list.push(e);
    } else {
      if (c.if === undefined || c.then === undefined) return issue(path, 'give exclude, or both if and then');
      const cond = compile(c.if, `${path}.if`);
      const then = compile(c.then, `${path}.then`);
      if (!cond || !then) return;
      for (const [column, allowed] of then) {
        const levels = columnLevels(nodes.get(column)!, column)!;
        const forbidden = levels.map((_, k) => k).filter((k) => !allowed.includes(k));
        const e = new Map(cond);
        const prior = e.get(column);
        const codes = prior ? forbidden.filter((k) => prior.includes(k)) : forbidden;
        if (codes.length === 0) continue; // the rule is implied by its own condition
        e.set(column, codes);
        list.push(e);
      }
    }
    for (const e of list) {
      const columns = [...e.entries()].map(([column, codes]) => ({ column, codes }));
      if (verify(e, `${path}`)) exclusions.push({ path, description, columns });
    }
  });

  function verify(e: Map<string, number[]>, path: string): boolean {
    const fail = (message: string): false => {
      issue(path, message);
      return false;
    };
    const owners = [...e.keys()].map((col) => nodes.get(col)!);
    const last = owners.reduce((a, b) => (rank.get(b.name)! > rank.get(a.name)! ? b : a));
    const others = [...e.keys()].filter((col) => nodes.get(col) !== last);
    const what = [...e.entries()].map(([col, codes]) => `${col} = ${codes.map((k) => columnLevels(nodes.get(col)!, col)![k]).join('/')}`).join(', ');
    if (last.kind === 'joint') {
      if (others.length > 0) return fail(`cannot be enforced by construction: ${others.join(', ')} are not columns of the joint table "${last.name}"`);
      for (let c = 0; c < last.counts.length; c++) {
        if (last.counts[c] === 0) continue;
        const match = last.columns.every((col, j) => !e.has(col.name) || e.get(col.name)!.includes(Math.floor(c / last.strides[j]!) % col.levels.length));
        if (match) {
          const cell = last.columns.map((col, j) => col.levels[Math.floor(c / last.strides[j]!) % col.levels.length]).join('|');
          return fail(`violated by construction: joint table "${last.name}" has count ${last.counts[c]} in cell "${cell}" (${what})`);
        }
      }
      return true;
    }
    if (last.kind !== 'categorical') {
      return fail(`cannot be enforced by construction: "${last.name}" is ${last.kind}; the column sampled last in a constraint must be a categorical variable with a table`);
    }
    const missing = others.filter((col) => !last.parents.includes(col));
    if (missing.length > 0) {
      return fail(`cannot be enforced by construction: make ${missing.join(', ')} parent${missing.length > 1 ? 's' : ''} of "${last.name}" and give the excluded levels probability 0`);
    }
    const K = last.levels.length;
    const combos = last.cum.length / K;
    const banned = e.get(last.name)!;
    for (let c = 0; c < combos; c++) {
      const parentCodes = last.parents.map((p, j) => Math.floor(c / last.strides[j]!) % columnLevels(nodes.get(p)!, p)!.length);
      const match = last.parents.every((p, j) => !e.has(p) || e.get(p)!.includes(parentCodes[j]!));
      if (!match) continue;
      for (const k of banned) {
        const p = last.cum[c * K + k]! - (k === 0 ? 0 : last.cum[c * K + k - 1]!);
        if (p > 0) {
          const key = last.parents.map((par, j) => columnLevels(nodes.get(par)!, par)![parentCodes[j]!]).join('|');
          return fail(`violated by construction: ${last.name} table row "${key || '(probs)'}" gives "${last.levels[k]}" probability ${+p.toPrecision(6)} (${what})`);
        }
      }
    }
    return true;
  }
  return exclusions;
}
