import type { Results } from '../../harness/results/index.js';
import {
  buildFrontPage, displayNames,
  attributesOf, buildComparisonChecksTable, buildComparisonGroupsTable, buildCounterfactualTable, buildGroupTable, buildReproductionTables, buildSelectiveLabelsTable, buildSuppressedTable, buildWorstGroupsTable, buildToleranceTable, buildVerdictTable, methodsText, provenanceRows, summarySentences, verdictText,
} from '../shared/index.js';
import { messagesFor, type Lang } from '../i18n/index.js';
import { escapeMarkdown } from './escape-markdown.js';
import { markdownTable } from './markdown-table.js';

/**
 * report.md, fit for a pull-request comment, in the HTML report's order: title, the question, the
 * verdict sentence, the findings, what the audit cannot tell, every check in words, the verdict
 * table, one group table per attribute, warnings, methods and provenance last.
 * Every string from results goes through `escapeMarkdown`.
 *
 * @example writeMarkdown(results).startsWith('# ') // true
 */
export function writeMarkdown(results: Results, lang: Lang = 'en'): string {
  const T = messagesFor(lang);
  const m = results.manifest;
  const s = results.summary;
  const names = displayNames(results);
  const front = buildFrontPage(results, lang);
  const sentences = summarySentences(results).filter((t) => t.kind === 'finding');
  const reproduction = buildReproductionTables(results);
  // The front page first, in the HTML's order: question, verdict, findings, warnings, what the audit cannot tell.
  const out: string[] = [
    `# ${escapeMarkdown(m.title)}`,
    '',
    ...(front.question ? [`**${escapeMarkdown(T.questionHeading)}${T.colon}** ${escapeMarkdown(front.question)}`, ''] : []),
    `**${escapeMarkdown(T.verdictLabel)}${T.colon} ${escapeMarkdown(verdictText(s.verdict, lang))}** — ${escapeMarkdown(front.verdictSentence)}` +
      ` (${escapeMarkdown(m.tool)} ${escapeMarkdown(m.tool_version)}, ${escapeMarkdown(m.finished)})`,
    '',
    ...(front.ruleSentence ? [escapeMarkdown(front.ruleSentence), ''] : []),
    `## ${escapeMarkdown(T.findingsHeading)}`,
    '',
    ...front.warnings.map((w) => `> ${escapeMarkdown(w)}\n`),
    ...(front.findings.length
      ? front.findings.map((f, i) => `${i + 1}. **${escapeMarkdown(verdictText(f.verdict, lang))}** ${escapeMarkdown(f.text)}`)
      : [escapeMarkdown(front.noFindings ?? '')]),
    '',
    `## ${escapeMarkdown(T.cannotTellHeading)}`,
    '',
    ...front.cannotTell.map((t) => `- ${escapeMarkdown(t)}`),
    '',
    ...(T.detailNote ? [`> ${escapeMarkdown(T.detailNote)}`, ''] : []),
    `## ${escapeMarkdown(T.sections.summary)}`,
    '',
    ...sentences.map((t) => `- ${t.verdict ? `**${escapeMarkdown(verdictText(t.verdict))}** ` : ''}${escapeMarkdown(t.text)}`),
    '',
    `## ${escapeMarkdown(T.sections.verdicts)}`,
    '',
    // Markdown tables have no caption: the reproduction's says how many figures are reproduced, so it is printed above.
    ...reproduction.flatMap((t) => [escapeMarkdown(t.caption), '', markdownTable(t), '']),
    results.checks.length ? `${markdownTable(buildVerdictTable(results))}\n\n${markdownTable(buildToleranceTable(results))}` : escapeMarkdown(T.noChecks),
    '',
  ];
  for (const attribute of attributesOf(results)) {
    const scope = results.selective_labels ? ' (among investigated cases, not population rates)' : '';
    out.push(`## Groups: ${escapeMarkdown(names.attribute(attribute))}${scope}`, '', markdownTable(buildGroupTable(results, attribute)), '');
  }
  for (const [title, table] of [
    ['Comparison with the deployed model: checks', buildComparisonChecksTable(results)],
    ['Comparison with the deployed model: groups', buildComparisonGroupsTable(results)],
    ['Selective labels', buildSelectiveLabelsTable(results)],
    ['Counterfactual twins', buildCounterfactualTable(results)],
    ['Worst groups', buildWorstGroupsTable(results)],
    ['Cells not checked', buildSuppressedTable(results)],
  ] as const) {
    if (table) out.push(`## ${title}`, '', markdownTable(table), '');
  }
  out.push(`## ${escapeMarkdown(T.sections.warnings)}`, '');
  out.push(...(results.warnings.length ? results.warnings.map((w) => `- **${escapeMarkdown(w.code)}**: ${escapeMarkdown(w.message)}`) : [escapeMarkdown(T.noWarningsMarkdown)]));
  out.push('', `## ${escapeMarkdown(T.sections.methods)}`, '', escapeMarkdown(methodsText(results).join(' ')), '');
  out.push(`## ${escapeMarkdown(T.sections.provenance)}`, '', markdownTable({
    caption: 'Manifest', header: ['Field', 'Value'], numeric: [],
    rows: provenanceRows(m).map((cells) => ({ cells })),
  }), '');
  return out.join('\n');
}
