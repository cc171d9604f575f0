import type { Results } from '../../../harness/results/index.js';
import type { Pack } from '../pack.js';

const run = (runs: ReadonlyMap<string, Results>) => runs.get('main')!;

/** Precision over the whole population: true positives ÷ flagged, summed over the groups of `attribute`. */
function overallPrecision(results: Results, attribute: string): number | null {
  const gs = results.groups.filter((g) => g.attribute === attribute);
  const flagged = gs.reduce((s, g) => s + g.flagged, 0);
  if (flagged === 0 || gs.some((g) => g.tp === null)) return null;
  return gs.reduce((s, g) => s + (g.tp ?? 0), 0) / flagged;
}

/** Denmark, Udbetaling Danmark's "Model Abroad": an illustrative model calibrated to the published precision (see README.md). */
export const dkModelAbroadPack: Pack = {
  id: 'dk-model-abroad',
  title: 'Denmark, UDK "Model Abroad": flagging on citizenship and foreign affiliation (illustrative, calibrated)',
  summary: 'A logistic score over citizenship, foreign affiliation and travel and address signals, calibrated so that about 90 % of the cases it opens are not fraud (Amnesty, Coded Injustice, 2024), and the false-positive burden it then puts on each citizenship and origin group.',
  // `no_citizenship`: the same model without the citizenship input, on the same recipients (a contrast; no figure reads it).
  runs: { main: 'battery.yaml', no_citizenship: 'battery-no-citizenship.yaml' },
  figures: [
    {
      id: 'precision_cases_opened',
      label: 'Precision of Model Abroad: share of opened cases that were fraud (top 3 % of scores)',
      class: 'input',
      published: 0.1,
      tolerance: 0.02,
      exact: false,
      source: 'Amnesty International, Coded Injustice: Surveillance and discrimination in Denmark\'s automated welfare state (Nov 2024): about 90 % of the cases Model Abroad opened were not fraud',
      note: 'calibration target of the model ("about 90 %" read as 10 % ± 2 points); cases opened approximated by the top 3 % of scores',
      reproduce: (runs) => overallPrecision(run(runs), 'citizenship'),
    },
  ],
};
