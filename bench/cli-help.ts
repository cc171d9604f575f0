import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface HelpFigures {
  /** Median wall time of `disparate --help`, seconds. */
  readonly medianSeconds: number;
  /** Every run's wall time, seconds. */
  readonly seconds: readonly number[];
  /** Median CPU time (user + system) of the process, seconds, where Linux's /proc reports it; else null. */
  readonly medianCpuSeconds: number | null;
  /** Node itself starting and exiting (`node -e 0`), median wall time, seconds: the floor under any command. */
  readonly nodeSeconds: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Runs a command under a shell and reads, from the shell's /proc/<pid>/stat, the CPU time (user +
 * system) of the children it has waited for (fields 16 and 17, cutime and cstime, proc(5)); null off Linux. CPU time, unlike wall time, barely moves when
 * other work shares the machine, so it says what the command costs when the wall time says only how
 * busy the machine was.
 */
function timedRun(args: readonly string[]): { seconds: number; cpuSeconds: number | null } {
  const t0 = performance.now();
  const quoted = args.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('/bin/sh', ['-c', `${quoted} >/dev/null; status=$?; cat /proc/$$/stat 2>/dev/null; exit $status`], { encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const fields = r.stdout.slice(r.stdout.lastIndexOf(')') + 2).split(' ');
  // After the command name, field 3 is index 0: cutime is field 16, cstime field 17.
  const cutime = Number(fields[16 - 3]);
  const cstime = Number(fields[17 - 3]);
  const ticks = clockTicks();
  return { seconds, cpuSeconds: Number.isFinite(cutime) && Number.isFinite(cstime) && ticks ? (cutime + cstime) / ticks : null };
}

/** USER_HZ: 100 on every Linux architecture Node runs on (sysconf(_SC_CLK_TCK); proc(5)). */
function clockTicks(): number | null {
  try {
    readFileSync('/proc/self/stat');
    return 100;
  } catch {
    return null;
  }
}

/** Wall and CPU times of one command run `runs` times from dist/ after a run that warms the file cache. */
export interface CommandFigures {
  readonly medianSeconds: number;
  readonly seconds: readonly number[];
  readonly medianCpuSeconds: number | null;
}

/** `disparate <args>` run `runs` times (node dist/harness/cli/main.js), after one run that warms the file cache. */
export function benchCommand(args: readonly string[], runs: number): CommandFigures {
  const command = [process.execPath, 'dist/harness/cli/main.js', ...args];
  timedRun(command); // warm the file cache
  const measured = Array.from({ length: runs }, () => timedRun(command));
  const cpu = measured.map((m) => m.cpuSeconds);
  return {
    medianSeconds: median(measured.map((m) => m.seconds)),
    seconds: measured.map((m) => m.seconds),
    medianCpuSeconds: cpu.every((c) => c !== null) ? median(cpu as number[]) : null,
  };
}

/**
 * `disparate --help`, run `runs` times from dist/ (median of the wall times): the cost of starting the
 * command line before any command runs. The command table imports each command's module only when it
 * runs, so this loads yargs and the table alone.
 */
export function benchCliHelp(runs = 5): HelpFigures {
  const help = benchCommand(['--help'], runs);
  const node = Array.from({ length: runs }, () => timedRun([process.execPath, '-e', '0']).seconds);
  return { ...help, nodeSeconds: median(node) };
}
