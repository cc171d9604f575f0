import { createHash } from 'node:crypto';
import { accumulateCombinations, createCellCounts } from '../accumulate/index.js';
import { readText } from '../config/index.js';
import type { Manifest, Results } from '../results/index.js';
import { RNG_ALGORITHM } from '../stats/rng/index.js';
import { loadModel } from '../../models/adapters/index.js';
import { applyDecision, describeDecision } from '../../models/decision/index.js';
import { analyseCells, analysisSections, bootstrapManifest } from './analyse-cells.js';
import { batteryReferences, type ResolvedBattery } from './resolve-battery.js';
import { DEFAULT_CHUNK_SIZE, scorePopulation } from './score-population.js';
import { runTwins } from './run-twins.js';

export interface RunOptions {
  /** Overrides the battery's seed (--seed). */
  readonly seed?: number | undefined;
  /** Overrides the population size (--size). */
  readonly size?: number | undefined;
  /** Worker threads (--workers); the results never depend on it. */
  readonly workers?: number | undefined;
  /** Rows per chunk; the results never depend on it. */
  readonly chunkSize?: number | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  readonly context: { command: string; toolVersion: string; started: string; platform: string; now: () => string };
}

/**
 * The synthetic-run pipeline of a battery.
 *
 *   population spec ──► scorePopulation (chunks × workers: sample ──► score) ──► applyDecision
 *        ──► accumulateCombinations ──► analyseCells ──► Results
 *
 * Per row only the score, the attribute combination and the label are kept (9 bytes), because a
 * top-fraction rule needs every score before it can flag any row.
 */
export async function runBattery(resolved: ResolvedBattery, opts: RunOptions): Promise<Results> {
  const { battery } = resolved;
  const specFile = resolved.populationSpec!;
  const model = loadModel(resolved.modelFile!);
  const seed = opts.seed ?? battery.seed;
  const n = opts.size ?? battery.population!.size;
  const plan = { batteryFile: resolved.file, specFile, modelFile: resolved.modelFile!, seed, size: n, protected: battery.protected, label: battery.label ?? null };
  const scored = await scorePopulation(plan, { n, chunkSize: opts.chunkSize, workers: opts.workers, onProgress: opts.onProgress });
  const flagged = applyDecision(scored.scores, battery.decision!);
  const cells = createCellCounts(battery.protected.map((name, i) => ({ name, levels: scored.levels[i]! })));
  accumulateCombinations(cells, { n, combinations: scored.combinations, flagged, labels: scored.labels, scores: scored.scores });
  const labels = scored.labels;
  const analysis = analyseCells(cells, {
    alpha: battery.alpha,
    minCell: battery.min_cell,
    labels: labels !== null,
    references: batteryReferences(resolved),
    dataWhere: `${specFile} (seed ${seed}, ${n} rows)`,
    checks: battery.checks,
    correction: battery.correction,
    intersections: battery.intersections,
    bootstrap: battery.bootstrap && { replicates: battery.bootstrap.replicates, seed: battery.bootstrap.seed ?? seed },
  });
  const counterfactual = battery.counterfactual.length
    ? await runTwins(resolved, plan, scored, analysis.references, {
        workers: opts.workers ?? 1,
        chunkSize: opts.chunkSize ?? DEFAULT_CHUNK_SIZE,
        alpha: battery.alpha,
        minCell: battery.min_cell,
      })
    : [];
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
    ...bootstrapManifest(battery.bootstrap && { replicates: battery.bootstrap.replicates, seed: battery.bootstrap.seed ?? seed }),
  };
  return { schemaVersion: 1, manifest, groups: analysis.groups, counterfactual, checks: analysis.checks, summary: analysis.summary, warnings: analysis.warnings, ...analysisSections(analysis) };
}
