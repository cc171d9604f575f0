import { Check } from '../config/index.js';
import { DisparateError } from '../errors/index.js';
import { resolveMetricId } from '../metrics/index.js';
import type { CheckResult, Results } from '../results/index.js';
import type { MergeInput } from './merge-results.js';

/** The battery's checks as read back from results, and the rows of checks no registry metric backs. */
export interface RecoveredChecks {
  readonly checks: Check[];
  /** Checks on figures outside the registry (selective labels' statistical parity, equal burden): id and metric. */
  readonly foreign: { id: string; metric: string }[];
}

/** One input's view of one check: what its rows say and which attributes they (could) cover. */
interface Seen {
  readonly file: string;
  readonly metric: string;
  /** Explicit bounds, or null for the default tolerance. */
  readonly bounds: string;
  readonly test: string;
  readonly source: string | null;
  readonly attributes: ReadonlySet<string>;
  /** The rows stop short of an attribute that has a group to compare: the check named one attribute. */
  readonly specific: boolean;
}

/** Attributes with a group a check on `metric` would compare (non-reference, or any for a rate, not suppressed). */
function comparable(results: Results, metric: string): Set<string> {
  const rate = resolveMetricId(metric)?.variant === 'rate';
  const suppressed = new Set((results.suppressed ?? []).map((s) => `${s.attribute}\u0000${s.group}`));
  return new Set(
    results.groups.filter((g) => (rate || !g.is_reference) && g.metrics[metric] && !suppressed.has(`${g.attribute}\u0000${g.group}`)).map((g) => g.attribute),
  );
}

function seen(input: MergeInput, rows: readonly CheckResult[]): Seen {
  const row = rows[0]!;
  const attributes = new Set(rows.map((r) => r.attribute));
  const possible = comparable(input.results, row.metric);
  return {
    file: input.file,
    metric: row.metric,
    bounds: row.bounds_origin === 'battery' ? JSON.stringify(row.bounds) : 'default',
    test: row.test ?? 'disparity',
    source: row.source,
    attributes,
    specific: attributes.size === 1 && [...possible].some((a) => !attributes.has(a)),
  };
}

/**
 * Reads the battery's checks back from the check rows of every input: id, metric, bounds (explicit
 * or the default), test, source, and the attribute ("all" unless the rows keep to one attribute
 * while another could be compared). A check missing from an input is accepted only when that input
 * says it compared nothing (warning "check-compared-nothing"); a check that differs, in metric,
 * attribute, bounds or test, is a data error naming the file and the field.
 *
 * @example recoverChecks(inputs).checks[0] // { id: 'four-fifths', metric: 'selection_rate_ratio', attribute: 'all', test: 'disparity', ... }
 */
export function recoverChecks(inputs: readonly MergeInput[]): RecoveredChecks {
  // Results of this version record the checks as declared (checkMergeable has made sure they agree): use them.
  const declared = inputs[0]?.results.manifest.checks;
  if (declared) {
    const checks = declared.filter((c) => resolveMetricId(c.metric)).map((c) => Check.parse(c));
    const known = new Set(checks.map((c) => c.id));
    const foreign = [...new Map(inputs.flatMap((i) => i.results.checks).filter((c) => !known.has(c.id)).map((c) => [c.id, { id: c.id, metric: c.metric }])).values()];
    return { checks, foreign };
  }
  const ids = [...new Set(inputs.flatMap((i) => i.results.checks.map((c) => c.id)))];
  const checks: Check[] = [];
  const foreign: { id: string; metric: string }[] = [];
  for (const id of ids) {
    const views: Seen[] = [];
    for (const input of inputs) {
      const rows = input.results.checks.filter((c) => c.id === id);
      if (rows.length > 0) {
        views.push(seen(input, rows));
        continue;
      }
      const idle = input.results.warnings.some((w) => w.code === 'check-compared-nothing' && w.message.startsWith(`check ${id}: `));
      if (!idle) {
        const other = inputs.find((i) => i.results.checks.some((c) => c.id === id))!;
        throw new DisparateError('data', `${input.file}: checks.${id}: no such check (it is in ${other.file}); results merge only when the same battery of checks was run on every part`);
      }
    }
    const first = views[0]!;
    for (const v of views.slice(1)) {
      for (const field of ['metric', 'bounds', 'test'] as const) {
        if (v[field] !== first[field]) throw new DisparateError('data', `${v.file}: checks.${id}.${field}: ${v[field]} differs from ${first[field]} in ${first.file}`);
      }
    }
    const specific = views.filter((v) => v.specific).map((v) => [...v.attributes][0]!);
    const attribute = specific[0] ?? 'all';
    const stray = attribute === 'all' ? undefined : views.find((v) => [...v.attributes].some((a) => a !== attribute));
    if (stray) throw new DisparateError('data', `${stray.file}: checks.${id}.attribute: ${[...stray.attributes].join(', ')} differs from ${attribute} in ${views.find((v) => v.specific)!.file}`);
    if (!resolveMetricId(first.metric)) {
      foreign.push({ id, metric: first.metric });
      continue;
    }
    const rows = inputs.flatMap((i) => i.results.checks.filter((c) => c.id === id));
    checks.push(
      Check.parse({
        id,
        metric: first.metric,
        attribute,
        ...(rows[0]!.bounds_origin === 'battery' ? { bounds: rows[0]!.bounds } : {}),
        ...(first.source !== null ? { source: first.source } : {}),
        test: first.test,
      }),
    );
  }
  return { checks, foreign };
}
