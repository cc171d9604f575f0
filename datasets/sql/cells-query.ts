/**
 * The aggregation query: recorded decisions → the sufficient statistics every audit metric needs,
 * in portable SQL (WITH, CASE, SUM, COUNT, MIN, MAX, FLOOR, CAST — nothing engine-specific), so the
 * same text runs in process on DuckDB and where an agency's data lives (PostgreSQL, SQLite, Spark SQL,
 * Trino, BigQuery). `disparate audit --emit-sql` prints it; `--cells` audits what it returns.
 *
 * ## The cells contract (the query's output = what `--cells` reads)
 *
 * One row per observed combination of the grouping columns:
 *
 * | column          | when                         | meaning |
 * |-----------------|------------------------------|---------|
 * | one per protected attribute, named as the attribute (text) | wide format | the row's group |
 * | `attribute`, `group` (text)     | long format (--long)  | the attribute a row belongs to, and its group |
 * | `flagged`       | always                       | 1 flagged, 0 not |
 * | `label`         | with a label                 | 1 adverse outcome found, 0 not, NULL unknown |
 * | `from_source`   | with --label-source          | 1 the row belongs to the random-audit sample, else 0 |
 * | `suppressed`    | with --count                 | 1 the source rows' count was suppressed (blank, `<k`, the declared marker): `row_count` is NULL there |
 * | `score_bin`     | with a score                 | fine bin of the score, 0 … score_bins − 1 (see below) |
 * | `invalid`       | always                       | NULL, or the first field of a source row that fits no rule (e.g. `flag "f"`); such cells are refused |
 * | `row_count`     | always                       | rows (the sum of the count column with --count) |
 * | `score_sum`, `score_sumsq` | with a score      | Σ w·q and Σ w·q², q the score in fixed point (below), integers |
 * | `ipw_sum`, `ipw_var` | with --selection-probability | Σ w/π and Σ w(1 − π)/π² (Horvitz–Thompson, used on flagged rows) |
 * | `score_lo`, `score_hi`, `score_bins` | with a score | the binning, the same on every row |
 *
 * **Binning, recorded in the output.** The query finds the score range itself (CTE `__range`, MIN and MAX
 * over the valid rows) and bins with FLOOR arithmetic: [0, h] with h the first of 0.01, 0.02, 0.05, 0.1,
 * 0.2, 0.25, 0.5, 1 at or above the largest score when every score lies in [0, 1] (probabilities), else
 * [min, max] (min + 1 when all scores are equal); 1,000 fine bins, bin = FLOOR((s − lo) × (1000 / (hi −
 * lo))), the top edge in the last bin. Every row of the output repeats lo, hi and the bin count, so
 * `--cells` reproduces the run's binning without being told. These are double-precision operations each
 * engine performs identically (IEEE 754), and lo and hi are a scale's ends or observed scores.
 *
 * **Score sums in fixed point.** A sum of doubles depends on the order it is added in, which a parallel
 * engine does not fix: the mean score would differ in its last digits between runs and engines. The
 * query sums integers instead: q = FLOOR((s − lo) / (hi − lo) × 2^20 + 0.5), the score on a grid of
 * 2^−20 of its range (a mean is exact to 5 × 10^−7 of the range at worst). Integer sums are exact and
 * the same everywhere; the reader turns them back into scores: Σs = n·lo + d·Σq, Σs² = n·lo² + 2·lo·d·Σq
 * + d²·Σq², d = (hi − lo) / 2^20.
 *
 * Changes from the first draft of the contract (documented here, its home): `score_sum`/`score_sumsq` are
 * in fixed point for exactness and determinism (above); `invalid` carries bad source rows as cells
 * rather than failing in SQL, which has no portable way to raise an error; `suppressed` marks counts the
 * publisher withheld.
 */

/** Fine bins of the emitted binning (50 output bins × 20). */
export const CELLS_FINE_BINS = 1000;
/** Fixed-point steps of the score range in `score_sum` / `score_sumsq`. */
export const SCORE_FIXED_POINT = 1048576;

