import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/**
 * The same battery and seed give the same results.json whatever the number of workers and the
 * chunk size: every draw depends only on (seed, variable, row) and chunks are placed by row index.
 * Only the manifest's timestamps and command line may differ.
 */
function comparable(dir: string): string {
  const text = readFileSync(`${dir}/results.json`, 'utf8');
  return text
    .replace(/"(started|finished)": "[^"]*"/g, '"$1": "-"')
    .replace(/"command": "[^"]*"/, '"command": "-"');
}

describe('results do not depend on workers or chunk size', () => {
  const variants = [
    ['--workers', '1', '--chunk-size', '65536'],
    ['--workers', '2', '--chunk-size', '7777'],
    ['--workers', '3', '--chunk-size', '50000'],
  ];
  const outputs = variants.map((v, i) => {
    const out = `test/output/determinism-${i}`;
    const r = runCli(['run', 'batteries/default.yaml', '--size', '120000', '--out', out, ...v]);
    return { out, status: r.status, stderr: r.stderr };
  });

  it('every variant completes with the same exit status', () => {
    for (const o of outputs) expect(o.stderr).toBe('');
    expect(new Set(outputs.map((o) => o.status)).size).toBe(1);
  });

  it('results.json is byte-identical apart from timestamps and the command', () => {
    const first = comparable(outputs[0]!.out);
    for (const o of outputs.slice(1)) expect(comparable(o.out)).toBe(first);
  });

  it('a different seed gives different results', () => {
    const r = runCli(['run', 'batteries/default.yaml', '--size', '120000', '--seed', '7', '--out', 'test/output/determinism-seed']);
    expect(r.status).not.toBe(2);
    expect(comparable('test/output/determinism-seed')).not.toBe(comparable(outputs[0]!.out));
  });
});
