import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gone, spawnCli, type CliOutcome } from './spawn-cli.js';

/**
 * SIGINT (and SIGTERM) at several points of a real run, on two threads whose command-model processes
 * each leave a helper holding their stdout: before the CLI has loaded, while scoring, once scoring is
 * done (analysis and report writing), and at fractions of a whole run's length. Whatever the point,
 * the output folder holds the previous complete report or a complete new one, no temporary folder is
 * left, no model process or helper survives, and the CLI ends within 2 s of the signal with 130 (143
 * for SIGTERM), or is ended by the signal itself when it comes before the CLI could set its handlers.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-interrupt-'));
writeFileSync(join(dir, 'people.csv'), `nat,income\n${Array.from({ length: 400 }, (_, i) => `${i % 3 ? 'fr' : 'nl'},${(i * 397) % 1000}`).join('\n')}\n`);
writeFileSync(
  join(dir, 'slow.mjs'),
  `import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
const [pids, delay] = process.argv.slice(2);
// a helper holding stdout: it must die with the model, whatever stops the run
const helper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: ['ignore', 'inherit', 'inherit'] });
writeFileSync(pids + '/' + process.pid, String(helper.pid));
let queue = Promise.resolve();
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  writeFileSync(pids + '/started', '');
  queue = queue.then(() => new Promise((r) => setTimeout(r, Number(delay)))).then(() => {
    process.stdout.write(JSON.stringify(JSON.parse(line).map((a) => a.income / 1000)) + '\\n');
  });
});
lines.on('close', () => queue.then(() => {
  writeFileSync(pids + '/done-' + process.pid, '');
  process.exit(0);
}));
`,
);
const pids = join(dir, 'pids');
writeFileSync(
  join(dir, 'slow.json'),
  JSON.stringify({ kind: 'command', name: 'slow', command: [process.execPath, 'slow.mjs', pids, '150'], batch_size: 50, timeout_ms: 30_000, inputs: [{ name: 'income', type: 'numeric' }] }),
);
const battery = join(dir, 'interrupted.yaml');
writeFileSync(battery, 'title: interrupted\nseed: 1\npopulation: { file: people.csv }\nmodel: slow.json\ndecision: { rule: threshold, value: 0.5 }\nprotected: [nat]\nproxies: false\n');
/** 400 rows in chunks of 100 on 2 threads: 4 model processes, each with a helper. */
const CHUNKS = 4;

const out = join(dir, 'out');
/** File name → sha256 of its bytes, or null when the folder does not exist. */
const snapshot = (folder: string) =>
  existsSync(folder) ? Object.fromEntries(readdirSync(folder).sort().map((n) => [n, createHash('sha256').update(readFileSync(join(folder, n))).digest('hex')])) : null;
/** The report the folder held before the current run. */
let previous: Record<string, string> = {};
let names: string[] = [];
let wholeRun = 0;

/** Runs the battery and sends `signal` when `when` says so (polled every 10 ms); returns the outcome and when the signal went. */
async function interrupted(when: (elapsed: number) => boolean, signal: NodeJS.Signals = 'SIGINT'): Promise<CliOutcome & { sentAt: number | null; exitedAt: number }> {
  rmSync(pids, { recursive: true, force: true });
  mkdirSync(pids);
  previous = snapshot(out) ?? {};
  let sentAt: number | null = null;
  let poll: NodeJS.Timeout | undefined;
  const started = Date.now();
  const r = await spawnCli(['run', battery, '--out', out, '--workers', '2', '--chunk-size', '100'], {
    cwd: dir,
    onStart: (pid) => {
      poll = setInterval(() => {
        if (sentAt !== null || !when(Date.now() - started)) return;
        sentAt = Date.now();
        try {
          process.kill(pid, signal);
        } catch {
          /* already exited */
        }
      }, 10);
    },
  });
  clearInterval(poll);
  return { ...r, sentAt, exitedAt: Date.now() };
}

const done = () => readdirSync(pids).filter((n) => n.startsWith('done-')).length;