/** Scale of the in-process `ipw_sum` / `ipw_var` integers (see CellsQuerySpec.ipwFixedPoint): 2^64. */
export const IPW_FIXED_POINT = 18446744073709551616n;

/** Names of the contract's own columns; a protected attribute may not take one of them. */
export const CELLS_COLUMNS = ['attribute', 'group', 'flagged', 'label', 'from_source', 'suppressed', 'score_bin', 'invalid', 'row_count', 'score_sum', 'score_sumsq', 'ipw_sum', 'ipw_var', 'score_lo', 'score_hi', 'score_bins'] as const;

/** A check on every source row: `sql` is true where the row breaks the rule `field` names. */
export interface RowCheck {
  /** What is wrong, as `invalid` shows it, e.g. `flag "f"`. */
  readonly field: string;
  readonly sql: string;
}

/**
 * The query, its parts already compiled to SQL (see roles.ts for how a command line's roles become
 * these): every fragment refers to columns of the source (and of `derive`) by double-quoted name.
 */
export interface CellsQuerySpec {
  /** FROM item: a quoted table name, or (in process) a reader call such as read_parquet('…'). */
  readonly from: string;
  /** Rows kept (--where), boolean SQL. */
  readonly where?: string | undefined;
  /** Derived columns (--derive name=expr), in order; a later one may use an earlier one. */
  readonly derive?: readonly { readonly name: string; readonly sql: string }[] | undefined;
  /** Wide format: one text column per protected attribute. */
  readonly attributes: readonly { readonly name: string; readonly sql: string }[];
  /** Long format: the attribute and group of each row (text SQL); `attributes` is then empty. */
  readonly long?: { readonly attribute: string; readonly group: string } | undefined;
  /** 1 flagged, 0 not (integer SQL; rows failing a check are carried in `invalid`). */
  readonly flag: string;
  /** 1, 0 or NULL (unknown). */
  readonly label?: string | undefined;
  /**
   * Positives among the count (--positives): each source row is split into its positives (label 1)
   * and the rest (label 0); `label` must then be absent. NULL = unknown (the row's count is carried
   * with label NULL).
   */
  readonly positives?: string | undefined;
  /** Rows each source row stands for (integer SQL); absent = 1. NULL where `suppressed` is true. */
  readonly count?: string | undefined;
  /** True where the count was withheld by the publisher. */
  readonly suppressed?: string | undefined;
  /** Score (double SQL). */
  readonly score?: string | undefined;
  /** True where the row belongs to the random-audit sample. */
  readonly fromSource?: string | undefined;
  /** Probability π that a flagged row was investigated (double SQL). */
  readonly selectionProbability?: string | undefined;
  /**
   * In process: `ipw_sum` and `ipw_var` as exact integer sums of each row's term × 2^64 (HUGEINT), the
   * term itself the double the portable query sums. A sum of doubles depends on the order it is added
   * in; an integer sum does not, so the cells of disjoint sets of rows (the shards of a file) add up to
   * the cells of their union exactly, and a parallel scan gives the same sums as a serial one. The
   * reader divides by 2^64 (IPW_FIXED_POINT). Terms are exact on this grid from 2^−12 up; terms of
   * 2^63 or more do not fit and are refused by the engine.
   */
  readonly ipwFixedPoint?: boolean | undefined;
  /** In process: the binning found by rangeQuery, as the shortest decimal text of each double (exact). */
  readonly binning?: { readonly lo: string; readonly hi: string } | undefined;
  /** Rules each source row must satisfy, in the order they are reported. */
  readonly checks: readonly RowCheck[];
  /**
   * In process: a row that breaks a rule is marked `invalid` by the rule's number (1-based), not its
   * text. The cells are then refused whole and the first such row looked up (explain-invalid.ts), so
   * the text is never read, and an integer key groups faster than a text one.
   */
  readonly invalidCodes?: boolean | undefined;
}

