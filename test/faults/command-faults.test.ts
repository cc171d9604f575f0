import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gone, spawnCli } from '../cli/spawn-cli.js';

/**
 * Command models that crash, answer garbage or too little, hang, leave a grandchild holding their
 * output, or write a line that never ends: each run of `disparate score` ends with exit 2 and one
 * line naming the model file, within its timeout + 2 s (+ the time a healthy run of the same command
 * takes to start and write: a hang guard, not a performance target), and leaves no process behind.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-cmd-faults-'));
const script = join(dir, 'fault-model.mjs');
writeFileSync(
  script,
  `import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
const [mode, pidFile] = process.argv.slice(2);
const scores = (rows) => rows.map((r) => r.income / 1000);
if (mode.startsWith('grandchild')) {
  // a helper that inherits stdout and outlives its parent unless the whole group is killed
  const helper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 25000)'], { stdio: ['ignore', 'inherit', 'inherit'] });
  writeFileSync(pidFile, String(helper.pid));
  if (mode === 'grandchild-exit') process.exit(0);
  setInterval(() => {}, 1000);
} else if (mode === 'endless') {
  const chunk = 'x'.repeat(1 << 16);
  const pump = () => { while (process.stdout.write(chunk)); process.stdout.once('drain', pump); };
  pump();
} else if (mode === 'hang') {
  setInterval(() => {}, 1000);
} else {
  let batch = 0;
  createInterface({ input: process.stdin }).on('line', (line) => {
    const rows = JSON.parse(line);
    batch++;
    if (mode === 'crash' && batch === 2) {
      process.stderr.write('Traceback (most recent call last):\\n  File "score.py", line 3\\nValueError: boom\\n');
      process.exit(3);
    }
    if (mode === 'garbage') return void process.stdout.write('\\u0000\\u0007\\u00ff garbage \\u001b[31m\\n');
    if (mode === 'short') return void process.stdout.write(JSON.stringify(scores(rows).slice(1)) + '\\n');
    process.stdout.write(JSON.stringify(scores(rows)) + '\\n');
  });
}
`,
);
const data = join(dir, 'people.csv');
writeFileSync(data, `income\n${Array.from({ length: 15 }, (_, i) => i * 50).join('\n')}\n`);

function model(mode: string, timeoutMs: number): { file: string; pidFile: string } {
  const file = join(dir, `cmd-${mode}.json`);
  const pidFile = join(dir, `${mode}.pid`);
  writeFileSync(file, JSON.stringify({ kind: 'command', name: mode, command: [process.execPath, script, mode, pidFile], batch_size: 5, timeout_ms: timeoutMs, inputs: [{ name: 'income', type: 'numeric' }] }));
  return { file, pidFile };
}
const score = (file: string) => spawnCli(['score', '--model', file, '--data', data, '--out', join(dir, 'scored.csv')]);

let baseline = 0;
beforeAll(async () => {
  const ok = await score(model('ok', 20_000).file);
  expect(ok.stderr).toBe('');
  expect(ok.status).toBe(0);
  baseline = ok.ms;
});

describe('command model faults → exit 2, one line naming the model file, no process left', () => {
  it.each([
    ['crash', 20_000, 0, /cmd-crash\.json: command ".*fault-model\.mjs crash .*" exited with code 3 after 1 of 3 batches; stderr: File "score\.py", line 3 \| ValueError: boom$/],
    ['garbage', 20_000, 0, /cmd-garbage\.json: command .* answered batch 1 with malformed JSON: " \u00ff garbage  \[31m"$/],
    ['short', 20_000, 0, /cmd-short\.json: command .* batch 1: answered 4 scores for 5 applicants$/],
    ['hang', 1500, 1500, /cmd-hang\.json: command .* timed out after 1500 ms \(timeout_ms\) with 0 of 3 batches answered$/],
    ['grandchild-hang', 3000, 3000, /cmd-grandchild-hang\.json: command .* timed out after 3000 ms \(timeout_ms\) with 0 of 3 batches answered$/],
    ['grandchild-exit', 20_000, 0, /cmd-grandchild-exit\.json: command .* answered 0 of 3 batches before exiting$/],
    ['endless', 20_000, 0, /cmd-endless\.json: command .* answered batch 1 with a line longer than 1048576 bytes \(the limit: 64 bytes per applicant of batch_size 5, at least 1 MiB\)$/],
  ])('%s (timeout_ms %i)', async (mode, timeoutMs, budget, message) => {
    const { file, pidFile } = model(mode, timeoutMs);
    const r = await score(file);
    expect(r.status).toBe(2);
    expect(r.stderr.endsWith('\n')).toBe(true);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^disparate: /);
    expect(lines[0]).toMatch(message);
    expect(r.stdout).toBe('');
    // the bound: the fault's own budget (its timeout, when it is a hang) + 2 s, over a healthy run's time
    expect(r.ms).toBeLessThan(budget + 2000 + baseline);
    if (mode.startsWith('grandchild')) {
      const helper = Number(readFileSync(pidFile, 'utf8'));
      expect(await gone(helper)).toBe(true);
    }
  });
});
