import { writeFileSync } from 'node:fs';
import { jsonSchemaText, SCHEMA_FILES, type SchemaName } from '../config/index.js';
import type { SCHEMA_KINDS, SchemaArgs } from './commands.js';

// The command table lists the schema names without loading zod; this fails to compile when the two lists differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kindsMatch: Same<(typeof SCHEMA_KINDS)[number], SchemaName> = true;
void kindsMatch;

/** `disparate schema [kind]`: print the JSON Schema of batteries (default), population specs, models or results. */
export const schemaCommand = {
  handler(argv: SchemaArgs): number {
    if (argv.write) {
      for (const [name, file] of Object.entries(SCHEMA_FILES)) writeFileSync(file, jsonSchemaText(name as SchemaName));
      return 0;
    }
    process.stdout.write(jsonSchemaText(argv.kind));
    return 0;
  },
};
