import { createHash } from 'node:crypto';
import { accumulateRows, createCellCounts, UNLABELLED } from '../accumulate/index.js';
import { readText } from '../config/index.js';
import { DisparateError } from '../errors/index.js';
import type { Manifest, Results } from '../results/index.js';
import { RNG_ALGORITHM } from '../stats/rng/index.js';
import type { Table } from '../../datasets/table/index.js';
import { loadPopulationSpec, samplePopulation } from '../../datasets/synth/index.js';
import { loadModel } from '../../models/adapters/index.js';
import { applyDecision, describeDecision } from '../../models/decision/index.js';
import { analyseCells } from './analyse-cells.js';
import { batteryReferences, type ResolvedBattery } from './resolve-battery.js';

export interface RunOptions {
  /** Overrides the battery's seed (--seed). */
  readonly seed?: number | undefined;
  /** Overrides the population size (--size). */
  readonly size?: number | undefined;
  readonly context: { command: string; toolVersion: string; started: string; platform: string; now: () => string };
}

/** Protected columns of the population as categorical code arrays, or a config error naming the field. */
function protectedColumns(resolved: ResolvedBattery, table: Table) {
  return resolved.battery.protected.map((name, i) => {
    const column = table.columns.get(name);
    if (!column) throw new DisparateError('config', `${resolved.file}: protected.${i}: column "${name}" not in the population (columns: ${[...table.columns.keys()].join(', ')})`);
    if (column.kind !== 'categorical') throw new DisparateError('config', `${resolved.file}: protected.${i}: column "${name}" is numeric; protected attributes must be categorical (bin it in the population spec)`);
    return column;
  });
}

function labelColumn(resolved: ResolvedBattery, table: Table): Uint8Array | null {
  const name = resolved.battery.label;
  if (name === undefined) return null;
  const column = table.columns.get(name);
  if (!column || column.kind !== 'numeric') throw new DisparateError('config', `${resolved.file}: label: "${name}" is not a numeric 0/1 column of the population (the spec's outcome)`);
  return Uint8Array.from(column.values, (v) => (v === 1 ? 1 : v === 0 ? 0 : UNLABELLED));
}

/**
 * The synthetic-run pipeline of a battery.
 *
 *   population spec ──► samplePopulation ──► model.score ──► applyDecision
 *        ──► accumulateRows ──► analyseCells ──► Results
 */
export function runBattery(resolved: ResolvedBattery, opts: RunOptions): Results {
  const { battery } = resolved;
  const specFile = resolved.populationSpec!;
  const spec = loadPopulationSpec(specFile);
  const model = loadModel(resolved.modelFile!);
  const seed = opts.seed ?? battery.seed;
  const n = opts.size ?? battery.population!.size;
  const table = samplePopulation(spec, { seed, n });
  const columns = protectedColumns(resolved, table);
  const scores = model.bind(table)(0, n);
  const nan = scores.findIndex((s) => Number.isNaN(s));
  if (nan >= 0) throw new DisparateError('model', `${resolved.modelFile}: score is NaN at row ${nan + 1}`);
  const flagged = applyDecision(scores, battery.decision!);
  const labels = labelColumn(resolved, table);
  const cells = createCellCounts(battery.protected.map((name, i) => ({ name, levels: columns[i]!.levels })));
  accumulateRows(cells, { n, codes: columns.map((c) => c.codes), flagged, labels, scores });
  const analysis = analyseCells(cells, {
    alpha: battery.alpha,
    minCell: battery.min_cell,
    labels: labels !== null,
    references: batteryReferences(resolved),
    dataWhere: `${specFile} (seed ${seed}, ${n} rows)`,
    checks: battery.checks,
    correction: battery.correction,
  });
  const manifest: Manifest = {
    tool: 'disparate',
    tool_version: opts.context.toolVersion,
    command: opts.context.command,
    mode: 'run',
    title: battery.title,
    battery_file: resolved.file,
    battery_hash: resolved.hash,
    model: { file: model.meta.file, hash: model.meta.hash, kind: model.meta.kind, name: model.meta.name, source: model.meta.source },
    population: { file: specFile, hash: `sha256:${createHash('sha256').update(readText(specFile)).digest('hex')}` },
    data: null,
    decision: describeDecision(battery.decision!),
    seed,
    rng: RNG_ALGORITHM,
    rows: n,
    protected: [...battery.protected],
    references: Object.fromEntries(Object.entries(analysis.references).map(([k, v]) => [k, { group: v.group, origin: v.origin }])),
    alpha: battery.alpha,
    correction: battery.correction,
    min_cell: battery.min_cell,
    labels: labels ? `synthetic ground truth "${battery.label}" from the population spec's outcome model, known for every row` : 'none: only selection metrics',
    started: opts.context.started,
    finished: opts.context.now(),
    platform: opts.context.platform,
  };
  return { schemaVersion: 1, manifest, groups: analysis.groups, counterfactual: [], checks: analysis.checks, summary: analysis.summary, warnings: analysis.warnings };
}
