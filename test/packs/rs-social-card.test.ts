import { describe, expect, it } from 'vitest';
import { PACKS, metricValue, packDir } from '../../datasets/packs/index.js';
import { reproducePack } from '../../harness/pipeline/index.js';
import { fixedContext } from '../helpers.js';

/**
 * Measured at seed 20231204, 300,000 recipients, any red flag cuts off (10 % truly ineligible in
 * every group):
 *   share removed   15.4 %  (published: about 15 %, A11 via the Thomson Reuters Foundation)
 *   group               wrongful-exclusion rate (FPR)   share of exclusions wrongful (FDR)
 *   non_roma×none        4.98 %                          35.2 %
 *   non_roma×disabled   10.84 %                          54.8 %
 *   roma×none           14.77 %                          61.0 %
 *   roma×disabled       19.05 %                          67.8 %
 */
describe('pack rs-social-card', () => {
  const pack = PACKS.find((p) => p.id === 'rs-social-card')!;

  it('reads back the share removed it was calibrated to (no reproduction) and measures wrongful exclusion per group', async () => {
    const results = await reproducePack(pack, packDir('rs-social-card'), { workers: 1, context: fixedContext });
    const r = results.reproduction!;
    expect(r.reproduced).toEqual({ within: 0, total: 0 });
    expect(r.inputs).toEqual({ within: 1, total: 1 });
    expect(r.informative).toEqual({ within: 0, total: 0 });
    expect(r.figures[0]!.class).toBe('input');
    expect(r.figures[0]!.reproduced).toBeCloseTo(0.154, 3);
    expect(r.figures[0]!.source).toMatch(/A11/);

    const m = (attribute: string, group: string, metric: string) => metricValue(results, attribute, group, metric)!;
    expect(m('ethnicity', 'roma', 'false_positive_rate')).toBeCloseTo(0.1541, 3);
    expect(m('ethnicity', 'non_roma', 'false_positive_rate')).toBeCloseTo(0.0586, 3);
    expect(m('ethnicity', 'roma', 'false_positive_rate_ratio')).toBeCloseTo(2.63, 1);
    expect(m('disability', 'disabled', 'false_positive_rate_ratio')).toBeCloseTo(1.77, 1);
    expect(m('ethnicity', 'roma', 'false_discovery_rate')).toBeCloseTo(0.622, 2);
    expect(m('disability', 'disabled', 'false_discovery_rate')).toBeCloseTo(0.585, 2);
    const inter = m('ethnicity×disability', 'roma×disabled', 'false_positive_rate');
    expect(inter).toBeCloseTo(0.1905, 3);
    expect(inter).toBeGreaterThan(m('ethnicity×disability', 'non_roma×none', 'false_positive_rate') * 3);
    // The truly ineligible are caught at the same rate in every group: the disparity is the registry's errors.
    const tpr = ['roma', 'non_roma'].map((g) => m('ethnicity', g, 'true_positive_rate'));
    expect(Math.abs(tpr[0]! - tpr[1]!)).toBeLessThan(0.01);
  });
});
