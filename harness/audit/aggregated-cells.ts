import { createCellCounts, HISTOGRAM_SLOT_COUNT, SLOT_COUNT, type CellCounts, type ScoreBinning } from '../accumulate/index.js';
import { CELLS_COLUMNS, CELLS_FINE_BINS, IPW_FIXED_POINT, SCORE_FIXED_POINT } from '../../datasets/sql/index.js';
import { normaliseLabels } from '../../datasets/table/index.js';
import { DisparateError } from '../errors/index.js';
import { selectiveTally, type SelectiveTallied } from '../findings/index.js';

/** One row of the aggregation query's output (see datasets/sql/cells-query.ts, the cells contract). */
export interface CellRow {
  /** Wide: the level of each protected attribute; long: [attribute, group]. */
  readonly keys: readonly string[];
  readonly flagged: 0 | 1;
  /** 1, 0 or null (unknown). */
  readonly label: 0 | 1 | null;
  readonly fromSource: 0 | 1;
  /** The count was withheld by the publisher: `n` is unknown (0 here). */
  readonly suppressed: boolean;
  /** Fine bin of the score (0 … 999), null without a score. */
  readonly bin: number | null;
  readonly n: number;
  /** Σ w·q and Σ w·q², q the score in fixed point (exact integers). */
  readonly q: bigint;
  readonly qq: bigint;
  readonly ipwSum: number;
  readonly ipwVar: number;
  /** In-process cells: ipwSum and ipwVar as the exact integers × 2^64 they were read from (see IPW_FIXED_POINT). */
  readonly ipwFixed?: { readonly sum: bigint; readonly var: bigint } | undefined;
  /** Number of source rows behind a withheld cell (1 per source row; 0 otherwise). */
  readonly suppressedRows: number;
}

/** The aggregation query's output, typed: everything an audit computes comes from it. */
export interface AggregatedDecisions {
  /** Where the cells came from, for messages (a file name, or `--cells FILE`). */
  readonly where: string;
  /** Wide format: the protected attributes, in the order of `keys`; long format: empty. */
  readonly attributes: readonly string[];
  readonly long: boolean;
  readonly labelled: boolean;
  readonly sourced: boolean;
  readonly probability: boolean;
  readonly counted: boolean;
  /** The query's binning (lo, hi, 1,000 fine bins); null without a score. */
  readonly binning: { readonly lo: number; readonly hi: number; readonly bins: number } | null;
  readonly rows: readonly CellRow[];
}

/** Cap on combinations × fine bins × 3 label slots (as chooseScoreBinning: 128 MB of Float64). */
const MAX_SLOTS = 1 << 24;
/** Fine bins per output bin of the query's binning (1,000 = 50 × 20). */
const FINE_PER_OUTPUT = 20;

/**
 * The run's ScoreBinning from the query's: 1,000 fine bins, merged by 2, 4, 5, 10 or 20 when there are
 * so many attribute combinations that the histograms would pass 128 MB (the merged edges are edges of
 * the query's bins, so merging is exact). Returns the binning and how many query bins make one fine bin.
 */
function auditBinning(binning: { lo: number; hi: number; bins: number }, combinations: number): { binning: ScoreBinning; merge: number } {
  if (binning.bins !== CELLS_FINE_BINS) throw new DisparateError('data', `score_bins is ${binning.bins}; the cells contract has ${CELLS_FINE_BINS} fine bins`);
  const merge = [1, 2, 4, 5, 10, 20].find((m) => Math.max(1, combinations) * (CELLS_FINE_BINS / m) * HISTOGRAM_SLOT_COUNT <= MAX_SLOTS) ?? FINE_PER_OUTPUT;
  return { binning: { lo: binning.lo, hi: binning.hi, bins: CELLS_FINE_BINS / merge, coarsen: FINE_PER_OUTPUT / merge }, merge };
}

/** One table of cells: all protected attributes (wide) or one attribute (long format). */
export interface AggregatedPart {
  readonly cells: CellCounts;
  /** The rows of this part, with their combination index. */
  readonly rows: readonly { readonly row: CellRow; readonly combination: number; readonly codes: readonly number[] }[];
  /** Per combination: source rows whose count was withheld. */
  readonly withheld: Float64Array;
}

