import { describe, expect, it } from 'vitest';
import { checkRoleExpressions } from '../../datasets/engines/index.js';
import { DisparateError } from '../../harness/errors/index.js';

/** The check that runs before --postgres opens a connection: refuses what no table could make valid, lets names and COL=VALUE through. */
describe('checkRoleExpressions (before any connection)', () => {
  const refused = (roles: Parameters<typeof checkRoleExpressions>[0]) => {
    try {
      checkRoleExpressions(roles);
    } catch (e) {
      expect(e).toBeInstanceOf(DisparateError);
      expect((e as DisparateError).code).toBe('usage');
      return (e as DisparateError).message;
    }
    return null;
  };

  it('lets column names, COL=VALUE and whitelisted expressions through', () => {
    expect(refused({ flag: 'flagged' })).toBeNull();
    expect(refused({ flag: 'score_text=High', label: 'two_year_recid', labelSource: 'sample=random audit (2023)' })).toBeNull();
    expect(refused({ flag: "score_text IN ('Medium', 'High')", label: 'two_year_recid = 1', where: 'age >= 21', derive: ["band=CASE WHEN age < 25 THEN 'young' ELSE 'older' END"] })).toBeNull();
  });

  it.each([
    [{ flag: '1; DROP TABLE x' }, /^--flag: /],
    [{ flag: "read_csv('/etc/passwd') IS NOT NULL" }, /^--flag: .*read_csv/],
    [{ flag: 'flagged', where: 'id IN (SELECT id FROM x)' }, /^--where: .*subquer/],
    [{ flag: 'flagged', label: 'recid >= (SELECT 1)' }, /^--label: .*subquer/],
    [{ flag: 'flagged', derive: ["band=pg_read_file('/etc/passwd')"] }, /^--derive: .*pg_read_file/],
    [{ flag: 'flagged', where: 'age > 1 -- comment' }, /^--where: /],
  ])('refuses %j', (roles, words) => {
    expect(refused(roles)).toMatch(words);
  });
});