async function expectClean(r: Awaited<ReturnType<typeof interrupted>>, signal: NodeJS.Signals = 'SIGINT') {
  const exitCode = signal === 'SIGINT' ? 130 : 143;
  if (r.sentAt !== null && r.status !== 1) expect(r.exitedAt - r.sentAt).toBeLessThan(2000);
  const after = snapshot(out);
  if (r.status === exitCode) {
    expect(r.stderr).toMatch(new RegExp(`^disparate: interrupted by ${signal}; (nothing was written|the report in .* was complete before it)\\n$`));
    if (/nothing was written/.test(r.stderr)) expect(after).toEqual(previous);
  } else if (r.status === null) {
    expect(r.signal).toBe(signal); // before the CLI had set its handlers: nothing had started
    expect(after).toEqual(previous);
  } else {
    expect(r.status, r.stderr).toBe(1); // finished before the signal
  }
  // previous or complete new: the same files either way (results.json present only with all the others)
  expect(Object.keys(after ?? {})).toEqual(names);
  expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).toHaveProperty('schemaVersion', 1);
  expect(readdirSync(dir).filter((n) => n.includes('.disparate-'))).toEqual([]);
  const models = readdirSync(pids).filter((n) => /^\d+$/.test(n));
  for (const model of models) {
    expect(await gone(Number(model)), `model ${model}`).toBe(true);
    expect(await gone(Number(readFileSync(join(pids, model), 'utf8'))), `helper of model ${model}`).toBe(true);
  }
}

beforeAll(async () => {
  const first = await interrupted(() => false);
  expect(first.stderr).toBe('');
  expect(first.status).toBe(1);
  expect(done()).toBe(CHUNKS);
  names = Object.keys(snapshot(out)!);
  expect(names.length).toBeGreaterThan(10);
  wholeRun = first.ms;
});

describe('interrupting a run', () => {
  it.each([0.2, 1])('SIGINT %s s after the start', async (seconds) => {
    await expectClean(await interrupted((t) => t >= seconds * 1000));
  });

  it('SIGINT while the first model answers: 130, models and helpers killed, previous report kept', async () => {
    const r = await interrupted(() => existsSync(join(pids, 'started')));
    expect(r.status).toBe(130);
    expect(r.stderr).toBe('disparate: interrupted by SIGINT; nothing was written\n');
    expect(readdirSync(pids).filter((n) => /^\d+$/.test(n)).length).toBeGreaterThan(0);
    await expectClean(r);
  });

  it('SIGTERM while scoring: 143', async () => {
    const r = await interrupted(() => existsSync(join(pids, 'started')), 'SIGTERM');
    expect(r.status).toBe(143);
    await expectClean(r, 'SIGTERM');
  });

  it.each([0, 100, 200, 300, 400])('SIGINT %i ms after scoring is done (analysis, report building and writing)', async (ms) => {
    let at: number | null = null;
    await expectClean(await interrupted((t) => (done() === CHUNKS ? ((at ??= t), t - at >= ms) : false)));
  });

  it.each([0.35, 0.6, 0.85, 0.95])('SIGINT at %s of a whole run', async (fraction) => {
    await expectClean(await interrupted((t) => t >= fraction * wholeRun));
  });
});

describe('interrupting generate', () => {
  it('SIGINT while writing: 130 within 2 s, the previous file kept, no temporary file', async () => {
    const folder = mkdtempSync(join(dir, 'generate-'));
    const file = join(folder, 'population.csv');
    writeFileSync(file, 'previous\n');
    let sentAt = 0;
    let poll: NodeJS.Timeout | undefined;
    const r = await spawnCli(['generate', 'datasets/populations/caf-households.yaml', '--size', '5000000', '--seed', '1', '--chunk-size', '8192', '--out', file], {
      onStart: (pid) => {
        poll = setInterval(() => {
          // the temporary file appears beside once sampling has started
          if (sentAt || !readdirSync(folder).some((n) => n.includes('.disparate-'))) return;
          sentAt = Date.now();
          process.kill(pid, 'SIGINT');
        }, 10);
      },
    });
    clearInterval(poll);
    expect(r.stderr).toBe('disparate: interrupted by SIGINT; nothing was written\n');
    expect(r.status).toBe(130);
    expect(Date.now() - sentAt).toBeLessThan(2000); // a signal is handled between chunks (8,192 rows here)
    expect(readdirSync(folder)).toEqual(['population.csv']);
    expect(readFileSync(file, 'utf8')).toBe('previous\n');
  });
});
