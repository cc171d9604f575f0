import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompressionType, tableFromArrays, tableToIPC, utf8 } from '@uwdata/flechette';
import { openEngine, quoteText, registerArrowCodecs } from '../datasets/sql/index.js';

/**
 * `disparate audit` of recorded decisions at the sizes agencies hold: a 1,000,000-row CSV and a
 * 100,000,000-row Parquet file (CAF scores 13.8 M households a month, so a year is ~165 M rows),
 * both written here by DuckDB with 3 protected columns, a flag, a label and a score; beside them, in
 * the same run, Debian's pandas reading the same CSV and grouping it into the same cells (the tool
 * aequitas builds on). Every figure is a spawned process's wall time and peak RSS (/usr/bin/time).
 */
export interface DecisionsFigure {
  readonly what: string;
  readonly seconds: number;
  readonly maxRssMB: number;
}

/** Rows as a deterministic function of their index: groups, score, flag and label from hashes of i. */
function rowsSql(n: number): string {
  return `SELECT
    CASE hash(i) % 10 WHEN 0 THEN 'non_eu' WHEN 1 THEN 'eu' WHEN 2 THEN 'eu' ELSE 'national' END AS nationality,
    CASE hash(i + 1) % 5 WHEN 0 THEN 'disabled' ELSE 'none' END AS disability,
    CASE hash(i + 2) % 3 WHEN 0 THEN 'low' WHEN 1 THEN 'mid' ELSE 'high' END AS income_band,
    (hash(i + 3) % 1000000) / 1000000.0 AS score,
    CASE WHEN (hash(i + 3) % 1000000) >= 900000 THEN 1 ELSE 0 END AS flagged,
    CASE WHEN (hash(i + 4) % 1000) < 80 + (hash(i + 3) % 1000000) / 5000 THEN 1 ELSE 0 END AS label
  FROM range(${n}) AS t(i)`;
}

/** Writes the two files (skipped when present); returns their paths. */
export async function writeDecisionFiles(dir: string, csvRows = 1_000_000, parquetRows = 100_000_000): Promise<{ csv: string; parquet: string }> {
  const csv = join(dir, `decisions-${csvRows}.csv`);
  const parquet = join(dir, `decisions-${parquetRows}.parquet`);
  const engine = await openEngine();
  try {
    if (!existsSync(csv)) await engine.connection.run(`COPY (${rowsSql(csvRows)}) TO '${csv}' (FORMAT csv, HEADER true)`);
    if (!existsSync(parquet)) await engine.connection.run(`COPY (${rowsSql(parquetRows)}) TO '${parquet}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)`);
  } finally {
    engine.close();
  }
  return { csv, parquet };
}

/**
 * The CSV's rows as an Arrow IPC file, text as plain UTF-8 columns (as pyarrow writes a pandas frame),
 * in record batches of 65,536 rows, uncompressed and with LZ4-compressed buffers (as pyarrow's
 * write_feather writes them by default; the frames here are lz4js's). The engine cannot write Arrow
 * without an extension: it reads the CSV back and flechette writes the files.
 */
export async function writeArrowFile(csv: string): Promise<{ plain: string; lz4: string }> {
  const arrow = csv.replace(/\.csv$/, '.arrow');
  const lz4 = csv.replace(/\.csv$/, '.lz4.arrow');
  if (existsSync(arrow) && existsSync(lz4)) return { plain: arrow, lz4 };
  const engine = await openEngine();
  try {
    const r = await engine.connection.runAndReadAll(`SELECT * FROM read_csv(${quoteText(csv)}, header = true)`);
    const columns = Object.fromEntries(r.columnNames().map((name, j) => {
      const values = r.getColumnsJS()[j]!;
      return [name, typeof values[0] === 'string' ? values : Float64Array.from(values, Number)];
    }));
    const types = Object.fromEntries(Object.entries(columns).filter(([, v]) => Array.isArray(v)).map(([n]) => [n, utf8()]));
    const table = tableFromArrays(columns, { types, maxBatchRows: 65_536 });
    writeFileSync(arrow, tableToIPC(table, { format: 'file' })!);
    registerArrowCodecs();
    writeFileSync(lz4, tableToIPC(table, { format: 'file', codec: CompressionType.LZ4_FRAME })!);
  } finally {
    engine.close();
  }
  return { plain: arrow, lz4 };
}

