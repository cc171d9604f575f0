import { describe, expect, it } from 'vitest';
import { packDir, type Pack } from '../../datasets/packs/index.js';
import { reproducePack, reproductionOutcome } from '../../harness/pipeline/index.js';
import { reproductionExitCode } from '../../harness/cli/reproduce.js';
import { Results, type Reproduction, type ReproducedFigure } from '../../harness/results/index.js';
import { buildReproductionTables, reproductionLine, reproductionSummary } from '../../reports/shared/index.js';
import { fixedContext } from '../helpers.js';

/**
 * A figure's class travels from the pack definition to results.json, the report tables, the terminal
 * line and the exit code. The pack below reuses sweden-fk's battery (counts only, no scoring) with five
 * figures whose values are fixed, so each one's within/outside is known by hand:
 *   id         class        published  reproduced  tolerance  within
 *   r_hit      reproduced   1          1.05        0.1        yes
 *   r_miss     reproduced   1          2           0.1        no
 *   in_a       input        0.5        0.5         0          yes
 *   in_b       input        6129       6129        0          yes (read off the run: rows)
 *   info_miss  informative  0.09       0.015       0.01       no
 */
const pack: Pack = {
  id: 'classes',
  title: 'classes',
  summary: 'fixture',
  runs: { main: 'battery.yaml' },
  figures: [
    { id: 'r_hit', label: 'hit', class: 'reproduced', published: 1, tolerance: 0.1, exact: false, source: 's', reproduce: () => 1.05 },
    { id: 'r_miss', label: 'miss', class: 'reproduced', published: 1, tolerance: 0.1, exact: false, source: 's', reproduce: () => 2 },
    { id: 'in_a', label: 'input a', class: 'input', published: 0.5, tolerance: 0, exact: true, source: 's', note: 'built from it', reproduce: () => 0.5 },
    { id: 'in_b', label: 'input b', class: 'input', published: 6129, tolerance: 0, exact: true, source: 's', note: 'the case count', reproduce: (runs) => runs.get('main')?.manifest.rows ?? null },
    { id: 'info_miss', label: 'info', class: 'informative', published: 0.09, tolerance: 0.01, exact: false, source: 's', note: 'a surrogate', reproduce: () => 0.015 },
  ],
};

const fig = (id: string, cls: ReproducedFigure['class'], within: boolean): ReproducedFigure =>
  ({ id, label: id, class: cls, published: 1, reproduced: within ? 1 : 2, tolerance: 0, within, exact: false, source: 's', note: cls === 'reproduced' ? null : 'why' });
const count = (figures: ReproducedFigure[], cls: ReproducedFigure['class']) => ({
  within: figures.filter((f) => f.class === cls && f.within).length,
  total: figures.filter((f) => f.class === cls).length,
});
const reproduction = (figures: ReproducedFigure[]): Reproduction =>
  ({ pack: 'p', title: 't', figures, reproduced: count(figures, 'reproduced'), inputs: count(figures, 'input'), informative: count(figures, 'informative') });

