import type { ApplicantExplanation } from './explain-applicant.js';

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(6).replace(/\.?0+$/, ''));

/** The explanation as plain text for a terminal: score, decision, contributions, flips. */
export function formatExplanation(e: ApplicantExplanation): string {
  const lines: string[] = [];
  lines.push(`model ${e.model.name} (${e.model.kind}, ${e.model.file})`);
  lines.push(`score ${num(e.score)}${e.category ? ` (category ${e.category})` : ''}`);
  lines.push(e.flagged === null ? 'decision: none (give --threshold)' : `decision: ${e.flagged ? 'FLAGGED' : 'not flagged'} (score ${e.flagged ? '≥' : '<'} ${e.threshold})`);
  lines.push('', `contributions (${e.explanation.space}; ${e.explanation.method})`);
  const width = Math.max(...e.explanation.contributions.map((c) => c.input.length), 9);
  if (e.explanation.additive) lines.push(`  ${'base'.padEnd(width)}  ${num(e.explanation.base)}`);
  for (const c of [...e.explanation.contributions].sort((a, b) => Math.abs(b.value) - Math.abs(a.value))) {
    lines.push(`  ${c.input.padEnd(width)}  ${c.value >= 0 ? '+' : ''}${num(c.value)}${c.detail ? `   (${c.detail})` : ''}`);
  }
  if (e.explanation.additive) lines.push(`  ${'total'.padEnd(width)}  ${num(e.explanation.total)}`);
  if (e.changes.length > 0) {
    lines.push('', 'single changes');
    for (const c of e.changes) {
      const flip = c.flips === null ? '' : c.flips ? '  ← flips the decision' : '';
      lines.push(`  ${c.input} (${c.role}): ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}: score ${num(c.score)}${flip}`);
    }
    const flips = e.changes.filter((c) => c.flips && c.role !== 'input');
    if (e.flagged !== null) lines.push('', flips.length ? `a single change of a protected attribute or proxy flips the decision: ${flips.map((c) => `${c.input} → ${JSON.stringify(c.to)}`).join('; ')}` : 'no single change of a protected attribute or proxy flips the decision');
  }
  return `${lines.join('\n')}\n`;
}
