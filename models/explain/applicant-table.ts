import { encodeCategorical, numeric, type Column, type Table } from '../../datasets/table/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import type { ModelInput } from '../adapters/index.js';

export type ApplicantValues = Readonly<Record<string, unknown>>;

/**
 * A table of applicants given as JSON objects, one row each, typed by the model's inputs: numbers
 * for numeric inputs, declared levels for categorical ones, null for a missing value. Every
 * missing, unknown or mistyped field is named in one DisparateError('usage').
 *
 * @example applicantTable(model.inputs, [{ income: 900, nationality: 'non_eu' }])
 */
export function applicantTable(inputs: readonly ModelInput[], applicants: readonly ApplicantValues[], where = '--applicant'): Table {
  const problems: string[] = [];
  const first = applicants[0] ?? {};
  for (const key of Object.keys(first)) if (!inputs.some((i) => i.name === key)) problems.push(`"${key}" is not an input of the model`);
  const columns = new Map<string, Column>();
  for (const input of inputs) {
    if (!Object.hasOwn(first, input.name)) {
      problems.push(`"${input.name}" (${input.type}${input.levels ? `: ${input.levels.join(' | ')}` : ''}) is missing`);
      continue;
    }
    const values = applicants.map((a) => a[input.name]);
    if (input.type === 'numeric') {
      const bad = values.find((v) => v !== null && typeof v !== 'number');
      if (bad !== undefined) problems.push(`"${input.name}" must be a number, not ${JSON.stringify(bad)}`);
      else columns.set(input.name, numeric(Float64Array.from(values, (v) => (v === null ? NaN : (v as number)))));
    } else {
      const bad = values.find((v) => v !== null && (typeof v !== 'string' || (input.levels !== undefined && !input.levels.includes(v))));
      if (bad !== undefined) problems.push(`"${input.name}" must be one of ${input.levels?.join(', ') ?? 'its levels'}, not ${JSON.stringify(bad)}`);
      else columns.set(input.name, encodeCategorical(values as (string | null)[], input.levels ?? [...new Set(values as string[])]));
    }
  }
  if (problems.length > 0) throw new DisparateError('usage', `${where}: ${problems.join('; ')}`);
  return { n: applicants.length, columns };
}