describe('figure classes: pack → results → report → exit code', () => {
  it('keeps each class on the figure and counts reproduced figures apart from inputs and informative ones', async () => {
    const results = Results.parse(await reproducePack(pack, packDir('sweden-fk'), { workers: 1, context: fixedContext }));
    const r = results.reproduction!;
    expect(r.figures.map((f) => [f.id, f.class, f.within])).toEqual([
      ['r_hit', 'reproduced', true], ['r_miss', 'reproduced', false], ['in_a', 'input', true], ['in_b', 'input', true], ['info_miss', 'informative', false],
    ]);
    expect(r.reproduced).toEqual({ within: 1, total: 2 });
    expect(r.inputs).toEqual({ within: 2, total: 2 });
    expect(r.informative).toEqual({ within: 0, total: 1 });

    const line = 'Reproduced: 1 of 3 published figures (1 informative: shown with their gap, not expected to match); build checks: 2 of 2 inputs read back';
    expect(reproductionLine(r)).toBe(line);
    const [outputs, build, ...rest] = buildReproductionTables(results);
    expect(rest).toEqual([]);
    expect(outputs!.caption).toBe(`Published vs reproduced (classes): ${line}`);
    expect(outputs!.header[1]).toBe('Class');
    expect(outputs!.rows.map((row) => [row.cells[1], row.cells[6]])).toEqual([['reproduced', 'yes'], ['reproduced', 'no'], ['informative', 'outside, not gated']]);
    expect(build!.caption).toBe('Build checks (classes): 2 of 2 inputs read back. These are values the pack was built or calibrated from: a check of the build, not a reproduction');
    expect(build!.rows.map((row) => [row.cells[0], row.cells[1], row.cells[6]])).toEqual([['input a (built from it)', 'input', 'read back'], ['input b (the case count)', 'input', 'read back']]);
    // a reproduced figure outside its tolerance fails the run
    expect(reproductionOutcome(r)).toBe('not-reproduced');
    expect(reproductionExitCode(r)).toBe(1);
  }, 60_000);

  it('exit code: only reproduced figures and build checks gate; informative figures never do', () => {
    const cases: [ReproducedFigure[], ReturnType<typeof reproductionOutcome>, number][] = [
      [[fig('r', 'reproduced', true), fig('i', 'input', true), fig('x', 'informative', false)], 'reproduced', 0],
      [[fig('r', 'reproduced', false), fig('i', 'input', true)], 'not-reproduced', 1],
      [[fig('r', 'reproduced', true), fig('i', 'input', false)], 'broken-build', 1],
      [[fig('r', 'reproduced', false), fig('i', 'input', false)], 'broken-build', 1],
      [[fig('i', 'input', true), fig('x', 'informative', false)], 'reproduced', 0],
      [[], 'reproduced', 0],
    ];
    for (const [figures, outcome, exit] of cases) {
      const r = reproduction(figures);
      expect(reproductionOutcome(r), figures.map((f) => f.id).join()).toBe(outcome);
      expect(reproductionExitCode(r)).toBe(exit);
    }
  });

  it('says in plain words how many published figures the pack reproduces, and names a broken build on its own line', () => {
    // rotterdam's shape: 8 inputs read back, 9 informative, nothing reproduced
    const rotterdam = reproduction([...Array.from({ length: 8 }, (_, i) => fig(`i${i}`, 'input', true)), ...Array.from({ length: 9 }, (_, i) => fig(`x${i}`, 'informative', false))]);
    expect(reproductionLine(rotterdam)).toBe('Reproduced: 0 of 9 published figures (9 informative: shown with their gap, not expected to match); build checks: 8 of 8 inputs read back');
    // caf's shape: every published figure is an input
    expect(reproductionLine(reproduction([fig('a', 'input', true), fig('b', 'input', true)]))).toBe(
      'Reproduced: none; every published figure is one the pack was built or calibrated from; build checks: 2 of 2 inputs read back',
    );
    expect(buildReproductionTables({ reproduction: reproduction([fig('a', 'input', true)]) } as Results).map((t) => t.caption)).toEqual([
      'Reproduced: none; every published figure is one the pack was built or calibrated from. Build checks (p): 1 of 1 inputs read back. These are values the pack was built or calibrated from: a check of the build, not a reproduction',
    ]);
    // sweden's shape: reproductions and the case counts
    expect(reproductionLine(reproduction([fig('r', 'reproduced', true), fig('r2', 'reproduced', false), fig('i', 'input', true)]))).toBe(
      'Reproduced: 1 of 2 published figures; build checks: 1 of 1 inputs read back',
    );
    expect(reproductionLine(reproduction([]))).toBe('No published figure to compare (see the pack README)');
    expect(buildReproductionTables({ reproduction: reproduction([]) } as Results)).toEqual([]);
    // a broken build
    const broken = reproduction([fig('r', 'reproduced', true), fig('share_women', 'input', false), fig('i', 'input', true)]);
    expect(reproductionSummary(broken)).toBe(
      'Reproduced: 1 of 1 published figures; build checks failed: only 1 of 2 inputs read back, so the pack itself is broken\n' +
        'Broken build: the pack does not read back the input it was built from (share_women); a fault in the pack, not a failed reproduction\n',
    );
    const [, build] = buildReproductionTables({ reproduction: broken } as Results);
    expect(build!.caption).toMatch(/^Build checks \(p\): 1 of 2 inputs read back, so the pack itself is broken\. /);
    expect(build!.rows.map((row) => row.cells[6])).toEqual(['no: the build is broken', 'read back']);
  });
});
