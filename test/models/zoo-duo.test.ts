import { describe, expect, it } from 'vitest';
import { loadPopulationSpec, resolvePopulation, samplePopulation } from '../../datasets/synth/index.js';
import { loadModel } from '../../models/adapters/index.js';
import { applicantTable, explainApplicant } from '../../models/explain/index.js';

/** The DUO scorecard of models/zoo/duo against hand-computed applicants and the published 6.35 %. */
describe('zoo: DUO scorecard R1 × (R2 + R3)', () => {
  const model = loadModel('models/zoo/duo/model.json');
  const score = (a: Record<string, string>) => model.bind(applicantTable(model.inputs, [a]))(0, 1)[0]!;

  it('scores hand-computed applicants', () => {
    // mbo 1-2 (1.2) × (0 m, 15-18: 120 + no discrepancy 0) = 144
    expect(score({ education: 'mbo 1-2', age: '15-18', distance: '0km', age_moved_out: '17-18', age_at_address: '17-18' })).toBeCloseTo(144, 4);
    // mbo 3-4 (1.1) × (1-2 km, 25-50: 60 + 25-65/17-18/19-20: 25) = 93.5
    expect(score({ education: 'mbo 3-4', age: '25-50', distance: '1-2km', age_moved_out: '17-18', age_at_address: '19-20' })).toBeCloseTo(93.5, 4);
    // wo (0.8) × (unknown distance 0 + 23-24/17-18/17-18: 15) = 12
    expect(score({ education: 'wo', age: '23-24', distance: 'unknown', age_moved_out: '17-18', age_at_address: '17-18' })).toBeCloseTo(12, 4);
  });

  it('reports the risk category and the exact table points', async () => {
    const e = await explainApplicant(model, { education: 'mbo 3-4', age: '25-50', distance: '1-2km', age_moved_out: '17-18', age_at_address: '19-20' });
    expect(e.category).toBe('1 very high');
    expect(e.explanation.contributions.map((c) => [c.input, c.value])).toEqual([['R1', 1.1], ['R2', 60], ['R3', 25]]);
    const low = await explainApplicant(model, { education: 'hbo', age: '25-50', distance: '50-500km', age_moved_out: 'under 17', age_at_address: '25+' });
    expect([low.score, low.category]).toEqual([5, '5 very low']);
  });

  it('R1 × R2 on the CBS 2014 joint table puts 6.35 % in category 1, as Algorithm Audit published', () => {
    const r1r2 = loadModel('models/zoo/duo/model-r1r2.json');
    const spec = resolvePopulation(loadPopulationSpec('datasets/populations/duo-2014.yaml'));
    const n = 248_860;
    const table = samplePopulation(spec, { seed: 1, n, size: n });
    const scores = r1r2.bind(table)(0, n);
    const share = scores.filter((s) => s >= 80).length / n;
    expect(share * 100).toBeCloseTo(6.35, 1);
  });
});
