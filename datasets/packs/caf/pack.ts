import type { Results } from '../../../harness/results/index.js';
import { shareOfFlagged, shareOfPopulation } from '../measures.js';
import type { Pack } from '../pack.js';

const run = (runs: ReadonlyMap<string, Results>) => runs.get('main')!;

/** France, CAF data-mining score: a sign-faithful, calibrated approximation (see README.md). */
export const cafPack: Pack = {
  id: 'caf',
  title: 'France, CAF risk score (DMDE): sign-faithful calibrated approximation',
  summary: 'A logistic score with the published variables and signs, calibrated to the single-parent figures reported by Le Monde, and the nationality, disability and income disparities it then produces through proxies.',
  runs: { main: 'battery.yaml' },
  figures: [
    {
      id: 'single_parent_share_households',
      label: 'Single-parent families, share of households',
      class: 'input',
      published: 0.16,
      tolerance: 0.01,
      exact: false,
      source: 'Le Monde, investigation of the CAF algorithm (Dec 2023): single-parent families are 16 % of households',
      note: 'calibration target of the population spec',
      reproduce: (runs) => shareOfPopulation(run(runs), 'single_parent', 'yes'),
    },
    {
      id: 'single_parent_share_controls',
      label: 'Single-parent families, share of home controls (top 5 % of scores)',
      class: 'input',
      published: 0.36,
      tolerance: 0.03,
      exact: false,
      source: 'Le Monde (Dec 2023): single-parent families are 36 % of home controls',
      note: 'calibration target of the model; controls approximated by the top 5 % of scores',
      reproduce: (runs) => shareOfFlagged(run(runs), 'single_parent', 'yes'),
    },
  ],
};
