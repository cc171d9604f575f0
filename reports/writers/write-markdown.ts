import type { Results } from '../../harness/results/index.js';
import {
  buildFrontPage, displayNames,
  attributesOf, buildComparisonChecksTable, buildComparisonGroupsTable, buildCounterfactualTable, buildGroupTable, buildReproductionTables, buildSelectiveLabelsTable, buildSuppressedTable, buildWorstGroupsTable, buildToleranceTable, buildVerdictTable, methodsText, provenanceRows, summarySentences, verdictText,
} from '../shared/index.js';
import { messagesFor, type Lang } from '../i18n/index.js';
import { escapeMarkdown } from './escape-markdown.js';
import { markdownTable } from './markdown-table.js';
import { warningGroups } from './warning-groups.js';

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
  const W = T.tables;
  const m = results.manifest;
  const s = results.summary;
  const names = displayNames(results, lang);
  const front = buildFrontPage(results, lang);
  const sentences = summarySentences(results, lang).filter((t) => t.kind === 'finding');
  const reproduction = buildReproductionTables(results, lang);
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
    `## ${escapeMarkdown(T.sections.summary)}`,
    '',
    ...sentences.map((t) => `- ${t.verdict ? `**${escapeMarkdown(verdictText(t.verdict, lang))}** ` : ''}${escapeMarkdown(t.text)}`),
    '',
    `## ${escapeMarkdown(T.sections.verdicts)}`,
    '',
    // Markdown tables have no caption: the reproduction's says how many figures are reproduced, so it is printed above.
    ...reproduction.flatMap((t) => [escapeMarkdown(t.caption), '', markdownTable(t), '']),
    results.checks.length ? `${markdownTable(buildVerdictTable(results, lang))}\n\n${markdownTable(buildToleranceTable(results, lang))}` : escapeMarkdown(T.noChecks),
    '',
  ];
  for (const attribute of attributesOf(results)) {
    out.push(`## ${escapeMarkdown(W.groupsHeading(names.attribute(attribute), results.selective_labels !== undefined))}`, '', markdownTable(buildGroupTable(results, attribute, lang)), '');
  }
  for (const [title, table] of [
    [W.comparisonChecks, buildComparisonChecksTable(results, lang)],
    [W.comparisonGroups, buildComparisonGroupsTable(results, lang)],
    [W.selectiveLabels, buildSelectiveLabelsTable(results, lang)],
    [W.counterfactual, buildCounterfactualTable(results, lang)],
    [W.worstGroups, buildWorstGroupsTable(results, lang)],
    [W.cellsNotChecked, buildSuppressedTable(results, lang)],
  ] as const) {
    if (table) out.push(`## ${escapeMarkdown(title)}`, '', markdownTable(table), '');
  }
  out.push(`## ${escapeMarkdown(T.sections.warnings)}`, '');
  // in another language each code is explained once; its recorded (English) messages stay in results.json
  out.push(...(!results.warnings.length
    ? [escapeMarkdown(T.noWarningsMarkdown)]
    : W.groupWarnings
      ? warningGroups(results.warnings).map(([code, messages]) => `- **${escapeMarkdown(code)}**: ${escapeMarkdown(W.warning(code, messages.length))}`)
      : results.warnings.map((w) => `- **${escapeMarkdown(w.code)}**: ${escapeMarkdown(w.message)}`)));
  out.push('', `## ${escapeMarkdown(T.sections.methods)}`, '', escapeMarkdown(methodsText(results, lang).join(' ')), '');
  out.push(`## ${escapeMarkdown(T.sections.provenance)}`, '', markdownTable({
    caption: W.manifest, header: [W.field, W.value], numeric: [],
    rows: provenanceRows(m, lang).map((cells) => ({ cells })),
  }), '');
  return out.join('\n');
}
