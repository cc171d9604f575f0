import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DisparateError } from '../errors/index.js';
import { loadPopulationSpec } from '../../datasets/synth/index.js';
import { displayManifest } from './display-manifest.js';
import type { Results } from '../results/index.js';
import { RNG_ALGORITHM } from '../stats/rng/index.js';
import { LABEL_LIMITS, listNames, type Column } from '../../datasets/table/index.js';
import type { TextEncoding } from '../config/index.js';
import { loadAnyModel } from '../../models/adapters/index.js';
import { applyDecision, decisionColumns, describeDecision, rowContentTickets, rowIndexTickets, tieWarnings, type Cut } from '../../models/decision/index.js';
import { analyseCells, analysisSections, buildManifest } from '../findings/index.js';
import { buildCells, sweepFractions } from '../findings/index.js';
import { finishProxies, prepareProxies } from './run-proxies.js';
import { batteryReferences, type ResolvedBattery, type ResolvedPopulationBattery } from './resolve-battery.js';
import { DEFAULT_CHUNK_SIZE, modelView, scorePopulation, type ScoredPopulation } from '../scoring/index.js';
import { decisionExtentWarning } from './decision-extent-warning.js';
import { createPopulationSource, readPopulationFile, type PopulationPlan } from '../scoring/index.js';
import { runTwins } from './run-twins.js';
import type { TwinSource } from '../scoring/index.js';
import { declaredManifest } from '../findings/index.js';
import { describeVerification, verifyModel } from './verify-model.js';

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
  /** Receives every row's decision once it is taken (what `compare` pairs across two models). */
  readonly onDecided?: ((rows: DecidedRows) => void) | undefined;
  readonly context: { command: string; toolVersion: string; started: string; platform: string; now: () => string };
  /**
   * The rows already scored (the shards of a sharded run, joined by row index): the run then samples
   * and scores nothing, and everything after scoring is the single run's own code.
   */
  readonly prescored?: Prescored | undefined;
}

/** What a run needs from scoring: every row's score, combination and label, the decision's columns and the twins' scores. */
export interface Prescored {
  readonly scored: ScoredPopulation;
  /** The population columns the decision rule reads (decisionColumns), by row index. */
  readonly decisionTable: Map<string, Column>;
  /** Per twin design (designsOf order) and row range: the twins' scores and the originals' codes of the attribute. */
  readonly twins: TwinSource;
}

/** Every row's attribute combination (mixed radix over `levels`), decision and label, by row index. */
export interface DecidedRows {
  readonly n: number;
  readonly levels: readonly (readonly string[])[];
  readonly combinations: Int32Array;
  readonly flagged: Uint8Array;
  readonly labels: Uint8Array | null;
}

/**
 * The synthetic-run pipeline of a battery.
 *
 *   population spec ──► scorePopulation (chunks × workers: sample ──► score, proxy tables) ──► applyDecision
 *        ──► buildCells (cell counts, score histograms, selection sweep) ──► analyseCells ──► Results
 *   model inputs ──► prepareProxies (bins from fixed rows) ──► … ──► finishProxies (proxy strength)
 *   shards (run --shard I/N) ──► scoreShard (rows [start, end), twins' scores) ──► part files
 *        ──► mergeShards (join by row index) ──► `prescored` ──► applyDecision ──► … (the same path from here)
 *
 * Per row only the score, the attribute combination and the label are kept (9 bytes), because a
 * top-fraction rule needs every score before it can flag any row.
 */
