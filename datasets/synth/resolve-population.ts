import type { PopulationSpec, RakeMargin } from '../../harness/config/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { streamId } from '../../harness/stats/rng/index.js';
import { checkStreams } from './check-streams.js';
import { orderNodes } from './order-nodes.js';
import { rakeNode } from './rake-node.js';
import { resolveCategorical } from './resolve-categorical.js';
import { resolveConstraints } from './resolve-constraints.js';
import { createResolveContext } from './resolve-context.js';
import { resolveDerived } from './resolve-derived.js';
import { resolveEmpirical } from './resolve-empirical.js';
import { resolveJoint } from './resolve-joint.js';
import { resolveLinear } from './resolve-linear.js';
import { resolveNumeric } from './resolve-numeric.js';
import type { PopulationIssue, ResolvedNode, ResolvedPopulation } from './resolved-population.js';

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
  return { ...resolved, where };
}

/**
 * Runs the checks in a fixed order, since the first issue is the one users see: the column table and
 * streams, each variable in declaration order, the outcome; then, on a clean spec only, cycles,
 * raking and constraints.
 */
function analyse(spec: PopulationSpec): { issues: PopulationIssue[]; resolved?: ResolvedPopulation } {
  const ctx = createResolveContext(spec);
  const { issues } = ctx;
  const vars = spec.variables;
  const names = Object.keys(vars);
  checkStreams(spec, ctx.issue);

  const nodes = new Map<string, ResolvedNode>();
  const rakes = new Map<string, readonly RakeMargin[]>();
  for (const name of names) {
    const v = vars[name]!;
    const path = `variables.${name}`;
    if (v.type === 'joint') {
      const joint = resolveJoint(name, v, path, issues);
      if (!joint) continue;
      nodes.set(name, joint);
      for (const c of joint.columns) nodes.set(c.name, joint);
      continue;
    }
    const node =
      v.type === 'categorical'
        ? resolveCategorical(ctx, name, v, path)
        : v.type === 'derived'
          ? resolveDerived(ctx, name, v, path)
          : v.dist === 'empirical'
            ? resolveEmpirical(ctx, name, v, path)
            : resolveNumeric(ctx, name, v, path);
    if (!node) continue;
    nodes.set(name, node);
    if (v.type === 'categorical' && v.rake) rakes.set(name, v.rake);
  }

  let outcome: ResolvedNode | undefined;
  if (spec.outcome) {
    const parents = new Set<string>();
    const logit = resolveLinear(ctx, { base: spec.outcome.logit.intercept, terms: spec.outcome.logit.terms }, 'outcome.logit', parents);
    outcome = { kind: 'outcome', name: spec.outcome.name, stream: streamId(spec.outcome.name), parents: [...parents], logit };
  }
  if (issues.length > 0) return { issues };

  const order = orderNodes(names, nodes, ctx.issue);
  if (!order) return { issues };
  if (outcome) order.push(outcome);
  const all = new Map(nodes);
  if (outcome) all.set(outcome.name, outcome);
  const needsSize = order.some((x) => x.kind === 'joint' && x.allocation === 'exact');
  let resolved: ResolvedPopulation = { spec, order, columns: [...ctx.outputColumns, ...(outcome ? [outcome.name] : [])], nodes: all, exclusions: [], needsSize };

  // Calibration: rake tables in sampling order, so a raked parent's new distribution is used below it.
  for (const node of order) {
    const margins = rakes.get(node.name);
    if (!margins || node.kind !== 'categorical') continue;
    const raked = rakeNode(resolved, node, margins, `variables.${node.name}.rake`, issues);
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
