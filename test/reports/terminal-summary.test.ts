import { describe, expect, it } from 'vitest';
import { terminalSummary } from '../../reports/index.js';
import { fixtureResults } from './fixture-results.js';

describe('terminalSummary', () => {
  it('names the failing, then the inconclusive checks, and the report path', () => {
    const text = terminalSummary(fixtureResults(), 'out/x/report.html');
    expect(text.split('\n')).toEqual([
      'CAF-style risk score 2023: nationality and disability',
      expect.stringMatching(/^verdict: FAIL \(2 pass, 1 fail, 1 inconclusive\)/),
      '  ✗ nationality-non_eu-selection · nationality: non_eu · selection rate ratio 2.10 (95 % CI 1.97–2.24)',
      '  ? nationality-eu-selection · nationality: eu · selection rate ratio 1.20 (95 % CI 1.12–1.29)',
      'report: out/x/report.html',
      '',
    ]);
  });

  it('names at most ten, then says how many more', () => {
    const r = fixtureResults();
    const failing = r.checks.find((c) => c.verdict === 'fail')!;
    r.checks = Array.from({ length: 13 }, (_, i) => ({ ...failing, id: `check-${i + 1}` }));
    const lines = terminalSummary(r, 'report.html').trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('  ✗ check-'))).toHaveLength(10);
    expect(lines.at(-2)).toBe('  and 3 more (every check is in the report)');
  });
});
