import { spawn, spawnSync } from 'node:child_process';

export interface CliOutcome {
  status: number | null;
  /** The signal that ended the CLI when it did not exit by itself (killed before its handlers were set). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit, measured with Date.now(). */
  ms: number;
  pid: number;
}

/**
 * Runs the built CLI without blocking the test's event loop (servers the test runs keep answering).
 * `onStart` gets the child, e.g. to send it a signal later; the child is killed after `killAfterMs`
 * so that a hang fails the test rather than the suite.
 */
export function spawnCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; killAfterMs?: number; onStart?: (pid: number) => void } = {}): Promise<CliOutcome> {
  const started = Date.now();
  const child = spawn(process.execPath, [`${process.cwd()}/dist/harness/cli/main.js`, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, TZ: 'UTC', LANG: 'C', LC_ALL: 'C', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const guard = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000);
  options.onStart?.(child.pid!);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ status: code, signal, stdout, stderr, ms: Date.now() - started, pid: child.pid! });
    });
  });
}

/** Whether a process is still running: a zombie (exited, not yet reaped) counts as gone. */
export function running(pid: number): boolean {
  const r = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
  const stat = r.stdout.trim();
  return stat !== '' && !stat.startsWith('Z');
}

/**
 * Whether a process is gone within `ms`: a SIGKILL takes effect once the process leaves the kernel
 * (a process still loading its program from disk dies a moment later).
 */
export async function gone(pid: number, ms = 2000): Promise<boolean> {
  for (const until = Date.now() + ms; running(pid); await new Promise((r) => setTimeout(r, 50))) if (Date.now() > until) return false;
  return true;
}

/** Processes (pid and command) whose parent is `ppid`, from ps. */
export function childrenOf(ppid: number): string[] {
  const r = spawnSync('ps', ['-eo', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[1] === String(ppid) && !f[2]?.startsWith('Z'))
    .map((f) => `${f[0]} ${f.slice(3).join(' ')}`);
}
