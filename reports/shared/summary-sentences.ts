import type { CheckResult, Results } from '../../harness/results/index.js';
import { describeCheck, describeComparison } from './describe-check.js';
import { sentenceContext, type SentenceContext } from './sentence-context.js';
import { shortenableSources } from './short-source.js';
import { upperFirst } from './unit-noun.js';
import { EN, type Lang } from '../i18n/index.js';
import { mirrorOf } from '../../harness/verdict/index.js';

/** A sentence continued after a colon: its leading unit noun back in its own case ("Students …" → "students …"). */
function midSentence(sentence: string, ctx: SentenceContext): string {
  const unit = (ctx.T ?? EN).unit(ctx.unit);
  const lead = upperFirst(unit);
  return sentence.startsWith(lead) ? unit + sentence.slice(lead.length) : sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

/** One summary sentence, with the verdict it reports (if it reports a check). */
export interface SummarySentence {
  /** overall: the verdict count line; finding: a comparison naming reference group, direction and interval. */
  kind: 'overall' | 'finding';
  text: string;
  verdict?: CheckResult['verdict'];
}

/**
 * The report's summary in plain sentences: the overall verdict, one sentence per failing or
 * inconclusive check, then per protected attribute the largest selection-rate disparity when no
 * failing or inconclusive check already states it (a direction only from a check's family interval). Each comparison names direction, reference group, interval and tolerance;
 * a tolerance's source is cited in full in its first sentence and by its short name after.
 */
export function summarySentences(results: Results, lang: Lang = 'en'): SummarySentence[] {
  const { summary, manifest } = results;
  const total = summary.pass + summary.fail + summary.inconclusive;
  const ctx = sentenceContext(results, lang);
  const D = (ctx.T ?? EN).detail;
  const out: SummarySentence[] = [{ kind: 'overall', text: (ctx.T ?? EN).num(D.overall(summary)), verdict: total === 0 ? undefined : summary.verdict }];
  const order = { fail: 0, inconclusive: 1, pass: 2 } as const;
  const notPassing = results.checks.filter((c) => c.verdict !== 'pass').sort((a, b) => order[a.verdict] - order[b.verdict]);
  const single = new Set(manifest.protected);
  // a tolerance's source is cited in full the first time only, unless its short name could mean another source
  const shortenable = shortenableSources(results.checks.map((c) => c.source));
  const cited = new Set<string>();
  const citedAbove = (source: string | null): boolean => {
    if (source === null || !shortenable.has(source)) return false;
    if (cited.has(source)) return true;
    cited.add(source);
    return false;
  };
  for (const c of notPassing) {
    if (single.has(c.attribute)) out.push({ kind: 'finding', text: describeCheck(c, ctx, citedAbove(c.source)), verdict: c.verdict });
  }
  out.push(...intersectionSentences(results, notPassing, single, ctx, citedAbove));

  // A selective-labels audit's groups hold investigated cases only: their rates are not the population's.
  for (const attribute of results.selective_labels ? [] : manifest.protected) {
    // Against everyone else with two groups, the larger group's ratio is the other's seen from the other side.
    const mirror = mirrorOf(results.groups.filter((g) => g.attribute === attribute), 'selection_rate_ratio');
    const candidates = results.groups.filter(
      (g) => g.attribute === attribute && !g.is_reference && g !== mirror && g.metrics['selection_rate_ratio']?.value,
    );
    const top = candidates.sort(
      (a, b) =>
        Math.abs(Math.log(b.metrics['selection_rate_ratio']!.value!)) - Math.abs(Math.log(a.metrics['selection_rate_ratio']!.value!)),
    )[0];
    if (!top) continue;
    const covered = notPassing.some((c) => c.attribute === attribute && c.group === top.group && c.metric === 'selection_rate_ratio');
    if (covered) continue;
    const m = top.metrics['selection_rate_ratio']!;
    const check = results.checks.find((c) => c.attribute === attribute && c.group === top.group && c.metric === 'selection_rate_ratio');
    // Picked after seeing the data: only a check's interval, which holds for all checks at once, may carry a direction.
    out.push({
      kind: 'finding',
      text: D.largest(ctx.names?.attributeInText(attribute) ?? attribute, check !== undefined, midSentence(describeComparison({
        metric: 'selection_rate_ratio', attribute, group: top.group, reference: m.reference,
        value: check ? check.value : m.value, ci: check ? check.ci : m.ci, level: check ? check.level : m.level, lowerBound: check?.lower_bound,
        tolerance: check ? { bounds: check.bounds, origin: check.bounds_origin, source: check.source, citedAbove: citedAbove(check.source) } : null,
        verdict: check?.verdict, smallCell: top.small_cell ? manifest.min_cell : null, untested: !check,
      }, ctx), ctx)),
      verdict: check?.verdict,
    });
  }
  return out;
}

/** Strength of a disparity for ranking: |log ratio|, or |difference|; undefined values rank last. */
function strength(c: CheckResult): number {
  if (c.value === null || c.ci === null) return -1;
  if (c.metric.endsWith('_ratio')) return c.value > 0 ? Math.abs(Math.log(c.value)) : Infinity;
  return Math.abs(c.value);
}

/**
 * Intersections can have dozens of cells: one sentence per check and intersection, counting the
 * cells that fail or are inconclusive and stating the strongest one in full (the verdict table
 * lists every cell).
 */
function intersectionSentences(
  results: Results,
  notPassing: readonly CheckResult[],
  single: ReadonlySet<string>,
  ctx: SentenceContext,
  citedAbove: (source: string | null) => boolean,
): SummarySentence[] {
  const out: SummarySentence[] = [];
  const keys = [...new Set(notPassing.filter((c) => !single.has(c.attribute)).map((c) => `${c.id}\u0000${c.attribute}`))];
  for (const key of keys) {
    const [id, attribute] = key.split('\u0000') as [string, string];
    const cells = results.checks.filter((c) => c.id === id && c.attribute === attribute);
    const failing = cells.filter((c) => c.verdict === 'fail');
    const unsure = cells.filter((c) => c.verdict === 'inconclusive');
    const worst = [...(failing.length ? failing : unsure)].sort((a, b) => strength(b) - strength(a))[0]!;
    if (cells.length === 1) {
      out.push({ kind: 'finding', text: describeCheck(worst, ctx, citedAbove(worst.source)), verdict: worst.verdict });
      continue;
    }
    out.push({
      kind: 'finding',
      text: (ctx.T ?? EN).detail.cells({
        failing: failing.length, cells: cells.length, attribute: ctx.names?.attributeInText(attribute) ?? attribute, check: id, inconclusive: unsure.length,
        strongest: midSentence(describeCheck(worst, ctx, citedAbove(worst.source)), ctx),
      }),
      verdict: failing.length ? 'fail' : 'inconclusive',
    });
  }
  return out;
}
