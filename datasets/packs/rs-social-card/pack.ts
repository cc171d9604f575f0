import type { Results } from '../../../harness/results/index.js';
import { overallSelectionRate } from '../measures.js';
import type { Pack } from '../pack.js';

const run = (runs: ReadonlyMap<string, Results>) => runs.get('main')!;

/** Serbia, Social Card registry: rule-based eligibility re-check with group-dependent registry errors (see README.md). */
export const rsSocialCardPack: Pack = {
  id: 'rs-social-card',
  title: 'Serbia, Social Card registry: rule-based eligibility with group-dependent registry errors',
  summary: 'Any red flag in the registry (income or assets above the limit) cuts a recipient off; wrong or outdated records fall more often on Roma and people with disabilities (Amnesty, Trapped by Automation, 2023), and the pack measures the wrongful exclusion this produces per group.',
  runs: { main: 'battery.yaml' },
  figures: [
    {
      id: 'share_removed',
      label: 'Share of social-assistance recipients removed (any red flag)',
      class: 'input',
      published: 0.15,
      tolerance: 0.02,
      exact: false,
      source: 'A11 – Initiative for Economic and Social Rights, estimate from government data, reported by the Thomson Reuters Foundation, "As Serbia adopts digital welfare system, the poorest often miss out" (Sept 2023): up to 27,000 people, about 15 % of recipients, removed since the Social Card law took effect in March 2022',
      note: 'calibration target of the population spec; counts every removal, rightful or wrongful, over the period since March 2022, approximated by one re-check',
      reproduce: (runs) => overallSelectionRate(run(runs), 'ethnicity'),
    },
  ],
};
