import type { Results } from '../../../harness/results/index.js';
import { CATEGORY_RUNS, categoryShare, groupRate } from '../duo-2014/figures.js';
import { AA, CATEGORY_COUNTS_2014, CATEGORY_NAMES, ORIGIN_COLUMNS, RECIPIENTS_2014, SELECTED_2014 } from '../duo-2014/published.js';
import { overallSelectionRate, shareOfFlagged, shareOfPopulation } from '../measures.js';
import type { Pack, PackFigure } from '../pack.js';

const main = (runs: ReadonlyMap<string, Results>) => runs.get('main');

/**
 * No 2019 figure is published. Every figure here is a 2019 PREDICTION shown against the published
 * 2014 value of the same quantity, for comparison only (class `informative`: never gates the exit
 * code). The pack reproduces no published figure.
 */
const NOTE = 'prediction for 2019 (no 2019 figure is published); the "published" column is the 2014 figure, shown for comparison';
const SOURCE_2014 = `2014 value: ${AA}; CBS, github.com/NGO-Algorithm-Audit/DUO-CUB`;

function figure(id: string, label: string, published2014: number, reproduce: PackFigure['reproduce']): PackFigure {
  return { id, label: `2019 prediction: ${label}`, published: published2014, tolerance: 0, exact: false, class: 'informative', source: SOURCE_2014, note: NOTE, reproduce };
}

const share = (key: string, i: number): number => CATEGORY_COUNTS_2014[key]![i]! / RECIPIENTS_2014[key as keyof typeof RECIPIENTS_2014];

/** Netherlands, DUO: the 2014-calibrated process applied to the 2019 population (see README.md). */
export const duo2019Pack: Pack = {
  id: 'duo-2019',
  title: 'Netherlands, DUO home-visit risk profile: prediction for the 2019 population (process calibrated on 2014)',
  summary:
    "DUO's scorecard R1 × (R2 + R3), with R3's prevalence and the selection process as calibrated on 2014, applied to CBS's 2019 joint table per origin group: predicted risk-category shares, selection rates and the share of non-European origin among the selected. No 2019 figures are published; 2014's are shown for comparison.",
  runs: { main: 'battery.yaml', r1r2: 'battery-r1r2.yaml', ...CATEGORY_RUNS },
  figures: [
    figure('r1r2_category_1_share', 'risk category 1 (score ≥ 80) under R1 × R2 alone, share of all recipients', 0.0635, (runs) => {
      const run = runs.get('r1r2');
      return run ? overallSelectionRate(run, 'origin_group') : null;
    }),
    figure('non_europe_share_recipients', 'non-European origin, share of recipients', 0.22, (runs) => {
      const run = main(runs);
      return run ? shareOfPopulation(run, 'origin_group', 'non_europe') : null;
    }),
    ...[null, ...ORIGIN_COLUMNS].flatMap((c) =>
      [0, 1].map((i) => figure(`category_${i + 1}_share.${c?.key ?? 'all'}`, `risk category ${CATEGORY_NAMES[i]}, share of ${c ? `${c.label} recipients` : 'all recipients'} (R1 × (R2 + R3))`, share(c?.key ?? 'all', i), (runs) => categoryShare(runs, i + 1, c))),
    ),
    ...ORIGIN_COLUMNS.map((c) =>
      figure(`selection_rate.${c.key}`, `selected for a home visit, share of ${c.label} recipients`, SELECTED_2014[c.key as keyof typeof SELECTED_2014] / RECIPIENTS_2014[c.key as keyof typeof RECIPIENTS_2014], (runs) => groupRate(main(runs), c.attribute, c.group)),
    ),
    figure('non_europe_share_selected', 'non-European origin, share of the selected', 0.632, (runs) => {
      const run = main(runs);
      return run ? shareOfFlagged(run, 'origin_group', 'non_europe') : null;
    }),
    figure('selection_rate_ratio.non_europe', 'selection rate, non-European ÷ Dutch origin', 0.03667 / 0.00589, (runs) => {
      const a = groupRate(main(runs), 'origin_group', 'non_europe');
      const b = groupRate(main(runs), 'origin_group', 'nl');
      return a === null || b === null || b === 0 ? null : a / b;
    }),
  ],
};
