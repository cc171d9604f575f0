import type { Manifest } from '../results/index.js';
import { bootstrapManifest } from './analyse-cells.js';

/** Who made the results and when: the provenance every manifest records. */
export interface ManifestContext {
  readonly command: string;
  readonly toolVersion: string;
  readonly started: string;
  readonly platform: string;
  readonly now: () => string;
}

/** What a run, an audit or a merge knows of its own results; {@link buildManifest} adds the rest. */
export interface ManifestParts {
  readonly context: ManifestContext;
  readonly mode: Manifest['mode'];
  readonly title: string;
  /** Words for the reports only: the unit's plural, the description, display labels. */
  readonly words?: Pick<Manifest, 'unit' | 'description' | 'display_labels'> | undefined;
  readonly batteryFile: string | null;
  readonly batteryHash: string | null;
  readonly model: Manifest['model'];
  readonly population: Manifest['population'];
  readonly data: Manifest['data'];
  /** The rule in words, and its kind as data (absent only when merged parts do not record it). */
  readonly decision: string;
  readonly decisionRule: Manifest['decision_rule'];
  readonly seed: number | null;
  readonly rng: string | null;
  readonly rows: number;
  readonly protected: readonly string[];
  readonly references: Readonly<Record<string, { readonly group: string; readonly origin: Manifest['references'][string]['origin'] }>>;
  readonly alpha: number;
  readonly correction: string;
  readonly minCell: number;
  /** The checks, intersections and inconclusive rule as declared (see declaredManifest). */
  readonly declared: Partial<Pick<Manifest, 'checks' | 'intersections' | 'inconclusive'>>;
  readonly labels: string;
  readonly verify?: Manifest['verify'] | undefined;
  readonly bootstrap?: { replicates: number; seed: number } | undefined;
  readonly privacy?: Manifest['privacy'] | undefined;
  readonly mergedFrom?: Manifest['merged_from'] | undefined;
}

/**
 * The one manifest builder, for runs, audits and merges: the same fields in the same order whoever
 * wrote the results, and the finishing time read when the results are complete.
 *
 * @example buildManifest({ context, mode: 'audit', title: 'Audit of decisions.csv', …, labels: 'none: only selection metrics' })
 */
export function buildManifest(p: ManifestParts): Manifest {
  const words = p.words ?? {};
  return {
    tool: 'disparate',
    tool_version: p.context.toolVersion,
    command: p.context.command,
    mode: p.mode,
    title: p.title,
    ...(words.unit !== undefined ? { unit: words.unit } : {}),
    ...(words.description !== undefined ? { description: words.description } : {}),
    ...(words.display_labels !== undefined ? { display_labels: words.display_labels } : {}),
    battery_file: p.batteryFile,
    battery_hash: p.batteryHash,
    model: p.model,
    population: p.population,
    data: p.data,
    decision: p.decision,
    ...(p.decisionRule !== undefined ? { decision_rule: p.decisionRule } : {}),
    seed: p.seed,
    rng: p.rng,
    rows: p.rows,
    protected: [...p.protected],
    references: Object.fromEntries(Object.entries(p.references).map(([k, v]) => [k, { group: v.group, origin: v.origin }])),
    alpha: p.alpha,
    correction: p.correction,
    min_cell: p.minCell,
    ...(p.declared.checks !== undefined ? { checks: p.declared.checks } : {}),
    ...(p.declared.intersections !== undefined ? { intersections: p.declared.intersections } : {}),
    ...(p.declared.inconclusive !== undefined ? { inconclusive: p.declared.inconclusive } : {}),
    labels: p.labels,
    ...(p.verify ? { verify: p.verify } : {}),
    started: p.context.started,
    finished: p.context.now(),
    platform: p.context.platform,
    ...bootstrapManifest(p.bootstrap),
    ...(p.privacy ? { privacy: p.privacy } : {}),
    ...(p.mergedFrom ? { merged_from: p.mergedFrom } : {}),
  };
}
