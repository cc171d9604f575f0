import { describe, expect, it } from 'vitest';
import { PACKS, PackFigure, checkPack, type Pack } from '../../datasets/packs/index.js';
import { DisparateError } from '../../harness/errors/index.js';
import { ReproducedFigure } from '../../harness/results/index.js';

const base = { id: 'share_women', label: 'Share of women', published: 0.42, tolerance: 0.01, exact: false, source: 'Lighthouse (2023)', reproduce: () => 0.42 };

describe('a figure must say what it is worth as evidence', () => {
  it('every bundled pack validates, with unique figure ids', () => {
    for (const pack of PACKS) expect(() => checkPack(pack), pack.id).not.toThrow();
  });

  it('refuses a pack figure without a class: there is no default', () => {
    expect(PackFigure.safeParse(base).success).toBe(false);
    expect(PackFigure.safeParse({ ...base, class: 'calibrated' }).success).toBe(false);
    const pack = { id: 'p', title: 't', summary: 's', runs: {}, figures: [base] } as unknown as Pack;
    expect(() => checkPack(pack)).toThrow(DisparateError);
    expect(() => checkPack(pack)).toThrow(/^pack p: figures\.0 \(share_women\)\.class: /);
  });

  it('an input says what was built from it, an informative figure why it cannot match; a reproduced figure needs neither', () => {
    expect(PackFigure.safeParse({ ...base, class: 'input' }).success).toBe(false);
    expect(PackFigure.safeParse({ ...base, class: 'informative' }).success).toBe(false);
    expect(PackFigure.safeParse({ ...base, class: 'input', note: 'calibration target of the population' }).success).toBe(true);
    expect(PackFigure.safeParse({ ...base, class: 'informative', note: 'a surrogate' }).success).toBe(true);
    expect(PackFigure.safeParse({ ...base, class: 'reproduced' }).success).toBe(true);
    // the old boolean is gone: a stray `informative: true` is refused, not ignored
    expect(PackFigure.safeParse({ ...base, class: 'reproduced', informative: true }).success).toBe(false);
  });

  it('refuses a figure in results.json without a class', () => {
    const figure = { id: 'x', label: 'x', published: 1, reproduced: 1, tolerance: 0, within: true, exact: false, source: 's', note: null };
    expect(ReproducedFigure.safeParse(figure).success).toBe(false);
    expect(ReproducedFigure.safeParse({ ...figure, class: 'reproduced' }).success).toBe(true);
    expect(ReproducedFigure.safeParse({ ...figure, informative: true }).success).toBe(false);
  });

  it('refuses duplicate figure ids', () => {
    const f = { ...base, class: 'reproduced' as const };
    expect(() => checkPack({ id: 'p', title: 't', summary: 's', runs: {}, figures: [f, f] })).toThrow(/id "share_women" is used twice/);
  });
});
