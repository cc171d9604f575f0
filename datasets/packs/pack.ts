import { z } from 'zod';
import type { Results } from '../../harness/results/index.js';

/** Reads a figure's reproduced value from the results of a pack's runs, keyed by run id. */
export type FigureReader = (runs: ReadonlyMap<string, Results>) => number | null;

const common = {
  id: z.string().min(1),
  label: z.string().min(1),
  published: z.number(),
  /** Absolute tolerance. */
  tolerance: z.number().nonnegative(),
  /** True where inputs are exact (published data and model), so the figure must match to rounding. */
  exact: z.boolean(),
  source: z.string().min(1).describe('Citation of the published figure.'),
  reproduce: z.custom<FigureReader>((v) => typeof v === 'function', 'expected a function reading the figure off the runs'),
};

/**
 * One published figure of a pack. `class` is required, with no default: whoever adds a figure says
 * what it is worth as evidence.
 * - `input`: a value the pack was built or calibrated from (a population share it was drawn to, a
 *   coefficient it was given, a calibration target). Read back as a check of the build, never counted
 *   as a reproduction. `note` says what was built from it.
 * - `reproduced`: an output compared with a published figure the pack did not use to build or
 *   calibrate itself. Only these count as reproductions and gate the exit code.
 * - `informative`: shown with its gap, never gating. `note` says why it cannot be expected to match.
 *
 * @example
 * PackFigure.parse({ id: 'share_women', label: 'Share of women', class: 'input', published: 0.42, tolerance: 0.01,
 *   exact: false, source: 'Lighthouse (2023)', note: 'calibration target of the population', reproduce: () => 0.42 });
 */
export const PackFigure = z.discriminatedUnion('class', [
  z.object({ ...common, class: z.literal('input'), note: z.string().min(1).describe('What the pack was built or calibrated from this value.') }).strict(),
  z.object({ ...common, class: z.literal('reproduced'), note: z.string().min(1).optional() }).strict(),
  z.object({ ...common, class: z.literal('informative'), note: z.string().min(1).describe('Why the figure cannot be expected to match.') }).strict(),
]);
export type PackFigure = z.infer<typeof PackFigure>;

/**
 * A published-audit reproduction: batteries to run (relative to the pack's folder), and the
 * published figures with their sources, each with a class, a tolerance and a function that reads the
 * reproduced value off the runs' results.
 */
export interface Pack {
  readonly id: string;
  readonly title: string;
  /** The system and what the pack reproduces, one sentence. */
  readonly summary: string;
  /** Batteries by run id, relative to the pack folder; the first is the one whose report is written. */
  readonly runs: Readonly<Record<string, string>>;
  readonly figures: readonly PackFigure[];
}
