import type { Pack } from '../pack.js';

/**
 * Netherlands, childcare-benefits risk classification (2013–2019): the mechanism, not the model.
 * Two runs on the same population and seed: `direct` (nationality as a direct input, as the Dutch
 * Data Protection Authority and Amnesty found) and `proxies` (the same model without it). No
 * coefficient or disparity of the real model is published, so the pack has no published figures to
 * match; the contrast between the runs is what it shows (asserted by test/packs/nl-childcare.test.ts).
 */
export const nlChildcarePack: Pack = {
  id: 'nl-childcare',
  title: 'Netherlands, childcare-benefits risk classification: nationality as a direct input vs proxies only',
  summary: 'An illustrative risk model with "Dutch citizenship yes/no" and dual nationality as inputs (AP 2020, 2021; Amnesty, Xenophobic Machines, 2021) against the same model without them, on one synthetic population: the disparity nationality adds directly, and the disparity that remains through income and household proxies.',
  runs: { direct: 'battery-direct.yaml', proxies: 'battery-proxies.yaml' },
  // Nothing numeric about the model's output is published (see README.md): no figure to reproduce.
  figures: [],
};
