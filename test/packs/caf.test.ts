import { describe, expect, it } from 'vitest';
import { PACKS, packDir } from '../../datasets/packs/index.js';
import { reproducePack } from '../../harness/pipeline/index.js';
import { fixedContext } from '../helpers.js';

describe('pack caf', () => {
  const pack = PACKS.find((p) => p.id === 'caf')!;

  it('reproduces no published figure: both single-parent figures are calibration targets, read back within tolerance', async () => {
    const results = await reproducePack(pack, packDir('caf'), { workers: 1, context: fixedContext });
    const r = results.reproduction!;
    expect(r.reproduced).toEqual({ within: 0, total: 0 });
    expect(r.inputs).toEqual({ within: 2, total: 2 });
    expect(r.informative).toEqual({ within: 0, total: 0 });
    for (const f of r.figures) expect(f.class).toBe('input');
    const byId = Object.fromEntries(r.figures.map((f) => [f.id, f]));
    expect(byId.single_parent_share_households!.reproduced).toBeCloseTo(0.162, 2);
    expect(byId.single_parent_share_controls!.reproduced).toBeCloseTo(0.363, 2);
    for (const f of r.figures) expect(f.source).toMatch(/Le Monde/);
  });
});
