import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCategorical, numeric, type Column, type Table } from '../../datasets/table/index.js';
import { bindAsync, loadAnyModel } from '../../models/adapters/index.js';

const dir = mkdtempSync(join(tmpdir(), 'disparate-blackbox-'));
const n = 25;
const table: Table = {
  n,
  columns: new Map<string, Column>([
    ['income', numeric(Float64Array.from({ length: n }, (_, i) => i * 40))],
    ['nationality', encodeCategorical(Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'non_eu' : 'national')), ['national', 'non_eu'])],
  ]),
};
const expected = Array.from({ length: n }, (_, i) => Math.fround(Math.min(1, (i * 40) / 1000)));
const inputs = [{ name: 'income', type: 'numeric' }, { name: 'nationality', type: 'categorical', levels: ['national', 'non_eu'] }];

function modelFile(name: string, model: Record<string, unknown>): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ name, inputs, ...model }));
  return file;
}
const score = (file: string) => bindAsync(loadAnyModel(file), table)(0, n);

describe('command adapter', () => {
  const script = resolve('test/fixtures/black-box/score-lines.mjs');
  const cmd = (mode: string, extra: Record<string, unknown> = {}) => modelFile(`cmd-${mode}.json`, { kind: 'command', command: [process.execPath, script, mode], batch_size: 10, ...extra });

  it('scores in batches over JSON lines', async () => {
    expect(Array.from(await score(cmd('ok')))).toEqual(expected);
  });

  it.each([
    ['crash', /cmd-crash\.json: command .* exited with code 3 after 1 of 3 batches/],
    ['stderr-exit', /exited with code 1 after 0 of 3 batches; stderr: model weights not found/],
    ['malformed', /cmd-malformed\.json: command .* answered batch 1 with malformed JSON: "\{not json"/],
    ['short', /batch 1: answered 9 scores for 10 applicants/],
  ])('%s → DisparateError naming the model file', async (mode, message) => {
    await expect(score(cmd(mode))).rejects.toMatchObject({ name: 'DisparateError', code: 'model', message: expect.stringMatching(message) });
  });

  it('timeout → error naming the limit', async () => {
    await expect(score(cmd('hang', { timeout_ms: 300 }))).rejects.toThrow(/timed out after 300 ms \(timeout_ms\) with 0 of 3 batches answered/);
  });

  it('a program that cannot start', async () => {
    await expect(score(modelFile('cmd-missing.json', { kind: 'command', command: ['./no-such-program'] }))).rejects.toThrow(/could not start: ENOENT/);
  });
});

describe('http adapter against a local server', () => {
  let server: Server;
  let base = '';
  const log: string[] = [];
  const counts = new Map<string, number>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (d: Buffer) => parts.push(d));
      req.on('end', () => {
        const path = req.url ?? '/';
        const count = (counts.get(path) ?? 0) + 1;
        counts.set(path, count);
        const rows = (JSON.parse(Buffer.concat(parts).toString('utf8')) as { rows: { income: number }[] }).rows;
        const ok = () => res.end(JSON.stringify({ scores: rows.map((r) => Math.min(1, r.income / 1000)) }));
        log.push(`${path} #${count} rows=${rows.length}`);
        if (path === '/ok') return ok();
        if (path === '/flaky') {
          // Every odd request fails with 503 (then 429 with Retry-After), its retry succeeds.
          if (count % 2 === 1) {
            res.statusCode = count % 4 === 1 ? 503 : 429;
            if (res.statusCode === 429) res.setHeader('retry-after', '0.01');
            return res.end('busy');
          }
          return ok();
        }
        if (path === '/down') return ((res.statusCode = 500), res.end('internal error'));
        if (path === '/malformed') return res.end('{"scores": [0.1, ');
        if (path === '/short') return res.end(JSON.stringify({ scores: [0.5] }));
        if (path === '/forbidden') return ((res.statusCode = 403), res.end('no key'));
        if (path === '/hang') return; // never answers
        res.statusCode = 404;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const http = (path: string, extra: Record<string, unknown> = {}) =>
    modelFile(`http${path.replace('/', '-')}.json`, { kind: 'http', url: `${base}${path}`, batch_size: 10, concurrency: 2, backoff_ms: 5, timeout_ms: 2000, ...extra });

  it('scores in concurrent batches, placed by row', async () => {
    expect(Array.from(await score(http('/ok')))).toEqual(expected);
    expect(log.filter((l) => l.startsWith('/ok')).map((l) => l.replace(/#\d+ /, ''))).toEqual(['/ok rows=10', '/ok rows=10', '/ok rows=5']);
  });

  it('retries 503 and 429 with backoff and succeeds; the retries are in the server log', async () => {
    expect(Array.from(await score(http('/flaky', { concurrency: 1 })))).toEqual(expected);
    expect(counts.get('/flaky')).toBe(6); // 3 batches × (failure + retry)
  });

  it('500s: stops after the retries with a clear error, never a partial result', async () => {
    await expect(score(http('/down', { retries: 2 }))).rejects.toThrow(/http-down\.json: http:\/\/127\.0\.0\.1:\d+\/down: rows 1–10 of the chunk: failed 3 times \(retries: 2\); last: HTTP 500 internal error/);
    expect(log.filter((l) => l.startsWith('/down #')).length).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['/malformed', /malformed JSON in the response: "\{\\"scores\\": \[0\.1, "/],
    ['/short', /answered 1 scores for 10 applicants/],
    ['/forbidden', /HTTP 403 no key/],
  ])('%s → DisparateError, no retry', async (path, message) => {
    await expect(score(http(path))).rejects.toMatchObject({ code: 'model', message: expect.stringMatching(message) });
  });

  it('timeout → retried, then an error naming the timeout', async () => {
    await expect(score(http('/hang', { timeout_ms: 100, retries: 1, concurrency: 1 }))).rejects.toThrow(/failed 2 times \(retries: 1\); last: timed out after 100 ms/);
    expect(counts.get('/hang')).toBe(2);
  });

  it('disparate score exits 2 with a one-line message naming the model file', async () => {
    const data = join(dir, 'people.csv');
    writeFileSync(data, `income,nationality\n${Array.from({ length: 12 }, (_, i) => `${i * 80},${i % 2 ? 'national' : 'non_eu'}`).join('\n')}\n`);
    const run = (model: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((res) => {
        const child = execFile(process.execPath, ['dist/harness/cli/main.js', 'score', '--model', model, '--data', data, '--out', join(dir, 'scored.csv')], (_e, stdout, stderr) => res({ code: child.exitCode, stdout, stderr }));
      });
    const bad = await run(http('/down', { retries: 1 }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^disparate: .*http-down\.json: .*failed 2 times \(retries: 1\); last: HTTP 500/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const good = await run(http('/ok'));
    expect(good.code).toBe(0);
    expect(readFileSync(join(dir, 'scored.csv'), 'utf8').split('\n').slice(0, 3)).toEqual(['income,nationality,score', '0,non_eu,0', '80,national,0.07999999821186066']);
  });
});
