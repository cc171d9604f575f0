import type { Results } from '../../harness/results/index.js';

/**
 * A published-audit reproduction: a battery to run (relative to the pack's folder), and the
 * published figures with their sources, each with a tolerance and a function that reads the
 * reproduced value off the run's results.
 */
export interface PackFigure {
  readonly id: string;
  readonly label: string;
  readonly published: number;
  /** Absolute tolerance. */
  readonly tolerance: number;
  /** True where inputs are exact (published data and model), so the figure must match to rounding. */
  readonly exact: boolean;
  readonly source: string;
  readonly note?: string;
  /**
   * A comparison the pack cannot be expected to match (e.g. a surrogate against the real model):
   * shown with its gap in the published-vs-reproduced table but not counted towards the exit code.
   */
  readonly informative?: boolean;
  /** Reads the reproduced value from the results of the pack's runs, keyed by run id. */
  readonly reproduce: (runs: ReadonlyMap<string, Results>) => number | null;
}

export interface Pack {
  readonly id: string;
  readonly title: string;
  /** The system and what the pack reproduces, one sentence. */
  readonly summary: string;
  /** Batteries by run id, relative to the pack folder; the first is the one whose report is written. */
  readonly runs: Readonly<Record<string, string>>;
  readonly figures: readonly PackFigure[];
}
