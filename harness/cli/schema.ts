import { writeFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { jsonSchemaText, SCHEMA_FILES, SCHEMAS, type SchemaName } from '../config/index.js';

/** `disparate schema [kind]`: print the JSON Schema of batteries (default), population specs, models or results. */
export const schemaCommand = {
  command: 'schema [kind]',
  describe: 'Print the JSON Schema of a battery (or population, model, results)',
  builder: (y: Argv) =>
    y
      .positional('kind', { choices: Object.keys(SCHEMAS), default: 'battery', describe: 'which schema' })
      .option('write', { type: 'boolean', default: false, describe: 'rewrite every committed schema file instead' }),
  handler(argv: { kind: string; write: boolean }): number {
    if (argv.write) {
      for (const [name, file] of Object.entries(SCHEMA_FILES)) writeFileSync(file, jsonSchemaText(name as SchemaName));
      return 0;
    }
    process.stdout.write(jsonSchemaText(argv.kind as SchemaName));
    return 0;
  },
};