/** Levels of one attribute from the values seen, normalised by the label policy and sorted by code point. */
function levelsOf(values: Iterable<string>, what: string): { levels: string[]; codeOf: Map<string, number> } {
  const raw = [...new Set(values)];
  const named = normaliseLabels(raw, 'group');
  if (named.problem !== null) throw new DisparateError('data', `${what}: ${named.problem}`);
  const norm = named.levels;
  const levels = [...new Set(norm)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const codeOf = new Map(raw.map((r, i) => [r, levels.indexOf(norm[i]!)]));
  return { levels, codeOf };
}

/**
 * The cell counts of the aggregated rows: one part for wide data, one per kept attribute for long
 * data (`wanted`: the attributes asked for, all when empty, in code-point order).
 */
export function aggregatedParts(agg: AggregatedDecisions, wanted: readonly string[]): { name: string[]; part: AggregatedPart }[] {
  if (!agg.long) {
    const levels = agg.attributes.map((name, a) => levelsOf(agg.rows.map((r) => r.keys[a]!), `${agg.where}: protected column "${name}"`));
    return [{ name: [...agg.attributes], part: buildPart(agg, agg.rows, agg.attributes, levels, (r) => r.keys) }];
  }
  const present = [...new Set(agg.rows.map((r) => r.keys[0]!))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const named = normaliseLabels(present, 'label');
  if (named.problem !== null) throw new DisparateError('data', `${agg.where}: attribute column: ${named.problem}`);
  const keep = wanted.length > 0 ? [...wanted] : present;
  for (const a of keep) if (!present.includes(a)) throw new DisparateError('data', `${agg.where}: attribute "${a}" not found in the attribute column (attributes: ${present.join(', ')})`);
  return keep.map((attribute) => {
    const rows = agg.rows.filter((r) => r.keys[0] === attribute);
    const levels = [levelsOf(rows.map((r) => r.keys[1]!), `${agg.where}: protected column "${attribute}"`)];
    return { name: [attribute], part: buildPart(agg, rows, [attribute], levels, (r) => [r.keys[1]!]) };
  });
}

function buildPart(agg: AggregatedDecisions, rows: readonly CellRow[], names: readonly string[], levels: { levels: string[]; codeOf: Map<string, number> }[], keysOf: (r: CellRow) => readonly string[]): AggregatedPart {
  const attributes = names.map((name, a) => ({ name, levels: levels[a]!.levels }));
  const combinations = attributes.reduce((acc, a) => acc * a.levels.length, 1);
  const merged = agg.binning ? auditBinning(agg.binning, combinations) : null;
  const cells = createCellCounts(attributes, merged?.binning ?? null);
  const withheld = new Float64Array(combinations);
  const sumQ = Array.from({ length: agg.binning ? combinations : 0 }, () => 0n);
  const sumQQ = Array.from({ length: agg.binning ? combinations : 0 }, () => 0n);
  const out: AggregatedPart['rows'][number][] = [];
  const sizes = attributes.map((a) => a.levels.length);
  const codesOf = levels.map((l) => l.codeOf);
  for (const row of rows) {
    const keys = keysOf(row);
    const codes = new Array<number>(keys.length);
    let c = 0;
    for (let a = 0; a < keys.length; a++) {
      codes[a] = codesOf[a]!.get(keys[a]!)!;
      c = c * sizes[a]! + codes[a]!;
    }
    out.push({ row, combination: c, codes });
    if (row.suppressed) {
      withheld[c]! += row.suppressedRows;
      continue;
    }
    const labelSlot = row.label === 1 ? 0 : row.label === 0 ? 1 : 2;
    cells.counts[c * SLOT_COUNT + (row.flagged === 1 ? 0 : 3) + labelSlot]! += row.n;
    if (merged && row.bin !== null) {
      const b = Math.floor(row.bin / merged.merge);
      cells.histogram![(c * merged.binning.bins + b) * HISTOGRAM_SLOT_COUNT + labelSlot]! += row.n;
      cells.scoreCount[c]! += row.n;
      sumQ[c]! += row.q;
      sumQQ[c]! += row.qq;
    }
  }
  if (agg.binning) {
    // Σs = n·lo + d·Σq and Σs² = n·lo² + 2·lo·d·Σq + d²·Σq², d one fixed-point step (cells-query.ts).
    const { lo, hi } = agg.binning;
    const d = (hi - lo) / SCORE_FIXED_POINT;
    for (let c = 0; c < combinations; c++) {
      const n = cells.scoreCount[c]!;
      const sq = Number(sumQ[c]!);
      const sqq = Number(sumQQ[c]!);
      cells.scoreSum[c] = n * lo + d * sq;
      cells.scoreSumSq[c] = n * lo * lo + 2 * lo * d * sq + d * d * sqq;
    }
  }
  return { cells, rows: out, withheld };
}

/**
 * Counts of the selective-labels analysis of one attribute (see collectSelectiveCounts, which this
 * computes from cells instead of rows): the random-audit sample and the flagged cases by label, with
 * Horvitz–Thompson sums from `ipw_sum` / `ipw_var` where selection probabilities are known.
 */
export function selectiveFromCells(agg: AggregatedDecisions, part: AggregatedPart, attributeIndex: number, reference: string): SelectiveTallied {
  const attribute = part.cells.attributes[attributeIndex]!;
  const tally = selectiveTally(attribute.levels.length);
  for (const { row, codes } of part.rows) {
    if (row.suppressed) continue;
    // Without selection probabilities π = 1: Σ w/π is the count and the variance term is 0.
    tally.add(codes[attributeIndex]!, row.n, row.fromSource === 1, row.flagged === 1, row.label === null ? null : row.label === 1, agg.probability ? row.ipwSum : row.n, agg.probability ? row.ipwVar : 0);
  }
  return tally.result(attribute.name, attribute.levels, reference);
}

const CONTRACT = new Set<string>(CELLS_COLUMNS);

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * Cells as the aggregation query returned them (`table`: one array of values per column) (in process, from a cells file, or from another engine),
 * typed and checked against the contract: a cell that breaks it is a data error naming `where`, the
 * column and the cell (1-based). The protected attributes are the columns outside the contract, or
 * `attribute` and `group` (long format).
 */
export function parseCells(
  table: readonly (readonly unknown[])[],
  columns: readonly string[],
  where: string,
  layout?: { readonly attributes: readonly string[]; readonly long: boolean; readonly ipwFixedPoint?: boolean | undefined },
): AggregatedDecisions {
  const has = new Set(columns);
  for (const needed of ['flagged', 'row_count']) if (!has.has(needed)) throw new DisparateError('data', `${where}: column "${needed}" not found: not the output of the aggregation query (columns: ${columns.join(', ')})`);
  const twice = columns.find((c, i) => columns.indexOf(c) !== i);
  if (twice !== undefined) throw new DisparateError('data', `${where}: column "${twice}" appears twice`);
  const long = layout ? layout.long : has.has('attribute') && has.has('group');
  const attributes = layout ? [...layout.attributes] : long ? [] : columns.filter((c) => !CONTRACT.has(c));
  for (const a of attributes) if (!has.has(a)) throw new DisparateError('data', `${where}: protected column "${a}" not found (columns: ${columns.join(', ')})`);
  const index = new Map(columns.map((c, i) => [c, i]));
  // Values by column position (column-major), never object keys: a column named "__proto__" is a column
  // like any other. Each column is looked up once; an absent one reads as undefined in every cell.
  const cellCount = table[0]?.length ?? 0;
  const column = (c: string): readonly unknown[] | null => (index.has(c) ? table[index.get(c)!]! : null);
  if (!long && attributes.length === 0) throw new DisparateError('data', `${where}: no protected attribute column (columns: ${columns.join(', ')})`);
  const keyColumns = long ? ['attribute', 'group'] : attributes;
  const keyValues = keyColumns.map((c) => column(c)!);
  const scored = has.has('score_bin');
  const fail = (i: number, column: string, value: unknown, what: string) =>
    new DisparateError('data', `${where}: column "${column}" ${what}, found ${JSON.stringify(typeof value === 'bigint' ? value.toString() : value)?.slice(0, 40)} in cell ${i + 1}`);
  const num = (i: number, column: string, v: unknown, nullable: boolean): number | null => {
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (blank(v)) {
      if (nullable) return null;
      throw fail(i, column, v, 'must hold a number');
    }
    const x = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number(String(v).trim());
    if (!Number.isFinite(x)) throw fail(i, column, v, 'must hold a number');
    return x;
  };
  const big = (i: number, column: string, v: unknown): bigint => {
    if (typeof v === 'bigint') return v;
    if (blank(v)) return 0n;
    const text = typeof v === 'number' ? (Number.isInteger(v) ? v.toFixed(0) : '') : String(v).trim().replace(/\.0*$/, '');
    if (!/^-?\d+$/.test(text)) throw fail(i, column, v, 'must hold an integer (a fixed-point score sum)');
    return BigInt(text);
  };
  const bit = (i: number, column: string, v: unknown, nullable: boolean): 0 | 1 | null => {
    if (v === 0 || v === 1) return v;
    const x = num(i, column, v, nullable);
    if (x === null) return null;
    if (x !== 0 && x !== 1) throw fail(i, column, v, 'must be 0 or 1');
    return x;
  };
  const invalidOf = column('invalid');
  const suppressedOf = column('suppressed');
  const countOf = column('row_count')!;
  const [binOf, loOf, hiOf, binsOf] = [column('score_bin'), column('score_lo'), column('score_hi'), column('score_bins')];
  const flaggedOf = column('flagged')!;
  const labelOf = column('label');
  const sourceOf = column('from_source');
  const [sumOf, sumSqOf, ipwSumOf, ipwVarOf] = [column('score_sum'), column('score_sumsq'), column('ipw_sum'), column('ipw_var')];
  let binning: AggregatedDecisions['binning'] = null;
  const fixedIpw = layout?.ipwFixedPoint === true && ipwSumOf !== null && ipwVarOf !== null;
  const rows: CellRow[] = new Array(cellCount);
  for (let i = 0; i < cellCount; i++) {
    const invalid = invalidOf?.[i];
    if (!blank(invalid)) throw new DisparateError('data', `${where}: cell ${i + 1}: source rows fit no rule (${String(invalid)}); find them with the query's checks and correct the data`);
    const keys = keyValues.map((values, k) => {
      const v = values[i];
      if (blank(v)) throw fail(i, keyColumns[k]!, v, 'is empty: every cell needs a group');
      return String(v);
    });
    const suppressed = suppressedOf ? bit(i, 'suppressed', suppressedOf[i], false) === 1 : false;
    const n = suppressed ? 0 : num(i, 'row_count', countOf[i], false)!;
    if (!(n >= 0) || !Number.isSafeInteger(n)) throw fail(i, 'row_count', countOf[i], 'must hold a non-negative integer below 2^53');
    let bin: number | null = null;
    if (scored && !suppressed) {
      bin = num(i, 'score_bin', binOf![i], true);
      if (bin !== null) {
        if (!Number.isInteger(bin) || bin < 0 || bin >= CELLS_FINE_BINS) throw fail(i, 'score_bin', binOf![i], `must be an integer from 0 to ${CELLS_FINE_BINS - 1}`);
        const lo = num(i, 'score_lo', loOf?.[i], false)!;
        const hi = num(i, 'score_hi', hiOf?.[i], false)!;
        const bins = num(i, 'score_bins', binsOf?.[i], false)!;
        if (!binning) binning = { lo, hi, bins };
        else if (binning.lo !== lo || binning.hi !== hi || binning.bins !== bins) throw fail(i, 'score_lo', loOf?.[i], 'differs between cells: one query\'s output has one binning');
        if (!(hi > lo)) throw fail(i, 'score_hi', hiOf?.[i], 'must be above score_lo');
      }
    }
    const withScore = scored && bin !== null;
    rows[i] = {
      keys,
      flagged: bit(i, 'flagged', flaggedOf[i], false)!,
      label: labelOf ? bit(i, 'label', labelOf[i], true) : null,
      fromSource: sourceOf ? bit(i, 'from_source', sourceOf[i], false)! : 0,
      suppressed,
      bin,
      n,
      q: withScore ? big(i, 'score_sum', sumOf?.[i]) : 0n,
      qq: withScore ? big(i, 'score_sumsq', sumSqOf?.[i]) : 0n,
      suppressedRows: suppressed ? 1 : 0,
      ...(fixedIpw
        ? fromFixed(suppressed ? 0n : big(i, 'ipw_sum', ipwSumOf[i]), suppressed ? 0n : big(i, 'ipw_var', ipwVarOf[i]))
        : {
            ipwSum: ipwSumOf && !suppressed ? num(i, 'ipw_sum', ipwSumOf[i], false)! : 0,
            ipwVar: ipwVarOf && !suppressed ? num(i, 'ipw_var', ipwVarOf[i], false)! : 0,
          }),
    };
  }
  if (rows.length === 0) throw new DisparateError('data', `${where}: no rows to audit`);
  return {
    where,
    attributes,
    long,
    labelled: has.has('label'),
    sourced: has.has('from_source'),
    probability: has.has('ipw_sum'),
    counted: has.has('suppressed'),
    binning,
    rows,
  };
}

/** Horvitz–Thompson sums from their fixed-point integers: each the double nearest the exact sum. */
function fromFixed(sum: bigint, variance: bigint): Pick<CellRow, 'ipwSum' | 'ipwVar' | 'ipwFixed'> {
  const scale = Number(IPW_FIXED_POINT);
  return { ipwSum: Number(sum) / scale, ipwVar: Number(variance) / scale, ipwFixed: { sum, var: variance } };
}

/** Text in the engine's order (code point order, as its byte-wise comparison of UTF-8 gives). */
function compareText(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Numbers ascending, null after every number (the engine's default: NULLS LAST). */
function compareNullable(a: number | null, b: number | null): number {
  return a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b;
}

/**
 * Cells whose rows may repeat a key (the outputs of the aggregation query over disjoint sets of rows,
 * e.g. the shards of one file, binned alike) as the query over all the rows gives them: one row per
 * key with the counts, fixed-point score sums and Horvitz–Thompson sums added, in the query's ORDER BY
 * (groups, flagged, label, from_source, suppressed, score_bin). Counts, score sums and in-process
 * Horvitz–Thompson sums are integers, so the sums are exact in any order; a withheld cell stands for
 * its key once, as in the query.
 *
 * @example combineCells(parseCells(concatenated.data, concatenated.columns, file, layout)).rows.length
 */
export function combineCells(agg: AggregatedDecisions): AggregatedDecisions {
  const byKey = new Map<string, CellRow>();
  for (const row of agg.rows) {
    const key = JSON.stringify([row.keys, row.flagged, row.label, row.fromSource, row.suppressed, row.bin]);
    const seen = byKey.get(key);
    byKey.set(
      key,
      seen
        ? {
            ...seen,
            n: seen.n + row.n,
            q: seen.q + row.q,
            qq: seen.qq + row.qq,
            // Fixed-point sums (in-process cells) add exactly; sums of doubles from elsewhere as doubles.
            ...(seen.ipwFixed && row.ipwFixed ? fromFixed(seen.ipwFixed.sum + row.ipwFixed.sum, seen.ipwFixed.var + row.ipwFixed.var) : { ipwSum: seen.ipwSum + row.ipwSum, ipwVar: seen.ipwVar + row.ipwVar }),
            suppressedRows: Math.max(seen.suppressedRows, row.suppressedRows),
          }
        : row,
    );
  }
  for (const row of byKey.values()) if (!Number.isSafeInteger(row.n)) throw new DisparateError('data', `${agg.where}: a cell's row_count passes 2^53 once the parts are added`);
  const rows = [...byKey.values()].sort((a, b) => {
    for (let k = 0; k < a.keys.length; k++) {
      const c = compareText(a.keys[k]!, b.keys[k]!);
      if (c !== 0) return c;
    }
    return (
      a.flagged - b.flagged ||
      compareNullable(a.label, b.label) ||
      a.fromSource - b.fromSource ||
      Number(a.suppressed) - Number(b.suppressed) ||
      compareNullable(a.bin, b.bin)
    );
  });
  return { ...agg, rows };
}
