import type { Results, ScoreHistogram } from '../results/index.js';

/** Summed score histograms by "attribute\0group", or why they could not be summed. */
export interface MergedHistograms {
  readonly histograms: Map<string, ScoreHistogram>;
  /** Why the histograms were dropped; null when merged (or when no input has any). */
  readonly dropped: string | null;
}

const FIELDS = ['counts', 'labelled', 'positives', 'expected'] as const;

function sum(into: number[] | undefined, from: readonly number[]): number[] {
  return from.map((x, i) => (into?.[i] ?? 0) + x);
}

/**
 * Sums the groups' score histograms bin by bin, which is exact when every input binned its scores
 * the same way (same edges; a run bins its own score range, so parts with different ranges do not
 * merge). A field (labelled, positives, expected) is kept only where every input has it; expected
 * is summed from values rounded to 12 significant digits, and rounded so again.
 *
 * @example mergeScoreHistograms([north, south]).histograms.get('nationality\u0000eu')?.counts
 */
export function mergeScoreHistograms(inputs: readonly Results[]): MergedHistograms {
  const all = inputs.flatMap((r) => r.groups.filter((g) => g.score_histogram).map((g) => g.score_histogram!));
  if (all.length === 0) return { histograms: new Map(), dropped: null };
  const edges = JSON.stringify(all[0]!.edges);
  if (all.some((h) => JSON.stringify(h.edges) !== edges)) {
    return { histograms: new Map(), dropped: 'the inputs bin their scores differently (each binned its own score range), so the bins do not add up' };
  }
  const unbinned = inputs.some((r) => r.groups.some((g) => !g.score_histogram && (g.metrics['mean_score']?.denominator ?? 0) > 0));
  if (unbinned) return { histograms: new Map(), dropped: 'not every input carries the score histograms of its scored groups' };
  const keep = FIELDS.filter((f) => all.every((h) => h[f] !== undefined));
  const histograms = new Map<string, ScoreHistogram>();
  for (const r of inputs) {
    for (const g of r.groups) {
      if (!g.score_histogram) continue;
      const key = `${g.attribute}\u0000${g.group}`;
      const into = histograms.get(key);
      const next: Partial<Record<(typeof FIELDS)[number], number[]>> = {};
      for (const f of keep) next[f] = sum(into?.[f], g.score_histogram[f]!);
      histograms.set(key, { edges: g.score_histogram.edges, counts: next.counts!, ...(next.labelled ? { labelled: next.labelled } : {}), ...(next.positives ? { positives: next.positives } : {}), ...(next.expected ? { expected: next.expected } : {}) });
    }
  }
  for (const h of histograms.values()) if (h.expected) h.expected = h.expected.map((e) => +e.toPrecision(12));
  return { histograms, dropped: null };
}
