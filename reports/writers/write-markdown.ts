import type { Results } from '../../harness/results/index.js';
import {
  attributesOf, buildComparisonChecksTable, buildComparisonGroupsTable, buildCounterfactualTable, buildGroupTable, buildReproductionTables, buildSelectiveLabelsTable, buildSuppressedTable, buildWorstGroupsTable, buildToleranceTable, buildVerdictTable, methodsText, provenanceRows, summarySentences, verdictText,
} from '../shared/index.js';
import { escapeMarkdown } from './escape-markdown.js';
import { markdownTable } from './markdown-table.js';

/**
 * report.md, fit for a pull-request comment: title, overall verdict line, summary sentences,
 * verdict table, one group table per attribute, warnings, a methods line and the provenance table.
 * Every string from results goes through `escapeMarkdown`.
 *
 * @example writeMarkdown(results).startsWith('# ') // true
 */
export function writeMarkdown(results: Results): string {
  const m = results.manifest;
  const s = results.summary;
  // The overall sentence restates the verdict line; the PR comment keeps only the findings.
  const sentences = summarySentences(results).filter((t) => t.kind === 'finding');
  const reproduction = buildReproductionTables(results);
  const out: string[] = [
    `# ${escapeMarkdown(m.title)}`,
    '',
    `**Verdict: ${escapeMarkdown(verdictText(s.verdict))}** — ${s.fail} fail, ${s.inconclusive} inconclusive, ${s.pass} pass ` +
      `(${escapeMarkdown(m.tool)} ${escapeMarkdown(m.tool_version)}, ${escapeMarkdown(m.finished)})`,
    '',
    ...sentences.map((t) => `- ${t.verdict ? `**${escapeMarkdown(verdictText(t.verdict))}** ` : ''}${escapeMarkdown(t.text)}`),
    '',
    '## Verdicts',
    '',
    // Markdown tables have no caption: the reproduction's says how many figures are reproduced, so it is printed above.
    ...reproduction.flatMap((t) => [escapeMarkdown(t.caption), '', markdownTable(t), '']),
    results.checks.length ? `${markdownTable(buildVerdictTable(results))}\n\n${markdownTable(buildToleranceTable(results))}` : 'No checks were configured.',
    '',
  ];
  for (const attribute of attributesOf(results)) {
    const scope = results.selective_labels ? ' (among investigated cases, not population rates)' : '';
    out.push(`## Groups: ${escapeMarkdown(attribute)}${scope}`, '', markdownTable(buildGroupTable(results, attribute)), '');
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
  out.push('## Warnings', '');
  out.push(...(results.warnings.length ? results.warnings.map((w) => `- **${escapeMarkdown(w.code)}**: ${escapeMarkdown(w.message)}`) : ['None.']));
  out.push('', '## Methods', '', escapeMarkdown(methodsText(results).join(' ')), '');
  out.push('## Provenance', '', markdownTable({
    caption: 'Manifest', header: ['Field', 'Value'], numeric: [],
    rows: provenanceRows(m).map((cells) => ({ cells })),
  }), '');
  return out.join('\n');
}
