/** The English words of the charts: titles, subtitles, axis and legend titles, legend values, tooltips and the accessible descriptions. */
export const EN_CHARTS = {
  /** d3-format's number locale for the axes; English keeps Vega's own default, which is this one (see chartLocale). */
  locale: { decimal: '.', thousands: ',', grouping: [3], currency: ['$', ''], percent: '%', minus: '-' } as { decimal: string; thousands: string; grouping: number[]; currency: [string, string]; percent: string; minus: string },
  reference: 'reference',
  referenceSuffix: ' (reference)',
  group: 'group',
  n: 'n',
  /** The chart titles a report lists (figure captions). */
  titles: {
    comparison: 'Paired change in selection rate by group',
    overRepresentation: 'Share of the flagged against share of everyone',
    selectionRate: (by: string, investigated: boolean): string => `Selection rate by ${by}${investigated ? ' among investigated cases (not population rates)' : ''}`,
    ratioForest: (investigated: boolean): string => `Selection-rate ratio by group${investigated ? ' among investigated cases (not population rates)' : ''}`,
    errorRates: (by: string, investigated: boolean): string => `Error rates by ${by}${investigated ? ' among investigated cases (not population rates)' : ''}`,
    scoreDistribution: (by: string): string => `Score distribution by ${by}`,
    selectionCurve: (by: string): string => `Selection curve by ${by}`,
    calibration: (by: string): string => `Calibration by ${by}`,
    counterfactual: 'Counterfactual score shift',
    proxies: (by: string): string => `Proxies for ${by}`,
    reproduction: 'Published vs reproduced',
  },

  selectionRate: {
    title: (by: string): string => `Selection rate by ${by}`,
    subtitle: (level: string): string => `${level} CI; adverse outcome = flagged`,
    axis: 'Selection rate (share flagged)',
    legend: 'Group',
    compared: 'compared',
    tooltipRate: 'selection rate',
    /**
     * `rest`: each group is compared with everyone not in it (reference: overall), so the dashed line is
     * the whole population's rate (`referenceRate`) and, when a check covers the attribute (`checked`),
     * no single tolerance band is drawn.
     */
    description: (d: { unit: string; attribute: string; level: string; reference: string | null; referenceRate: string; rest: boolean; checked: boolean; band: string | null; highest: string | null; highestRate: string }): string =>
      `Dot plot of the selection rate (share of ${d.unit} flagged for investigation) for each ${d.attribute} group, ` +
      `with ${d.level} confidence intervals. ` +
      (d.rest
        ? `Reference: each group against all other ${d.unit}; dashed line: all ${d.unit} (${d.referenceRate}). `
        : `Reference group: ${d.reference ?? 'none'} (${d.referenceRate}). `) +
      (d.rest && d.checked
        ? 'The tolerance applies to each group against its own complement, so no single band is drawn. '
        : d.band !== null ? `Shaded band: rates within the tolerance ${d.band} × the reference rate. ` : 'No tolerance check on this attribute. ') +
      (d.highest !== null ? `Highest: ${d.highest} at ${d.highestRate}.` : ''),
  },

  forest: {
    unstable: 'unstable reference',
    axis: (metric: string): string => `${metric} (log scale; 1 = parity)`,
    title: (metric: string): string => `${metric} by group`,
    subtitle: (level: string): string => `group ÷ reference, ${level} CI, log scale`,
    legend: 'Verdict',
    tooltipVerdict: 'verdict',
    ci: (level: string): string => `${level} CI`,
    description: (d: { metric: string; rows: number; level: string; band: string | null; perCheck: boolean; failing: readonly string[] }): string =>
      `Forest plot of the ${d.metric} (group ÷ reference group) for ${d.rows} groups with ${d.level} confidence intervals on a log scale; ` +
      'a vertical rule marks parity (1). ' +
      (d.band !== null ? `Shaded band: tolerance ${d.band}. ` : d.perCheck ? 'Shaded bands: tolerance per check. ' : 'No checks on this metric. ') +
      (d.failing.length ? `Failing: ${d.failing.join('; ')}.` : 'No failing group.'),
  },

  over: {
    title: 'Who is flagged, against who is there',
    flagged: 'share of the flagged',
    everyone: (unit: string): string => `share of all ${unit}`,
    selected: 'share of model selections',
    random: 'share of the random sample',
    subtitle: (level: string): string[] => [`● share of the flagged (${level} CI)`, '○ share of everyone'],
    subtitleSample: ['● share of the model\'s selections', '○ share of the random sample'],
    axis: 'Share (%)',
    top: (label: string, share: string, baseline: string): string => `${label}, ${share} of the flagged from ${baseline}`,
    description: (rows: number, unit: string, top: string | null): string =>
      `Dot plot of ${rows} groups: each group's share of the flagged against its share of all ${unit}. A dot right of its ring means over-represented among the flagged.${top ? ` Most over-represented: ${top}.` : ''}`,
  },

  heatmap: {
    title: (by: string): string => `Selection rate by ${by}`,
    subtitle: 'share flagged for investigation',
    legend: 'Selection rate',
    tooltipRate: 'selection rate',
    description: (d: { cells: number; rows: string; columns: string; top: string | null; small: number; minCell: number }): string =>
      `Heatmap of the selection rate for ${d.cells} intersectional groups: rows are ${d.rows}, columns ${d.columns}. ` +
      (d.top !== null ? `Highest: ${d.top}. ` : '') +
      (d.small ? `${d.small} small cell(s) (n < ${d.minCell}) are outlined with a dashed border and marked.` : 'No small cells.'),
    top: (row: string, col: string, rate: string): string => `${row} × ${col} at ${rate}`,
  },

  errors: {
    fpr: 'False positive rate',
    fnr: 'False negative rate',
    title: (by: string): string => `Error rates by ${by}`,
    subtitle: (level: string): string => `${level} CI; false positives = flagged without error or fraud found`,
    legend: 'Error rate',
    axis: 'Error rate',
    tooltipMetric: 'metric',
    tooltipRate: 'rate',
    ci: (level: string): string => `${level} CI`,
    description: (d: { level: string; attribute: string; fpr: string | null; fnr: string | null }): string =>
      `False positive and false negative rates with ${d.level} confidence intervals for each ${d.attribute} group. ` +
      (d.fpr !== null ? `Highest false positive rate: ${d.fpr}. ` : '') +
      (d.fnr !== null ? `Highest false negative rate: ${d.fnr}.` : ''),
    at: (label: string, rate: string): string => `${label} at ${rate}`,
  },

  score: {
    title: (by: string): string => `Score distribution by ${by}`,
    subtitle: (uniform: boolean): string => (uniform ? 'share of each group per score bin' : 'density per unit of score'),
    axisX: 'Risk score',
    axisY: (uniform: boolean): string => (uniform ? 'Share of the group per score bin' : 'Density (share per unit of score)'),
    tooltipFrom: 'score from',
    tooltipShare: 'share in bin',
    peak: (group: string, from: string, to: string, n: string): string => `${group} peaks at ${from}–${to} (n = ${n})`,
    description: (attribute: string, groups: number, peaks: readonly string[]): string =>
      `Step lines of the risk-score distribution of each ${attribute} group (${groups} groups, reference drawn in solid black). ${peaks.join('; ')}.`,
  },

  curve: {
    title: (by: string): string => `Selection curve by ${by}`,
    subtitle: 'share flagged if every score ≥ threshold were flagged',
    axisX: 'Score threshold',
    axisY: 'Selection rate at threshold',
    tooltipThreshold: 'threshold',
    tooltipRate: 'selection rate',
    description: (attribute: string, groups: number): string =>
      `For each ${attribute} group (${groups} groups, reference in solid black), the selection rate a score threshold would give, ` +
      'as the threshold sweeps the score range: where curves separate, any threshold flags the groups at different rates.',
  },

  calibration: {
    title: (by: string): string => `Calibration by ${by}`,
    subtitle: 'observed share with error or fraud found, per score bin',
    axisX: 'Risk score (bin middle)',
    axisY: 'Observed rate',
    tooltipScore: 'score',
    tooltipObserved: 'observed rate',
    tooltipLabelled: 'labelled cases',
    description: (attribute: string, groups: number, minLabelled: number): string =>
      `Observed rate of error or fraud among labelled cases against the risk score, per score bin, for each ${attribute} group ` +
      `(${groups} groups, reference in solid black; bins with fewer than ${minLabelled} labelled cases left out). The dashed diagonal is perfect calibration.`,
  },

  comparison: {
    up: 'flagged more often under the candidate',
    down: 'flagged less often under the candidate',
    none: 'interval includes no change',
    axis: 'Change in selection rate (percentage points, candidate − deployed)',
    title: 'Paired change in selection rate',
    subtitle: (candidate: string, deployed: string, level: string): string => `${candidate} against ${deployed}, the same applicants; ${level} intervals`,
    tooltipRates: 'selection rate',
    tooltipChange: 'change',
    tooltipApplicants: 'applicants',
    description: (d: { rows: number; candidate: string; deployed: string; left: number; minCell: number; moved: readonly string[] }): string =>
      `For ${d.rows} groups, the change in the share flagged when the candidate model ${d.candidate} replaces ${d.deployed}, ` +
      'with its paired interval; the rule at 0 is no change. ' +
      (d.left ? `${d.left} groups with fewer than ${d.minCell} applicants are in the table only. ` : '') +
      (d.moved.length ? `Intervals excluding no change: ${d.moved.join(', ')}.` : 'Every interval includes no change.'),
  },

  counterfactual: {
    label: (c: { attribute: string; from: string; to: string; effect: string; flips: string }): string => `${c.attribute}: ${c.from} → ${c.to} (${c.effect}; flips ${c.flips})`,
    effect: (direct: boolean): string => (direct ? 'direct' : 'total'),
    axis: 'Score shift (twin − original)',
    title: 'Counterfactual score shift',
    subtitle: (unit: string, level: string): string => `same ${unit}, protected attribute changed; mean with ${level} CI`,
    tooltipComparison: 'comparison',
    tooltipMean: 'mean shift',
    tooltipFlips: 'decisions flipped',
    tooltipPairs: 'pairs',
    description: (rows: number, largest: string | null): string =>
      `For ${rows} counterfactual comparisons, the change in risk score when only the protected attribute (direct) or it and its ` +
      'consequences (total) are changed: box 25th–75th percentile, whiskers 5th–95th, tick median, dot mean with interval; the rule at 0 is no change. ' +
      (largest !== null ? `Largest mean shift: ${largest}.` : ''),
    at: (label: string, value: string): string => `${label} at ${value}`,
  },

  proxy: {
    statistic: (s: string): string => ({ cramers_v: 'Cramér\'s V', correlation_ratio: 'correlation ratio η', theil_u: 'Theil\'s U', auc: 'AUC' } as Record<string, string>)[s] ?? s.replace(/_/g, ' '),
    aucAxis: 'AUC (0.5 = none, 1 = perfect)',
    associationAxis: (statistic: string | null): string => (statistic !== null ? `Association (${statistic}; 0 = none, 1 = perfect)` : 'Association (0 = none, 1 = perfect)'),
    tooltipPair: 'input → attribute',
    tooltipAssociation: 'association',
    title: (attribute: string | null): string => (attribute !== null ? `Proxies for ${attribute}` : 'Proxy strength'),
    subtitle: 'how well each model input, and all of them together, predict the protected attribute',
    description: (pairs: number, twoScales: boolean, top: string | null): string =>
      `Bars of the association between ${pairs} model input–protected attribute pairs, strongest first` +
      (twoScales ? '; AUC (0.5 = none) and the association measures (0 = none) each on their own axis. ' : '. ') +
      (top !== null ? `Strongest: ${top}.` : ''),
    at: (label: string, value: string): string => `${label} at ${value}`,
  },

  reproduction: {
    informative: ' [informative]',
    label: (p: { figure: string; informative: boolean; published: string; reproduced: string | null; tolerance: string }): string =>
      `${p.figure}${p.informative ? ' [informative]' : ''}: published ${p.published}, reproduced ${p.reproduced ?? '—'} (± ${p.tolerance})`,
    above: 'above +4',
    below: 'below −4',
    inside: 'within ±4',
    matches: 'matches',
    outside: 'outside tolerance',
    notReproduced: 'not reproduced',
    axis: 'Deviation from the published figure (in tolerances)',
    title: 'Published vs reproduced',
    subtitle: 'deviation in units of each figure\'s tolerance; band = match',
    legendStatus: 'Reproduction',
    legendDeviation: 'Deviation',
    tooltipFigure: 'figure',
    tooltipStatus: 'status',
    description: (matched: number, rows: number, informative: number): string =>
      `${matched} of ${rows} published figures reproduced within tolerance${informative > 0 ? ` (${informative} informative: drawn with their gap, never counted as reproduced)` : ''}. Each dot is (reproduced − published) ÷ tolerance; ` +
      'the shaded band from −1 to 1 means a match; triangles are clipped at ±4.',
  },
};
