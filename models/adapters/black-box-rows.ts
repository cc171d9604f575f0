import type { RawInput } from '../../harness/config/index.js';
import { cellValue, type Table } from '../../datasets/table/index.js';
import { checkInputs, missingValueError } from './check-inputs.js';
import type { ModelInput, ModelMeta } from './model-adapter.js';

/** The declared inputs of a black box, as the harness checks them. */
export function rawModelInputs(inputs: readonly RawInput[]): ModelInput[] {
  return inputs.map((i) => ({
    name: i.name,
    type: i.type,
    ...(i.type === 'categorical' && i.levels ? { levels: i.levels } : {}),
    ...(i.reference !== undefined ? { reference: i.reference } : i.type === 'numeric' ? { reference: 0 } : i.levels ? { reference: i.levels[0]! } : {}),
  }));
}

export type Applicant = Record<string, string | number | null>;

/**
 * Binds a black box's inputs to a table and returns a function giving the applicant objects of a
 * row range ({input: number | level | null}), as sent to a command or an endpoint.
 */
export function bindApplicants(meta: ModelMeta, inputs: readonly RawInput[], table: Table): (start: number, end: number) => Applicant[] {
  const columns = checkInputs(meta, rawModelInputs(inputs), table);
  return (start, end) => {
    const rows: Applicant[] = new Array(end - start);
    for (let i = start; i < end; i++) {
      const row: Applicant = {};
      inputs.forEach((input, k) => {
        const v = cellValue(columns[k]!, i);
        if (v === null && input.missing === 'error') throw missingValueError(meta, input.name, i);
        row[input.name] = v;
      });
      rows[i - start] = row;
    }
    return rows;
  };
}

/** Checks a black box's answer for one batch: an array of exactly `expected` finite numbers. */
export function checkAnswer(answer: unknown, expected: number): Float32Array | string {
  if (!Array.isArray(answer)) return `expected a JSON array of ${expected} scores, got ${typeof answer === 'object' ? JSON.stringify(answer)?.slice(0, 60) : typeof answer}`;
  if (answer.length !== expected) return `answered ${answer.length} scores for ${expected} applicants`;
  const bad = answer.findIndex((s) => typeof s !== 'number' || !Number.isFinite(s));
  if (bad >= 0) return `score ${bad + 1} of the batch is ${JSON.stringify(answer[bad])}, not a finite number`;
  return Float32Array.from(answer as number[]);
}
