import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaText, SCHEMA_FILES, type SchemaName } from '../../harness/config/index.js';
import { runCli } from '../cli/run-cli.js';

describe('committed JSON Schemas are generated from the zod schemas', () => {
  it.each(Object.entries(SCHEMA_FILES))('%s schema in %s is current (run `npm run schema` to refresh)', (name, file) => {
    expect(readFileSync(file, 'utf8')).toBe(jsonSchemaText(name as SchemaName));
  });

  it('`disparate schema` prints the battery schema', () => {
    const r = runCli(['schema']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(SCHEMA_FILES.battery, 'utf8'));
    const schema = JSON.parse(r.stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['title', 'protected', 'checks', 'alpha']));
  });
});