export async function runPopulation(resolved: ResolvedBattery, opts: RunOptions): Promise<Results> {
  // runBattery sends a data: battery to auditDecisions; a caller of this function directly is told why it cannot score one.
  if (resolved.dataFile !== null) throw new DisparateError('config', `${resolved.file}: data: a battery of recorded decisions is audited, not scored; scoring needs population: and model:`);
  const { battery } = resolved;
  const specFile = resolved.populationSpec;
  const dataFile = resolved.populationFile;
  const model = loadAnyModel(resolved.modelFile!);
  const seed = opts.seed ?? battery.seed;
  const verified = resolved.verify ? await verifyModel({ model, ...resolved.verify, inputs: battery.inputs }) : null;
  if (verified && !verified.pass) throw new DisparateError('model', `${resolved.file}: verify: the model does not reproduce the expected predictions: ${describeVerification(verified)}`);
  const encoding = battery.population.encoding;
  const n = dataFile ? fileRows(resolved, dataFile, opts.size, encoding) : (opts.size ?? battery.population.size!);
  const proxyRun = battery.proxies === false ? null : prepareProxies({ specFile, dataFile, encoding, seed, size: n }, model.inputs.map((i) => battery.inputs[i.name] ?? i.name), battery.protected);
  const source = (dataFile ?? specFile)!;
  const plan = { batteryFile: resolved.file, specFile, dataFile, encoding, modelFile: resolved.modelFile!, seed, size: n, protected: battery.protected, label: battery.label ?? null, inputs: battery.inputs, proxies: proxyRun?.plan ?? null };
  const scored = opts.prescored?.scored ?? (await scorePopulation(plan, { n, chunkSize: opts.chunkSize, workers: opts.workers, onProgress: opts.onProgress }));
  // An ONNX model's engine, and a compiled tree ensemble checked against onnxruntime on the population's first rows (the same whatever the chunks and workers).
  const engine = model.async && model.checkEngine ? await model.checkEngine(modelView(plan, createPopulationSource(plan)(0, Math.min(n, 1000)))) : null;
  // Ties at a cut are settled by a lot keyed on row identity: the row index of a synthetic row, the
  // contents of a file's row (whose position is arbitrary).
  const tickets = dataFile ? rowContentTickets(readPopulationFile(dataFile, encoding), seed) : rowIndexTickets(seed);
  const decision = applyDecision(scored.scores, battery.decision, tickets, opts.prescored?.decisionTable ?? decisionTable(plan, decisionColumns(battery.decision), opts.chunkSize ?? DEFAULT_CHUNK_SIZE));
  const { flagged } = decision;
  opts.onDecided?.({ n, levels: scored.levels, combinations: scored.combinations, flagged, labels: scored.labels });
  const { cells, sweep } = buildCells(
    battery.protected.map((name, i) => ({ name, levels: scored.levels[i]! })),
    { n, combinations: scored.combinations, flagged, labels: scored.labels, scores: scored.scores },
    sweepFractions(battery.sweep),
    tickets,
  );
  const labels = scored.labels;
  const analysis = analyseCells(cells, {
    alpha: battery.alpha,
    minCell: battery.min_cell,
    labels: labels !== null,
    references: batteryReferences(resolved),
    dataWhere: dataFile ? `${dataFile} (${n} rows)` : `${specFile} (seed ${seed}, ${n} rows)`,
    checks: battery.checks,
    correction: battery.correction,
    intersections: battery.intersections,
    bootstrap: battery.bootstrap && { replicates: battery.bootstrap.replicates, seed: battery.bootstrap.seed ?? seed },
  }, { sweep, curves: battery.sweep !== false });
  const proxies = proxyRun && scored.proxyTables ? finishProxies(proxyRun, scored.proxyTables, cells, analysis.references, { alpha: battery.alpha, seed: battery.bootstrap?.seed ?? seed }) : null;
  const counterfactual = battery.counterfactual.length
    ? await runTwins(resolved, plan, scored, analysis.references, {
        cut: singleCut(resolved, decision.cut),
        workers: opts.workers ?? 1,
        chunkSize: opts.chunkSize ?? DEFAULT_CHUNK_SIZE,
        alpha: battery.alpha,
        minCell: battery.min_cell,
        stored: opts.prescored?.twins,
      })
    : [];
  const manifest = buildManifest({
    context: opts.context,
    mode: 'run',
    title: battery.title,
    words: { ...unitOf(battery.unit, specFile), ...displayManifest(battery.description, battery.labels, specFile ? loadPopulationSpec(specFile).labels : undefined) },
    batteryFile: resolved.file,
    batteryHash: resolved.hash,
    model: { file: model.meta.file, hash: model.meta.hash, kind: model.meta.kind, name: model.meta.name, source: model.meta.source, ...(model.meta.artifacts ? { artifacts: [...model.meta.artifacts] } : {}), ...(engine ? { engine } : {}) },
    population: { file: source, hash: `sha256:${createHash('sha256').update(readFileSync(source)).digest('hex')}` },
    data: null,
    decision: describeDecision(battery.decision),
    decisionRule: battery.decision.rule,
    seed,
    rng: RNG_ALGORITHM,
    rows: n,
    protected: battery.protected,
    references: analysis.references,
    alpha: battery.alpha,
    correction: battery.correction,
    minCell: battery.min_cell,
    declared: declaredManifest(battery.checks, battery.intersections, battery.inconclusive),
    labels: !labels
      ? 'none: only selection metrics'
      : dataFile
        ? `recorded labels in column "${battery.label}" of ${dataFile}; their provenance is not declared: labels known only for investigated rows bias error rates`
        : `synthetic ground truth "${battery.label}" from the population spec's outcome model, known for every row`,
    verify: verified ? { data: verified.data, expect: verified.expect, column: verified.column, rows: verified.rows, tolerance: verified.tolerance, max_error: verified.max_error, worst_row: verified.worst_row } : undefined,
    bootstrap: battery.bootstrap && { replicates: battery.bootstrap.replicates, seed: battery.bootstrap.seed ?? seed },
  });
  const extent = decisionExtentWarning(battery.decision, flagged);
  const warnings = [...(model.meta.warnings ?? []), ...analysis.warnings, ...tieWarnings(battery.decision, decision.lots), ...(extent ? [extent] : []), ...(proxies?.warnings ?? [])];
  // A rule that flags everyone or no one tested nothing: not a pass.
  const summary = extent && analysis.summary.verdict === 'pass' ? { ...analysis.summary, verdict: 'inconclusive' as const } : analysis.summary;
  return { schemaVersion: 1, manifest, groups: analysis.groups, counterfactual, checks: analysis.checks, summary, warnings, ...analysisSections(analysis), ...(proxies ? { proxies: proxies.proxies } : {}) };
}

