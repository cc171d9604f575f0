import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { mergeParts } from '../harness/api/index.js';

/** Rows of the bench: the national scale of the pipeline rows (15,000,000 applicants). */
export const HTTP_SHARD_ROWS = 15_000_000;

/** What one process (a shard or the single run) took: wall time and its own peak resident memory. */
export interface ProcessFigures {
  readonly seconds: number;
  readonly maxRssMB: number;
}

export interface HttpShardFigures {
  readonly rows: number;
  readonly single: ProcessFigures;
  /** From the first shard's start to the last shard's end, all at once. */
  readonly shardsSeconds: number;
  readonly perShard: readonly ProcessFigures[];
  readonly mergeSeconds: number;
  /** Bytes of the N part files together. */
  readonly partBytes: number;
  /** Whether the merged results equal the single run's (manifest times aside). */
  readonly identical: boolean;
  /** Rows the server scored, all runs together, and its busy time: what one scoring endpoint sustained. */
  readonly served: { rows: number; busySeconds: number };
}

/**
 * The agency's model behind an endpoint, as a local server: POST {"rows": [...]} answered with a
 * deterministic logistic of five columns of the applicant (income, unemployment, minimum income,
 * neighbourhood, rent share), so every run of the bench scores alike. It runs in this process; the
 * runs it serves are child processes.
 */
function startScoringServer(): Promise<{ server: Server; url: string; served: { rows: number; busySeconds: number } }> {
  const served = { rows: 0, busySeconds: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const t0 = performance.now();
      const { rows } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { rows: Record<string, string | number | null>[] };
      const scores = rows.map((r) => {
        const z = -2.6 - 0.8 * (Math.log1p(Number(r.income ?? 0)) - 9.8) + (r.unemployed === 'yes' ? 0.4 : 0) + (r.rsa === 'yes' ? 0.5 : 0) + (r.deprived_neighbourhood === 'yes' ? 0.3 : 0) + 2.5 * (Number(r.rent_share ?? 0) - 0.25);
        return 1 / (1 + Math.exp(-z));
      });
      const body = JSON.stringify({ scores });
      served.rows += rows.length;
      served.busySeconds += (performance.now() - t0) / 1000;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/score`, served })));
}

/** The http model and the battery (top 5 % of caf-households, three protected attributes) in `dir`. */
function writeBattery(dir: string, url: string, rows: number): string {
  writeFileSync(join(dir, 'endpoint.json'), JSON.stringify({
    kind: 'http',
    name: 'bench-endpoint',
    description: 'Benchmark only: a local server answering a logistic of five columns.',
    url,
    batch_size: 10_000,
    concurrency: 4,
    inputs: [
      { name: 'income', type: 'numeric' },
      { name: 'unemployed', type: 'categorical' },
      { name: 'rsa', type: 'categorical' },
      { name: 'deprived_neighbourhood', type: 'categorical' },
      { name: 'rent_share', type: 'numeric' },
    ],
  }));
  const battery = join(dir, 'http.yaml');
  writeFileSync(battery, `title: bench http shards
seed: 1
population: { spec: ${resolve('datasets/populations/caf-households.yaml')}, size: ${rows} }
model: endpoint.json
decision: { rule: top_fraction, fraction: 0.05 }
label: fraud
protected: [nationality, disability, income_band]
`);
  return battery;
}

const run = promisify(execFile);

async function child(args: string[]): Promise<ProcessFigures> {
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 26 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ProcessFigures;
}

/**
 * `count` local shards of a `rows`-row battery scored by the `http` adapter against a local server
 * (one process and one worker thread per shard, all at once), then their merge, against the single
 * run of the same battery (one process, 2 worker threads): wall time and peak RSS of each process.
 * The merged results are compared with the single run's, times aside.
 */
export async function benchHttpShards(count = 4, rows = HTTP_SHARD_ROWS): Promise<HttpShardFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'disparate-bench-http-'));
  const { server, url, served } = await startScoringServer();
  try {
    const battery = writeBattery(dir, url, rows);
    const singleOut = join(dir, 'single.json');
    const single = await child(['dist/bench/http-run-child.js', battery, '2', singleOut]);
    const parts = join(dir, 'parts');
    mkdirSync(parts);
    const t0 = performance.now();
    const perShard = await Promise.all(Array.from({ length: count }, (_, i) => child(['dist/bench/shard-child.js', battery, String(i), String(count), String(rows), parts])));
    const shardsSeconds = (performance.now() - t0) / 1000;
    const files = readdirSync(parts).sort().map((f) => join(parts, f));
    const partBytes = files.reduce((s, f) => s + statSync(f).size, 0);
    const t1 = performance.now();
    const merged = await mergeParts(files);
    const mergeSeconds = (performance.now() - t1) / 1000;
    const strip = (r: unknown) => JSON.stringify({ ...(r as object), manifest: undefined });
    const identical = strip(merged) === strip(JSON.parse(readFileSync(singleOut, 'utf8')));
    return { rows, single, shardsSeconds, perShard, mergeSeconds, partBytes, identical, served };
  } finally {
    server.close();
    server.closeAllConnections();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchHttpShards(Number(process.argv[2] ?? 4), Number(process.argv[3] ?? HTTP_SHARD_ROWS)).then((f) => process.stdout.write(`${JSON.stringify(f, null, 2)}\n`));
}
