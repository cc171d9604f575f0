import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

interface Group {
  attribute: string;
  group: string;
  n: number;
  flagged: number;
}

/**
 * ProPublica's "Medium or High" written as a threshold on the score (`--flag "decile_score >= 5"`): the
 * score column of a CSV is read as text for its row checks, and must still compare as a number.
 */
describe('audit --score decile_score --flag "decile_score >= 5"', () => {
  const example = 'datasets/examples/compas-shaped.csv';
  const audit = (dir: string, flag: string, file = example) =>
    runCli(['audit', file, '--protected', 'race,sex', '--score', 'decile_score', '--flag', flag, '--label', 'two_year_recid', '--out', dir]);

  it('gives the rows "score_text IN (\'Medium\', \'High\')" gives (deciles 5 to 10)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'decile-'));
    const threshold = audit(join(dir, 'threshold'), 'decile_score >= 5');
    expect(threshold.stderr).not.toMatch(/mixes text and a number/);
    const text = audit(join(dir, 'text'), "score_text IN ('Medium', 'High')");
    // 1 = checks found disparities (the example is built to have them); both runs the same.
    expect([threshold.status, text.status]).toEqual([1, 1]);
    const groups = (name: string) => (JSON.parse(readFileSync(join(dir, name, 'results.json'), 'utf8')) as { groups: Group[] }).groups;
    expect(groups('threshold')).toEqual(groups('text'));
    // Counted from the file with a few lines of Python's csv module: 665 of 924 African-American, 187 of 614 Caucasian.
    const race = (g: string) => groups('threshold').find((x) => x.attribute === 'race' && x.group === g)!;
    expect(race('African-American')).toMatchObject({ n: 924, flagged: 665 });
    expect(race('Caucasian')).toMatchObject({ n: 614, flagged: 187 });
  });

  it('a score that is not a number is refused, exit 2, naming the file, the column and the row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'decile-bad-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'race,sex,decile_score,two_year_recid\nBlack,Male,7,1\nWhite,Female,5,0\nBlack,Female,n/a,1\n');
    const r = audit(join(dir, 'out'), 'decile_score >= 5', file);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`disparate: ${file}: column "decile_score" is used as a number in an expression, but holds "n/a" at row 3`);
  });
});
