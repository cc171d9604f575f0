import { ARROW_TABLE, decisionsFormat, engineError, hashInput, loadArrow, openArrow, openEngine, quoteIdentifier, quoteText } from '../../datasets/sql/index.js';
import { DisparateError } from '../errors/index.js';
import { existsSync } from 'node:fs';

/**
 * A cells file (`audit --cells`): what the aggregation query returned on another engine, saved as CSV,
 * TSV, Parquet, JSON or Arrow IPC. Read as text where it is text, so sums beyond 2^53 (fixed-point score sums)
 * keep every digit; parseCells types and checks it.
 */
export async function readCells(file: string): Promise<{ cells: unknown[][]; columns: string[]; hash: string }> {
  const format = decisionsFormat(file);
  if (!/[*?[]/.test(file) && !existsSync(file)) throw new DisparateError('data', `${file}: file not found`);
  const engine = await openEngine(1);
  try {
    if (format === 'arrow') {
      // Every column of the file, loaded as the decisions are (see openArrow), then read as any other table.
      await loadArrow(engine.connection, await openArrow(engine.connection, file, /[*?[]/.test(file)), null);
      const result = await engine.connection.runAndReadAll(`SELECT * FROM ${quoteIdentifier(ARROW_TABLE)}`);
      return { cells: result.getColumnsJS() as unknown[][], columns: result.columnNames(), hash: await hashInput(engine.connection, file) };
    }
    const path = quoteText(file);
    const reader =
      format === 'parquet'
        ? `read_parquet(${path})`
        : format === 'json' || format === 'jsonl'
          ? `read_json(${path}, format = ${quoteText(format === 'jsonl' ? 'newline_delimited' : 'auto')})`
          : `read_csv(${path}, header = true, all_varchar = true${format === 'tsv' ? ", delim = '\\t'" : ''}, strict_mode = true)`;
    const result = await engine.connection.runAndReadAll(`SELECT * FROM ${reader}`);
    return { cells: result.getColumnsJS() as unknown[][], columns: result.columnNames(), hash: await hashInput(engine.connection, file) };
  } catch (e) {
    throw engineError(file, e);
  } finally {
    engine.close();
  }
}
