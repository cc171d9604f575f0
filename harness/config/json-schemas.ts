import { z } from 'zod';
import { Results } from '../results/index.js';
import { Battery } from './battery-schema.js';
import { ModelFile } from './model-schema.js';
import { PopulationSpec } from './population-schema.js';

/** The schemas shipped as JSON Schema for editors and outside tools, generated from zod. */
export const SCHEMAS = { battery: Battery, population: PopulationSpec, model: ModelFile, results: Results } as const;
export type SchemaName = keyof typeof SCHEMAS;

/**
 * JSON Schema (draft 2020-12) of one shape. Input shapes (battery, population, model) describe what a
 * user may write, so fields with defaults are optional; results describe what the tool writes.
 */
export function buildJsonSchema(name: SchemaName): Record<string, unknown> {
  const schema = z.toJSONSchema(SCHEMAS[name], { io: name === 'results' ? 'output' : 'input', unrepresentable: 'any' });
  return { $id: `https://disparate.invalid/schema/${name}.schema.json`, title: `disparate ${name}`, ...schema };
}

/** The committed file of each schema, relative to the repository root. */
export const SCHEMA_FILES: Record<SchemaName, string> = {
  battery: 'harness/config/battery.schema.json',
  population: 'harness/config/population.schema.json',
  model: 'harness/config/model.schema.json',
  results: 'harness/results/results.schema.json',
};

/** The text written to a schema file: stable key order, two-space indent, final newline. */
export function jsonSchemaText(name: SchemaName): string {
  return `${JSON.stringify(buildJsonSchema(name), null, 2)}\n`;
}
