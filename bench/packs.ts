import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKS } from '../datasets/packs/index.js';

export interface PackTiming {
  readonly id: string;
  readonly seconds: number;
  /** Exit code; null when the run was stopped after 2 minutes. */
  readonly status: number | null;
  /** First line of the run's standard error when it did not exit 0. */
  readonly problem: string | null;
}

/**
 * Wall time of `disparate reproduce <pack>` through the built CLI, every report file written, for each
 * bundled pack (the published-audit issue's target: under 30 s each). One run per pack: the figures
 * are far from the target, so the spread of a shared machine does not decide it.
 */
export function benchPacks(): PackTiming[] {
  const out = mkdtempSync(join(tmpdir(), 'disparate-bench-packs-'));
  try {
    return PACKS.map((pack) => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['dist/harness/cli/main.js', 'reproduce', pack.id, '--out', join(out, pack.id)], { encoding: 'utf8', timeout: 120_000 });
      const problem = r.status === 0 ? null : r.status === null ? 'stopped after 2 minutes' : (r.stderr.split('\n').find((l) => l.trim() !== '') ?? 'no message');
      return { id: pack.id, seconds: (performance.now() - t0) / 1000, status: r.status, problem };
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