/** Wall time and peak RSS of a command, from GNU time's -f "%e %M" on its last line of stderr. */
function timed(command: string, args: readonly string[]): { seconds: number; maxRssMB: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'ignore', 'pipe'] });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [seconds, kb] = last.split(' ').map(Number);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 400)}`);
  return { seconds: seconds!, maxRssMB: kb! / 1024 };
}

const AUDIT = ['--protected', 'nationality,disability,income_band', '--flag', 'flagged', '--label', 'label', '--score', 'score', '--json'];

/** The pandas counterpart: read_csv, then the cells (3 attributes × flag × label) with counts and score sums. */
const PANDAS = `
import sys, pandas as pd
d = pd.read_csv(sys.argv[1])
cells = d.groupby(['nationality', 'disability', 'income_band', 'flagged', 'label']).agg(n=('score', 'size'), s=('score', 'sum'))
print(len(cells))
`;

/** Best of `repeats` by wall time. */
function best(repeats: number, run: () => { seconds: number; maxRssMB: number }): { seconds: number; maxRssMB: number } {
  const runs = Array.from({ length: repeats }, run);
  return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

/**
 * What any audit through the engine costs at least, in a process that does nothing else: Node
 * starting, DuckDB's module loading (required as the audit requires it), and one GROUP BY of the
 * same cells as pandas' (counts and score sums, the engine sniffing the CSV's types), two threads
 * as the audit runs it. No checks of the values, no histograms, no statistics, no results.json.
 */
const FLOOR = `
const { createRequire } = await import('node:module');
const { DuckDBInstance } = createRequire(process.cwd() + '/')('@duckdb/node-api');
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
const cells = await connection.runAndReadAll(\`SELECT nationality, disability, income_band, flagged, label, COUNT(*) AS n, SUM(score) AS s FROM read_csv('\${process.argv[1]}', header = true) GROUP BY ALL\`);
console.log(cells.getRowsJS().length);
`;

/**
 * The figures: audit of the 1 M-row CSV and pandas on it (best of 3 each), the same audit writing its
 * whole report, DuckDB's floor, the same rows as Arrow IPC (uncompressed and LZ4), and one audit of the 100 M-row Parquet file. `keep`: a folder to write
 * the files into and leave them (else a temporary one).
 */
export async function benchDecisions(keep?: string): Promise<{
  csv: DecisionsFigure;
  report: DecisionsFigure;
  floor: DecisionsFigure;
  arrow: DecisionsFigure;
  arrowLz4: DecisionsFigure;
  pandas: DecisionsFigure | null;
  parquet: DecisionsFigure;
  bytes: { csv: number; parquet: number };
}> {
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'disparate-bench-decisions-'));
  try {
    const files = await writeDecisionFiles(dir);
    const out = join(dir, 'out');
    // --json alone prints results.json and writes no report: the counterpart of pandas' cells.
    const cli = (file: string, ...extra: string[]) => timed(process.execPath, ['dist/harness/cli/main.js', 'audit', file, ...AUDIT, ...extra]);
    const csv = best(3, () => cli(files.csv));
    const report = best(3, () => cli(files.csv, '--out', out));
    const floor = best(3, () => timed(process.execPath, ['--input-type=module', '-e', FLOOR, files.csv]));
    const arrowFiles = await writeArrowFile(files.csv);
    const arrow = best(3, () => cli(arrowFiles.plain));
    const arrowLz4 = best(3, () => cli(arrowFiles.lz4));
    let pandas: DecisionsFigure | null = null;
    try {
      execFileSync('/usr/bin/python3', ['-c', 'import pandas'], { stdio: 'ignore' });
      pandas = { what: 'pandas read_csv + groupby, 1,000,000 rows (best of 3)', ...best(3, () => timed('/usr/bin/python3', ['-c', PANDAS, files.csv])) };
    } catch {
      pandas = null;
    }
    const parquet = cli(files.parquet);
    return {
      csv: { what: 'disparate audit --json (results.json to stdout, no report), 1,000,000-row CSV (best of 3)', ...csv },
      report: { what: 'the same audit writing its whole report (--out: HTML, Markdown, charts as SVG and PNG; best of 3)', ...report },
      floor: { what: 'DuckDB alone on the same file: Node starting, the engine loading, one GROUP BY of the same cells as pandas (counts and score sums), nothing else (best of 3)', ...floor },
      arrow: { what: 'disparate audit --json, the same 1,000,000 rows as an Arrow IPC file (best of 3)', ...arrow },
      arrowLz4: { what: 'disparate audit --json, the same Arrow IPC file with LZ4-compressed record batches (best of 3)', ...arrowLz4 },
      pandas,
      parquet: { what: 'disparate audit --json, 100,000,000-row Parquet', ...parquet },
      bytes: { csv: statSync(files.csv).size, parquet: statSync(files.parquet).size },
    };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
