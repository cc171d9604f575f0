import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../cli/spawn-cli.js';

/**
 * http models against servers that fail: 5xx, 429 with a day-long Retry-After, a dripping body, a
 * reset connection, redirects (to another origin, undeclared, declared), a body that does not match
 * its Content-Length, too many or too few scores, a runaway body. Each run of `disparate score` ends
 * with exit 2 and one line naming the model file, within its budget + 2 s (+ the time a healthy run of
 * the same command takes: a hang guard, not a performance target). The servers live on 127.0.0.1 and
 * are started and stopped here.
 */
const dir = mkdtempSync(join(tmpdir(), 'disparate-http-faults-'));
const data = join(dir, 'people.csv');
writeFileSync(data, `income\n${Array.from({ length: 12 }, (_, i) => i * 50).join('\n')}\n`);

let server: Server;
let elsewhere: Server;
let base = '';
let other = '';
/** What reached the other origin: must stay empty. */
const stolen: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];

const scores = (body: string) => JSON.stringify({ scores: (JSON.parse(body) as { rows: { income: number }[] }).rows.map((r) => r.income / 1000) });

beforeAll(async () => {
  elsewhere = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      stolen.push({ url: req.url ?? '', headers: req.headers, body });
      res.end(scores(body));
    });
  });
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      switch (req.url) {
        case '/ok':
          return res.end(scores(body));
        case '/overloaded':
          return ((res.statusCode = 503), res.end('overloaded'));
        case '/rate-limited':
          res.writeHead(429, { 'retry-after': '86400' });
          return res.end('slow down');
        case '/drip': {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{"scores": [');
          const t = setInterval(() => res.write(' '), 100);
          return void res.on('close', () => clearInterval(t));
        }
        case '/reset':
          return void req.socket.destroy();
        case '/away':
          res.writeHead(307, { location: `${other}/steal` });
          return res.end();
        case '/moved':
          res.writeHead(307, { location: '/elsewhere-on-this-origin' });
          return res.end();
        case '/declared':
          res.writeHead(307, { location: '/ok' });
          return res.end();
        case '/found':
          res.writeHead(302, { location: '/ok' });
          return res.end();
        case '/cut':
          res.writeHead(200, { 'content-length': '1000' });
          res.write('{"scores": [0.1, 0.2');
          return void setTimeout(() => req.socket.destroy(), 50);
        case '/short-length':
          req.socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 5\r\nconnection: close\r\n\r\n${scores(body)}`);
          return void req.socket.end();
        case '/count':
          return res.end(JSON.stringify({ scores: [0.5, 0.5] }));
        case '/runaway':
          return res.end(' '.repeat(2 << 20));
        case '/runaway-chunked':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write(' '.repeat(1 << 20));
          return res.end(' '.repeat(1 << 20));
        default:
          res.statusCode = 404;
          return res.end();
      }
    });
  });
  await Promise.all([new Promise<void>((r) => server.listen(0, '127.0.0.1', r)), new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r))]);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  other = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
});
afterAll(() => {
  for (const s of [server, elsewhere]) {
    s.closeAllConnections();
    s.close();
  }
});

function model(path: string, extra: Record<string, unknown> = {}): string {
  const file = join(dir, `http-${path.slice(1)}.json`);
  const body = { kind: 'http', name: path, url: `${base}${path}`, headers: { 'x-api-key': 'secret-key' }, batch_size: 12, retries: 0, backoff_ms: 5, timeout_ms: 20_000, inputs: [{ name: 'income', type: 'numeric' }], ...extra };
  writeFileSync(file, JSON.stringify(body));
  return file;
}
const score = (file: string) => spawnCli(['score', '--model', file, '--data', data, '--out', join(dir, 'scored.csv')]);

function expectOneLine(r: Awaited<ReturnType<typeof score>>, message: RegExp) {
  expect(r.status).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^disparate: /);
  expect(lines[0]).toMatch(message);
  expect(r.stdout).toBe('');
}

let baseline = 0;
describe('http model faults → exit 2, one line naming the model file', () => {
  beforeAll(async () => {
    const ok = await score(model('/ok'));
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    baseline = ok.ms;
  });

  it.each([
    ['/overloaded', { retries: 1 }, 0, /http-overloaded\.json: http:\/\/127\.0\.0\.1:\d+\/overloaded: rows 1–12 of the chunk: failed 2 times \(retries: 1\); last: HTTP 503 overloaded$/],
    ['/rate-limited', { retries: 3 }, 0, /http-rate-limited\.json: .*: HTTP 429 slow down with Retry-After: 86400, a wait longer than timeout_ms \(20000 ms\): not waiting$/],
    ['/drip', { timeout_ms: 1000 }, 1000, /http-drip\.json: .*: failed 1 times \(retries: 0\); last: timed out after 1000 ms \(timeout_ms, the whole exchange\)$/],
    ['/reset', { retries: 1 }, 0, /http-reset\.json: .*: failed 2 times \(retries: 1\); last: network error: (ECONNRESET|UND_ERR_SOCKET)$/],
    ['/moved', {}, 0, /http-moved\.json: .*: redirected \(HTTP 307\) to http:\/\/127\.0\.0\.1:\d+\/elsewhere-on-this-origin, which the model file does not declare in "redirects": refused$/],
    ['/found', { redirects: [] as string[] }, 0, /http-found\.json: .*: HTTP 302 to http:\/\/127\.0\.0\.1:\d+\/ok would turn the POST into a GET; only 307 and 308 are followed$/],
    ['/cut', {}, 0, /http-cut\.json: .*: failed 1 times \(retries: 0\); last: response cut off \(Content-Length: 1000\): (UND_ERR_SOCKET|terminated)$/],
    ['/short-length', {}, 0, /http-short-length\.json: .*: malformed JSON in the response: "\{\\"sco" \(5 bytes, Content-Length: 5\)$/],
    ['/count', {}, 0, /http-count\.json: .*: expected \{"scores": \[\.\.\.\]\}: answered 2 scores for 12 applicants$/],
    ['/runaway', {}, 0, /http-runaway\.json: .*: response of 2097152 bytes \(Content-Length\) is longer than the limit of 1048576 bytes \(64 bytes per applicant, at least 1 MiB\)$/],
    ['/runaway-chunked', {}, 0, /http-runaway-chunked\.json: .*: response body longer than the limit of 1048576 bytes \(64 bytes per applicant, at least 1 MiB\)$/],
  ])('%s', async (path, extra, budget, message) => {
    const declared = path === '/found' ? { redirects: [`${base}/ok`] } : {};
    const r = await score(model(path, { ...extra, ...declared }));
    expectOneLine(r, message);
    expect(r.ms).toBeLessThan(budget + 2000 + baseline);
  });

  it('twelve lanes retrying at once: still exactly one line (no listener-leak warning)', async () => {
    const r = await score(model('/overloaded', { batch_size: 1, concurrency: 12, retries: 3, backoff_ms: 1 }));
    expectOneLine(r, /http-overloaded\.json: .*: rows (\d+)–\1 of the chunk: failed 4 times \(retries: 3\); last: HTTP 503 overloaded$/);
  });

  it('a redirect to another origin is refused, naming the Location; neither rows nor the key reach it', async () => {
    const r = await score(model('/away', { redirects: [] }));
    expectOneLine(r, new RegExp(`http-away\\.json: .*: redirected \\(HTTP 307\\) to another origin, Location ${other.replace(/[.]/g, '\\.')}/steal: refused, nothing was sent there$`));
    expect(r.ms).toBeLessThan(2000 + baseline);
    expect(stolen).toEqual([]);
  });

  it('a model file declaring a redirect to another origin is refused before anything is sent', async () => {
    const r = await score(model('/away', { redirects: [`${other}/steal`] }));
    expectOneLine(r, new RegExp(`http-away\\.json: redirects\\.0: ${other.replace(/[.]/g, '\\.')}/steal is not on the origin of url \\(http://127\\.0\\.0\\.1:\\d+\\); a redirect may only stay on the same origin$`));
    expect(stolen).toEqual([]);
  });

  it('a declared redirect on the same origin is followed (307: the batch is posted again)', async () => {
    const r = await score(model('/declared', { redirects: [`${base}/ok`] }));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
