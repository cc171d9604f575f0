import { combinationIndex } from '../accumulate/index.js';
import { DisparateError } from '../errors/index.js';
import { aliasColumns, listNames, mapInto, type Table } from '../../datasets/table/index.js';
import { checkFiniteScores, loadAnyModel } from '../../models/adapters/index.js';
import { createPopulationSource } from './population-source.js';
import { accumulateProxyTables, type ProxyPlan } from '../proxies/index.js';

/** What every chunk of a synthetic run needs; plain data so it can cross into a worker thread. */
export interface ChunkPlan {
  readonly batteryFile: string;
  /** Population spec; null when the run scores a real population file (`dataFile`). */
  readonly specFile: string | null;
  readonly dataFile?: string | null;
  readonly modelFile: string;
  readonly seed: number;
  /** Rows in the whole population (exact joint tables allocate cells over it). */
  readonly size: number;
  readonly protected: readonly string[];
  readonly label: string | null;
  /** Model input → population column, where names differ (battery `inputs`). */
  readonly inputs?: Readonly<Record<string, string>>;
  /** Binning of the model's inputs for proxy tables; absent or null = no proxy tables. */
  readonly proxies?: ProxyPlan | null;
}

/** One scored chunk: rows [start, start + n). Typed arrays only, so it transfers without copying. */
export interface ScoredChunk {
  readonly start: number;
  readonly n: number;
  readonly scores: Float32Array;
  /** Attribute-combination index per row (mixed radix over `levels`). */
  readonly combinations: Int32Array;
  /** 1, 0, or 255 (unknown); null without a label column. */
  readonly labels: Uint8Array | null;
  readonly levels: string[][];
  /** Input bin × attribute combination counts of the chunk (see accumulateProxyTables); null without a proxy plan. */
  readonly proxyTables: Float64Array | null;
}

function protectedCodes(plan: ChunkPlan, table: Table): { codes: Int32Array[]; levels: string[][] } {
  const codes: Int32Array[] = [];
  const levels: string[][] = [];
  plan.protected.forEach((name, i) => {
    const column = table.columns.get(name);
    if (!column) throw new DisparateError('config', `${plan.batteryFile}: protected.${i}: column "${name}" not in the population (columns: ${listNames(table.columns.keys())})`);
    if (column.kind !== 'categorical') throw new DisparateError('config', `${plan.batteryFile}: protected.${i}: column "${name}" is numeric; protected attributes must be categorical (bin it in the population spec)`);
    codes.push(column.codes);
    levels.push([...column.levels]);
  });
  return { codes, levels };
}

function labelValues(plan: ChunkPlan, table: Table): Uint8Array | null {
  if (plan.label === null) return null;
  const column = table.columns.get(plan.label);
  if (!column || column.kind !== 'numeric') throw new DisparateError('config', `${plan.batteryFile}: label: "${plan.label}" is not a numeric 0/1 column of the population (the spec's outcome)`);
  return mapInto(new Uint8Array(column.values.length), column.values, (v) => (v === 1 ? 1 : v === 0 ? 0 : 255));
}

/** The table as the model sees it: population columns also under the model's input names (battery `inputs`). */
export function modelView(plan: ChunkPlan, table: Table): Table {
  const { table: view, missing } = aliasColumns(table, plan.inputs ?? {});
  if (missing.length > 0) {
    const input = Object.entries(plan.inputs ?? {}).find(([, column]) => missing.includes(column))![0];
    throw new DisparateError('config', `${plan.batteryFile}: inputs.${input}: column "${plan.inputs![input]}" not in the population (columns: ${listNames(table.columns.keys())})`);
  }
  return view;
}

/**
 * Loads the population (spec or file) and the model once and returns a function that samples and scores any
 * row range. A row's values depend only on (seed, variable, row), so chunks can run in any order,
 * on any thread, and assemble into the same population.
 */
export function createChunkScorer(plan: ChunkPlan): (start: number, end: number) => Promise<ScoredChunk> {
  const rows = createPopulationSource(plan);
  const model = loadAnyModel(plan.modelFile);
  return async (start, end) => {
    const n = end - start;
    const table = rows(start, n);
    const { codes, levels } = protectedCodes(plan, table);
    const scores = await Promise.resolve(model.bind(modelView(plan, table))(0, n));
    checkFiniteScores(plan.modelFile, scores, start);
    const combinations = combinationIndex(codes, levels.map((l) => l.length), n);
    return {
      start,
      n,
      scores,
      combinations,
      labels: labelValues(plan, table),
      levels,
      proxyTables: plan.proxies ? accumulateProxyTables(plan.proxies, table, combinations, start) : null,
    };
  };
}
