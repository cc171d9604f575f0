import { accumulateRows, createCellCounts } from '../accumulate/index.js';
import type { Check } from '../config/index.js';
import { readDecisions, type DecisionColumns } from '../../datasets/io/index.js';
import type { CategoricalColumn } from '../../datasets/table/index.js';
import type { Manifest, Results } from '../results/index.js';
import type { Correction } from '../stats/index.js';
import { analyseCells } from './analyse-cells.js';
import { sortedLevels } from './sorted-levels.js';

export interface AuditOptions extends DecisionColumns {
  readonly file: string;
  readonly references: ReadonlyMap<string, { group: string; origin: 'battery' | 'cli'; where: string }>;
  readonly alpha: number;
  readonly correction: Correction;
  readonly minCell: number;
  readonly checks: readonly Check[];
  readonly title: string;
  readonly battery: { file: string; hash: string } | null;
  /** Provenance supplied by the caller (the CLI owns the clock and the platform). */
  readonly context: { command: string; toolVersion: string; started: string; platform: string; now: () => string };
}

/**
 * The audit pipeline: recorded decisions → cell counts → metrics and verdicts.
 *
 *   decisions file ──► readDecisions ──► accumulateRows ──► analyseCells ──► Results
 */
export function auditDecisions(opts: AuditOptions): Results {
  const decisions = readDecisions(opts.file, opts);
  const columns = opts.protected.map((name) => sortedLevels(decisions.table.columns.get(name) as CategoricalColumn));
  const cells = createCellCounts(opts.protected.map((name, i) => ({ name, levels: columns[i]!.levels })));
  accumulateRows(cells, {
    n: decisions.table.n,
    codes: columns.map((c) => c.codes),
    flagged: decisions.flagged,
    labels: decisions.labels,
    scores: decisions.scores,
  });
  const labels = decisions.labels !== null && decisions.labels.some((l) => l !== 255);
  const analysis = analyseCells(cells, { ...opts, labels, dataWhere: opts.file });
  const manifest: Manifest = {
    tool: 'disparate',
    tool_version: opts.context.toolVersion,
    command: opts.context.command,
    mode: 'audit',
    title: opts.title,
    battery_file: opts.battery?.file ?? null,
    battery_hash: opts.battery?.hash ?? null,
    model: null,
    population: null,
    data: { file: opts.file, hash: decisions.hash },
    decision: `recorded decisions: column "${opts.flag}" = 1 means flagged`,
    seed: null,
    rng: null,
    rows: decisions.table.n,
    protected: [...opts.protected],
    references: Object.fromEntries(Object.entries(analysis.references).map(([k, v]) => [k, { group: v.group, origin: v.origin }])),
    alpha: opts.alpha,
    correction: opts.correction,
    min_cell: opts.minCell,
    labels: opts.label
      ? `recorded labels in column "${opts.label}" (${labels ? 'label-based metrics use only rows with a label' : 'no row has a label'}); provenance of the labels not declared: if they come only from model-selected investigations, error rates are biased`
      : 'none: only selection metrics',
    started: opts.context.started,
    finished: opts.context.now(),
    platform: opts.context.platform,
  };
  return { schemaVersion: 1, manifest, groups: analysis.groups, counterfactual: [], checks: analysis.checks, summary: analysis.summary, warnings: analysis.warnings };
}