/** A SQL identifier, double-quoted (a quote inside doubled), as every engine of the list reads it. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A SQL string literal, single-quoted (a quote inside doubled). */
export function quoteText(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

const q = quoteIdentifier;
const DOUBLE = (sql: string) => `CAST(${sql} AS DOUBLE PRECISION)`;

/** The probability scale ends the binning chooses from (score-binning.ts's chooseScoreBinning). */
const PROBABILITY_ENDS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5] as const;

/** The binning rule (see the contract above) over the smallest and largest score, as SELECT columns. */
function binningColumns(lo: string, hi: string): string {
  const probability = `${lo} >= 0 AND ${hi} <= 1`;
  const ends = PROBABILITY_ENDS.map((h) => `WHEN ${hi} <= ${DOUBLE(String(h))} THEN ${DOUBLE(String(h))}`).join(' ');
  return (
    `CASE WHEN ${probability} THEN ${DOUBLE('0')} ELSE ${lo} END AS ${q('score_lo')},\n` +
    `    CASE WHEN ${probability} THEN (CASE ${ends} ELSE ${DOUBLE('1')} END) WHEN ${hi} > ${lo} THEN ${hi} ELSE ${lo} + 1 END AS ${q('score_hi')},\n` +
    `    ${CELLS_FINE_BINS} AS ${q('score_bins')}`
  );
}

/**
 * In process only: the binning of `spec`'s scores (score_lo, score_hi) from one pass over the score
 * column (and the columns --where and --derive need), so the aggregation itself reads the rows once.
 * Rows whose score is not a finite number are left out here; the aggregation refuses them anyway.
 */
export function rangeQuery(spec: CellsQuerySpec): string {
  const ctes = sourceCtes(spec, false);
  const s = `(${spec.score})`;
  return `WITH ${ctes.list.join(',\n')},\n${q('__range')} AS (\n  SELECT MIN(${s}) AS ${q('lo')}, MAX(${s}) AS ${q('hi')} FROM ${ctes.from} WHERE (${s} - ${s}) = 0\n)\nSELECT ${binningColumns(q('lo'), q('hi'))} FROM ${q('__range')}\n`;
}

/**
 * The source and derived columns as CTEs (`numbered`: with each row's place in the source, 1-based,
 * counted before --where, for messages naming a row). Derived columns come after --where's filter only
 * when the filter does not use them: --where may use a derived column, so the filter is applied last.
 */
function sourceCtes(spec: CellsQuerySpec, numbered: boolean): { list: string[]; from: string } {
  const list: string[] = [];
  list.push(`${q('__source')} AS (\n  SELECT ${numbered ? `row_number() OVER () AS ${q('__row')}, ` : ''}* FROM ${spec.from}\n)`);
  let from = q('__source');
  (spec.derive ?? []).forEach((d, i) => {
    const name = q(`__derived_${i + 1}`);
    list.push(`${name} AS (\n  SELECT *, ${d.sql} AS ${q(d.name)} FROM ${from}\n)`);
    from = name;
  });
  if (spec.where) {
    list.push(`${q('__kept')} AS (\n  SELECT * FROM ${from}\n  WHERE ${spec.where}\n)`);
    from = q('__kept');
  }
  return { list, from };
}

/**
 * A diagnostic query (in process only): the first source row, in file order, where `condition` holds
 * after --derive and --where, with its row number and the text of `column`.
 */
export function firstRowQuery(spec: CellsQuerySpec, condition: string, column: string): string {
  const ctes = sourceCtes(spec, true);
  return `WITH ${ctes.list.join(',\n')}\nSELECT ${q('__row')}, CAST(${q(column)} AS VARCHAR) AS ${q('value')} FROM ${ctes.from} WHERE ${condition} ORDER BY ${q('__row')} LIMIT 1\n`;
}

/**
 * The aggregation query for `spec`. Deterministic text: the same spec gives the same bytes.
 *
 * @example cellsQuery({ from: '"decisions"', attributes: [{ name: 'sex', sql: '"sex"' }], flag: 'CASE WHEN "f" = 1 THEN 1 ELSE 0 END', checks: [] })
 */
