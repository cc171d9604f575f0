import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's PostgreSQL 15 server binaries (package postgresql-15; .ci/run installs it when missing). */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** A throwaway PostgreSQL cluster: its own folder, a free port on 127.0.0.1 and a Unix socket in the folder. */
export interface PostgresServer {
  /** postgresql://USER:PASSWORD@127.0.0.1:PORT/postgres (scram-sha-256 over TCP). */
  readonly url: string;
  /** postgresql:///postgres?host=FOLDER&user=USER (trust over the Unix socket). */
  readonly socketUrl: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** The server's log: with log_connections and log_statement = all, every connection and statement. */
  readonly logFile: string;
  stop(): void;
}

export type PostgresStart = { server: PostgresServer; skipped: null } | { server: null; skipped: string };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** The system user that runs the server: initdb and postgres refuse to run as root. */
function serverUser(): { name: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  return null;
}

/**
 * Starts a throwaway PostgreSQL 15 for a test file's beforeAll; `stop()` in its afterAll. Never
 * throws: when the server cannot start (binaries absent, initdb or pg_ctl failing) it returns the
 * reason, and the caller skips its tests with a warning naming it (see describeWithPostgres).
 * As root (CI runs as root) the cluster is owned by and run as the `postgres` system user.
 */
export async function startPostgres(): Promise<PostgresStart> {
  if (!existsSync(join(PG_BIN, 'initdb'))) return { server: null, skipped: `${PG_BIN}/initdb not found (apt-get install postgresql)` };
  const dir = mkdtempSync(join(tmpdir(), 'disparate-pg-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const user = 'disparate';
  const password = 'p@ss w0rd';
  writeFileSync(join(dir, 'pw'), `${password}\n`);
  writeFileSync(logFile, '');
  const owner = serverUser();
  if (process.getuid?.() === 0 && !owner) return { server: null, skipped: 'running as root and no "postgres" or "nobody" user to run the server as' };
  if (owner) for (const f of [dir, join(dir, 'pw'), logFile]) chownSync(f, owner.uid, owner.gid);
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = owner ? ['runuser', ['-u', owner.name, '--', cmd, ...args]] : [cmd, args];
    return spawnSync(file, argv, { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
  };
  const fail = (what: string, r: ReturnType<typeof run>) => {
    const why = `${what} failed (${r.error?.message ?? `exit ${r.status}`}): ${`${r.stderr ?? ''}`.trim().split('\n').slice(-2).join(' ')}`;
    rmSync(dir, { recursive: true, force: true });
    return { server: null, skipped: why } as const;
  };
  const init = run(join(PG_BIN, 'initdb'), ['-D', data, '-U', user, `--pwfile=${join(dir, 'pw')}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']);
  if (init.status !== 0) return fail('initdb', init);
  const port = await freePort();
  const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", '-c fsync=off', '-c log_statement=all', '-c log_connections=on', '-c max_connections=20'].join(' ');
  const start = run(join(PG_BIN, 'pg_ctl'), ['-D', data, '-l', logFile, '-w', '-t', '30', '-o', options, 'start']);
  if (start.status !== 0) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-2).join(' ') : '';
    return fail('pg_ctl start', { ...start, stderr: `${start.stderr} ${log}` });
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    run(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    rmSync(dir, { recursive: true, force: true });
  };
  // A test run that ends without its afterAll (a crash, a timeout) must not leave a server behind.
  process.once('exit', stop);
  const server: PostgresServer = {
    url: `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    socketUrl: `postgresql:///postgres?host=${encodeURIComponent(dir)}&port=${port}&user=${user}`,
    port,
    user,
    password,
    logFile,
    stop,
  };
  return { server, skipped: null };
}
