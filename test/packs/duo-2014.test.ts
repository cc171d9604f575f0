import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PACKS, packDir } from '../../datasets/packs/index.js';
import { calibrateR3 } from '../../datasets/packs/duo-2014/calibrate-r3.js';
import { reproducePack } from '../../harness/pipeline/index.js';
import { fixedContext } from '../helpers.js';

interface Spec { variables: Record<string, { type: string; columns?: unknown; counts?: unknown; table?: Record<string, number[]> }> }
const spec = (file: string): Spec => parse(readFileSync(file, 'utf8')) as Spec;

describe('pack duo-2014', () => {
  const pack = PACKS.find((p) => p.id === 'duo-2014')!;

  it("copies the CBS joint table of datasets/populations/duo-2014.yaml verbatim and adds only R3's calibrated inputs", () => {
    const canonical = spec('datasets/populations/duo-2014.yaml').variables;
    const local = spec('datasets/packs/duo-2014/population.yaml').variables;
    expect(local.recipient).toEqual(canonical.recipient);
    expect(local.origin_group).toEqual(canonical.origin_group);
    expect(Object.keys(local).filter((k) => !(k in canonical))).toEqual(['distance_known', 'r3_discrepancy', 'age_moved_out', 'age_at_address']);
    // R3 only exists from age 21: the calibration leaves younger students without a discrepancy
    for (const [key, probs] of Object.entries(local.r3_discrepancy!.table!)) if (/\|(15-18|19-20)\|/.test(key)) expect(probs).toEqual([1, 0]);
  });

  it("holds R3's prevalences exactly as calibrate-r3 computes them, fitting the 30 category shares within 0.39 points", () => {
    const fit = calibrateR3(packDir('duo-2014'));
    const committed = spec('datasets/packs/duo-2014/population.yaml').variables.r3_discrepancy!.table!;
    expect(Object.keys(committed)).toEqual([...fit.prevalence.keys()]);
    for (const [key, yes] of fit.prevalence) {
      expect(committed[key]![1], key).toBe(yes);
      expect(committed[key]![0]! + committed[key]![1]!, key).toBeCloseTo(1, 12);
    }
    expect(fit.targets).toHaveLength(30);
    expect(fit.maxResidual).toBeLessThan(0.0039);
    // the fit has work to do: without any discrepancy the category shares miss by several points
    const noR3 = calibrateR3(packDir('duo-2014'), { maxPrevalence: 0 });
    expect(noR3.maxResidual).toBeGreaterThan(0.02);
    // R3 gives points from age 21 only, so younger cells carry no prevalence
    for (const [key, yes] of fit.prevalence) if (/\|(15-18|19-20)\|/.test(key)) expect(yes, key).toBe(0);
  });

  it('reproduces the exact R1 × R2 figure; reads back the population and the calibrated category shares; the selection figures are informative', async () => {
    const results = await reproducePack(pack, packDir('duo-2014'), { workers: 1, context: fixedContext });
    const r = results.reproduction!;
    const byId = Object.fromEntries(r.figures.map((f) => [f.id, f]));

    // reproduced: Algorithm Audit's R1 × R2 computation, redone on the published table (not a calibration target)
    expect(byId.r1r2_category_1_share!.class).toBe('reproduced');
    expect(byId.r1r2_category_1_share!.exact).toBe(true);
    expect(byId.r1r2_category_1_share!.reproduced).toBeCloseTo(15_800 / 248_860, 10);
    expect(byId.r1r2_category_1_share!.within).toBe(true);
    // input: the population is CBS's table
    expect(byId.non_europe_share_recipients!.class).toBe('input');
    expect(byId.non_europe_share_recipients!.reproduced).toBeCloseTo(54_900 / 248_860, 10);

    // calibrated: 30 category shares (overall and 4 origin columns × 6 categories), each within 0.6 points
    const categories = r.figures.filter((f) => f.id.startsWith('category_'));
    expect(categories).toHaveLength(30);
    for (const f of categories) {
      expect(f.exact).toBe(false);
      expect(f.class, f.id).toBe('input');
      expect(f.within, f.id).toBe(true);
      expect(Math.abs(f.reproduced! - f.published)).toBeLessThan(0.005);
    }
    for (const key of ['all', 'nl', 'europe', 'non_europe', 'born_nl_non_europe']) {
      const sum = [1, 2, 3, 4, 5, 6].reduce((s, c) => s + byId[`category_${c}_share.${key}`]!.reproduced!, 0);
      expect(sum).toBeCloseTo(1, 10);
    }
    expect(byId['category_1_share.all']!.reproduced).toBeCloseTo(0.0673, 3);

    // informative: the selection mechanism reproduces the direction, not the size, of the published disparity
    const informative = r.figures.filter((f) => f.class === 'informative');
    expect(informative.map((f) => f.id).sort()).toEqual(
      ['non_europe_share_selected', 'selection_rate.born_nl_non_europe', 'selection_rate.europe', 'selection_rate.nl', 'selection_rate.non_europe', 'selection_rate_ratio.non_europe'],
    );
    expect(byId.non_europe_share_selected!.reproduced).toBeCloseTo(0.512, 2);
    expect(byId['selection_rate_ratio.non_europe']!.reproduced!).toBeGreaterThan(3);
    expect(byId['selection_rate_ratio.non_europe']!.reproduced!).toBeLessThan(byId['selection_rate_ratio.non_europe']!.published);
    const selected = results.groups.filter((g) => g.attribute === 'origin_group').reduce((s, g) => s + g.flagged, 0);
    expect(selected).toBe(3180);

    expect(r.reproduced).toEqual({ within: 1, total: 1 });
    expect(r.inputs).toEqual({ within: 31, total: 31 });
    expect(r.informative).toEqual({ within: 0, total: 6 });
    for (const f of r.figures) expect(f.source).toMatch(/Algorithm Audit|DUO-CUB/);
  });
});