export function cellsQuery(spec: CellsQuerySpec): string {
  const lines: string[] = [];
  const ctes = sourceCtes(spec, false);
  const from = ctes.from;
  const groups: string[] = spec.long ? ['attribute', 'group'] : spec.attributes.map((a) => a.name);
  const cases: string[] = [];
  if (spec.long) cases.push(`${spec.long.attribute} AS ${q('attribute')}`, `${spec.long.group} AS ${q('group')}`);
  else for (const a of spec.attributes) cases.push(`${a.sql} AS ${q(a.name)}`);
  const invalid =
    spec.checks.length > 0
      ? `CASE${spec.checks.map((c, i) => `\n      WHEN ${c.sql} THEN ${spec.invalidCodes ? String(i + 1) : quoteText(c.field)}`).join('')}\n      ELSE NULL END`
      : `CAST(NULL AS ${spec.invalidCodes ? 'INTEGER' : 'VARCHAR'})`;
  cases.push(`${spec.flag} AS ${q('flagged')}`);
  const split = spec.positives !== undefined;
  if (split) {
    // The row's positives and the rest, one case row each; an unknown number of positives: the whole count, label unknown.
    const pos = `(${spec.positives})`;
    const count = spec.count ? `(${spec.count})` : '1';
    cases.push(`CASE WHEN ${pos} IS NULL THEN NULL ELSE ${q('__split')}.${q('__part')} END AS ${q('label')}`);
    cases.push(`CASE WHEN ${pos} IS NULL THEN (CASE WHEN ${q('__split')}.${q('__part')} = 1 THEN ${count} ELSE 0 END) WHEN ${q('__split')}.${q('__part')} = 1 THEN ${pos} ELSE ${count} - ${pos} END AS ${q('__w')}`);
  } else {
    if (spec.label !== undefined) cases.push(`${spec.label} AS ${q('label')}`);
    cases.push(`${spec.count ?? '1'} AS ${q('__w')}`);
  }
  if (spec.fromSource !== undefined) cases.push(`CASE WHEN ${spec.fromSource} THEN 1 ELSE 0 END AS ${q('from_source')}`);
  if (spec.count !== undefined) cases.push(`CASE WHEN ${spec.suppressed ?? '1 = 0'} THEN 1 ELSE 0 END AS ${q('suppressed')}`);
  if (spec.score !== undefined) cases.push(`${DOUBLE(spec.score)} AS ${q('__s')}`);
  if (spec.selectionProbability !== undefined) cases.push(`${DOUBLE(spec.selectionProbability)} AS ${q('__p')}`);
  cases.push(`${invalid} AS ${q('invalid')}`);
  const labelled = split || spec.label !== undefined;
  ctes.list.push(
    `${q('__cases')} AS (\n  SELECT\n    ${cases.join(',\n    ')}\n  FROM ${from}${split ? `\n  CROSS JOIN (SELECT 1 AS ${q('__part')} UNION ALL SELECT 0 AS ${q('__part')}) AS ${q('__split')}` : ''}\n)`,
  );
  let rows = q('__cases');
  if (spec.score !== undefined) {
    if (spec.binning) {
      // In process, the range was found by a first query (rangeQuery): one pass here, nothing materialised.
      ctes.list.push(`${q('__binning')} AS (\n  SELECT CAST(${quoteText(spec.binning.lo)} AS DOUBLE) AS ${q('score_lo')}, CAST(${quoteText(spec.binning.hi)} AS DOUBLE) AS ${q('score_hi')}, ${CELLS_FINE_BINS} AS ${q('score_bins')}\n)`);
    } else {
      ctes.list.push(`${q('__range')} AS (\n  SELECT MIN(${q('__s')}) AS ${q('lo')}, MAX(${q('__s')}) AS ${q('hi')} FROM ${q('__cases')} WHERE ${q('invalid')} IS NULL\n)`);
      ctes.list.push(`${q('__binning')} AS (\n  SELECT\n    ${binningColumns(q('lo'), q('hi'))}\n  FROM ${q('__range')}\n)`);
    }
    const s = `${q('__cases')}.${q('__s')}`;
    const lo = `${q('__binning')}.${q('score_lo')}`;
    const hi = `${q('__binning')}.${q('score_hi')}`;
    const bin = `FLOOR((${s} - ${lo}) * (${DOUBLE(String(CELLS_FINE_BINS))} / (${hi} - ${lo})))`;
    const fixed = `FLOOR((${s} - ${lo}) / (${hi} - ${lo}) * ${DOUBLE(String(SCORE_FIXED_POINT))} + ${DOUBLE('0.5')})`;
    // The raw bin and fixed-point score once per row (__raw), clamped and kept for valid rows (__binned).
    ctes.list.push(
      `${q('__raw')} AS (\n  SELECT\n    ${q('__cases')}.*,\n    ${bin} AS ${q('__b')},\n    ${fixed} AS ${q('__f')},\n` +
        `    ${lo} AS ${q('score_lo')}, ${hi} AS ${q('score_hi')}, ${q('__binning')}.${q('score_bins')} AS ${q('score_bins')}\n` +
        `  FROM ${q('__cases')} CROSS JOIN ${q('__binning')}\n)`,
    );
    const ok = `${q('invalid')} IS NULL AND ${q('__s')} IS NOT NULL`;
    const b = q('__b');
    ctes.list.push(
      `${q('__binned')} AS (\n  SELECT\n    *,\n` +
        `    CASE WHEN ${ok} THEN CAST(CASE WHEN ${b} >= ${CELLS_FINE_BINS} THEN ${CELLS_FINE_BINS - 1} WHEN ${b} < 0 THEN 0 ELSE ${b} END AS INTEGER) ELSE NULL END AS ${q('score_bin')},\n` +
        `    CASE WHEN ${ok} THEN CAST(${q('__f')} AS BIGINT) ELSE NULL END AS ${q('__q')}\n` +
        `  FROM ${q('__raw')}\n)`,
    );
    rows = q('__binned');
  }
  const keys = [...groups.map(q), q('flagged')];
  if (labelled) keys.push(q('label'));
  if (spec.fromSource !== undefined) keys.push(q('from_source'));
  if (spec.count !== undefined) keys.push(q('suppressed'));
  if (spec.score !== undefined) keys.push(q('score_bin'));
  keys.push(q('invalid'));
  const sums = [`SUM(${q('__w')}) AS ${q('row_count')}`];
  if (spec.score !== undefined) {
    const w = spec.count !== undefined || split ? `${q('__w')} * ` : '';
    sums.push(`SUM(${w}${q('__q')}) AS ${q('score_sum')}`, `SUM(${w}${q('__q')} * ${q('__q')}) AS ${q('score_sumsq')}`);
  }
  if (spec.selectionProbability !== undefined) {
    const p = q('__p');
    const sum = (term: string) => (spec.ipwFixedPoint ? `SUM(CAST((${term}) * CAST('${IPW_FIXED_POINT}' AS DOUBLE) AS HUGEINT))` : `SUM(${term})`);
    sums.push(`${sum(`${q('__w')} / ${p}`)} AS ${q('ipw_sum')}`, `${sum(`${q('__w')} * (1 - ${p}) / (${p} * ${p})`)} AS ${q('ipw_var')}`);
  }
  if (spec.score !== undefined) sums.push(`MIN(${q('score_lo')}) AS ${q('score_lo')}`, `MAX(${q('score_hi')}) AS ${q('score_hi')}`, `MAX(${q('score_bins')}) AS ${q('score_bins')}`);
  lines.push(`WITH ${ctes.list.join(',\n')}`);
  lines.push(`SELECT\n  ${[...keys, ...sums].join(',\n  ')}\nFROM ${rows}\nGROUP BY ${keys.join(', ')}\nORDER BY ${keys.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