/** The cut twins are decided by; resolveBattery refuses twins with strata or a second stage before anything is scored. */
function singleCut(resolved: ResolvedPopulationBattery, cut: Cut | null): Cut {
  if (!cut) throw new DisparateError('internal', `${resolved.file}: counterfactual twins need one cut for every row; ${describeDecision(resolved.battery.decision)} has none`);
  return cut;
}

/**
 * The population columns a decision rule needs (a stratum, uplift columns), sampled again chunk by
 * chunk: a row depends only on (seed, variable, row index), so these are the very rows just scored.
 * Empty (no second pass) for threshold, top_fraction and top_k rules without a second stage.
 */
export function decisionTable(plan: PopulationPlan, names: string[], chunkSize: number, range: readonly [number, number] = [0, plan.size]): Map<string, Column> {
  const out = new Map<string, Column>();
  if (names.length === 0) return out;
  const [first, end] = range;
  const n = end - first;
  const rows = createPopulationSource(plan);
  const parts = new Map<string, Column[]>(names.map((name) => [name, []]));
  for (let start = first; start < end; start += chunkSize) {
    const table = rows(start, Math.min(chunkSize, end - start));
    for (const name of names) {
      const column = table.columns.get(name);
      if (column) parts.get(name)!.push(column);
    }
  }
  for (const [name, columns] of parts) {
    const first = columns[0];
    if (!first || columns.length * chunkSize < n) continue; // absent: applyDecision names it
    out.set(name, first.kind === 'numeric'
      ? { kind: 'numeric', values: concat(columns.map((c) => (c as typeof first).values), Float64Array) }
      : { kind: 'categorical', levels: first.levels, codes: concat(columns.map((c) => (c as typeof first).codes), Int32Array) });
  }
  return out;
}

function concat<T extends Float64Array | Int32Array>(arrays: T[], Type: { new (n: number): T }): T {
  const out = new Type(arrays.reduce((s, a) => s + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

/**
 * Rows of a real population file (the whole file, or its first --size rows), after checking what the
 * sampler guarantees for a spec: every protected column categorical with no missing value (a blank
 * would otherwise land in no group, or in another one), and the label 0, 1 or missing.
 */
export function fileRows(resolved: ResolvedBattery, file: string, size: number | undefined, encoding?: TextEncoding | undefined): number {
  const table = readPopulationFile(file, encoding);
  const wanted = size ?? resolved.battery.population?.size ?? table.n;
  if (wanted > table.n) throw new DisparateError('config', `${resolved.file}: population.size: ${wanted} rows asked, ${file} has ${table.n}`);
  for (const name of resolved.battery.protected) {
    const column = table.columns.get(name);
    if (!column) throw new DisparateError('data', `${file}: protected column "${name}" not found (columns: ${listNames(table.columns.keys())})`);
    if (column.kind !== 'categorical') throw new DisparateError('data', `${file}: protected column "${name}" is numeric; a protected attribute needs groups (bin it first)`);
    if (column.levels.length > LABEL_LIMITS.levels) throw new DisparateError('data', `${file}: protected column "${name}": has ${column.levels.length.toLocaleString('en-US')} distinct values (limit ${LABEL_LIMITS.levels.toLocaleString('en-US')} groups)`);
    const blank = column.codes.subarray(0, wanted).indexOf(-1);
    if (blank >= 0) throw new DisparateError('data', `${file}: protected column "${name}" is empty at row ${blank + 1}`);
  }
  const label = resolved.battery.label;
  const column = label === undefined ? undefined : table.columns.get(label);
  if (column?.kind === 'numeric') {
    const values = column.values.subarray(0, wanted);
    const bad = values.findIndex((v) => v !== 0 && v !== 1 && !Number.isNaN(v));
    if (bad >= 0) throw new DisparateError('data', `${file}: label column "${label}" must be 0, 1 or empty, found ${values[bad]} at row ${bad + 1}`);
  }
  return wanted;
}

/** The report's noun for one row: the battery's, else the population spec's; absent means "people". */
function unitOf(batteryUnit: string | undefined, specFile: string | null): { unit?: string } {
  const unit = batteryUnit ?? (specFile ? loadPopulationSpec(specFile).unit : undefined);
  return unit ? { unit } : {};
}
