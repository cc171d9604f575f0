const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** The English words of the report's tables, folds, methods, provenance and reproduction. */
export const EN_TABLES = {
  // --- writers ---
  sentencesFold: (n: number): string => `${n} ${n === 1 ? 'sentence' : 'sentences'}: each failing or inconclusive check with its counts, interval, tolerance and source`,
  tableFold: (caption: string, rows: number): string => `${caption} (${rows} ${rows === 1 ? 'row' : 'rows'})`,
  figure: (n: number): string => `Figure ${n}.`,
  groupsHeading: (attribute: string, investigated: boolean): string => `Groups: ${attribute}${investigated ? ' (among investigated cases, not population rates)' : ''}`,
  comparisonChecks: 'Comparison with the deployed model: checks',
  comparisonGroups: 'Comparison with the deployed model: groups',
  selectiveLabels: 'Selective labels',
  counterfactual: 'Counterfactual twins',
  worstGroups: 'Worst groups',
  cellsNotChecked: 'Cells not checked',
  manifest: 'Manifest',
  field: 'Field',
  value: 'Value',

  // --- verdict and tolerance tables ---
  verdictCaption: 'Verdict per check',
  verdictHeader: (ci: string): string[] => ['Check', 'Group', 'Reference', 'Metric', 'Value', ci, 'Tolerance', 'Adjusted p', 'Verdict'],
  ciHeader: (level: string, joint: boolean): string => (joint ? `${level} CI, all checks together` : `${level} CI`),
  smallCell: 'small cell',
  warnOnly: 'warn only',
  toleranceCaption: 'Tolerances and their sources',
  toleranceHeader: ['Check', 'Metric', 'Tolerance', 'Set by', 'Source'],
  setBy: (battery: boolean): string => (battery ? 'the battery' : 'default'),
  noneCited: 'none cited',

  // --- group table ---
  /** `rest`: the unit noun when each group's ratio is to everyone not in it (reference: overall), else null. */
  groupCaption: (attribute: string, level: string, investigated: boolean, rest: string | null): string =>
    investigated
      ? `Group metrics for ${attribute} among investigated cases (random audits and flagged cases together), not population rates: the population estimates are in the selective-labels table (${level} CI in brackets)`
      : `Group metrics for ${attribute} (${level} CI in brackets)${rest !== null ? `; each group's ratio is to everyone else (all ${rest} not in the group)` : ''}`,
  groupHeader: {
    group: 'Group', n: 'n', investigated: 'Investigated', flagged: 'Flagged', selectionRate: 'Selection rate', ratio: 'Ratio to reference',
    shares: 'Share of the flagged ÷ share of all', fpr: 'FPR', fnr: 'FNR', precision: 'Precision', notes: 'Notes',
  },
  amongInvestigated: (label: string): string => `${label} among investigated`,
  ciNa: 'CI n/a',
  reference: 'reference',
  referenceOne: '1 (reference)',
  smallCellNote: (minCell: number): string => `small cell (n < ${minCell})`,
  privacyNote: 'counts below the privacy threshold withheld',
  /** The note of the overall row (the whole population, under the groups). */
  overallNote: 'every group together',

  // --- selective labels, counterfactual, worst groups, suppressed cells ---
  noCi: 'no CI',
  census: 'exact: every flagged case investigated',
  selectiveCaption: (s: { source: string; randomN: string; modelN: string; population: string; method: string; intervals: string }): string =>
    `Selective labels, population estimates: random audits (${s.source}, n = ${s.randomN}) and flagged cases (n = ${s.modelN}), population ${s.population}; ${s.method}; intervals: ${s.intervals}`,
  selectiveHeader: ['Group', 'Random: cases / errors', 'Flagged: cases / errors', 'Share random → flagged', 'Statistical parity', 'Population selection rate', 'Base rate', 'Precision', 'Population FPR', 'Population FNR', 'Equal burden', 'Agency test'],
  referenceSuffix: ' (reference)',
  agencyTest: (step1: string, reason1: string | null, step2: string, reason2: string | null): string =>
    `step 1 ${step1}${reason1 ? ` (${reason1})` : ''}; step 2 ${step2}${reason2 ? ` (${reason2})` : ''}`,
  agencyStep: (result: string): string => result,
  counterfactualCaption: (level: string): string => `Counterfactual twins: each row against itself under do(attribute = to); ${level} intervals`,
  counterfactualHeader: ['Intervention', 'Effect', 'Pairs', 'Flagged → not / not → flagged', 'Flip rate', 'Selection-rate change', 'Mean score shift', 'McNemar p'],
  effect: (direct: boolean): string => (direct ? 'direct (only the attribute changes)' : 'total (its consequences too)'),
  to: 'to',
  worstCaption: 'Worst group per attribute (selection and false-positive comparisons; every metric is in results.json)',
  worstHeader: ['Attribute', 'Metric', 'Worst group', 'Reference', 'Value', 'Interval'],
  suppressedCaption: 'Intersection cells below min_cell or empty: not checked, listed here with their size',
  suppressedHeader: ['Attribute', 'Group', 'n', 'Reason'],
  suppressedReason: (empty: boolean, minCell: number): string => (empty ? 'empty' : `below min_cell ${minCell}`),

  // --- comparison with a deployed model ---
  comparisonVerdict: { worse: 'worse', better: 'better', 'no established change': 'no established change', 'not compared': 'not compared' } as Record<'worse' | 'better' | 'no established change' | 'not compared', string>,
  comparisonChecksCaption: (c: { candidate: string; deployed: string; verdict: string; worse: number; better: number; noChange: number; notCompared: number; level: string; method: string; rows: number }): string =>
    `Candidate ${c.candidate} against deployed ${c.deployed}: ${c.verdict} (${c.worse} worse, ${c.better} better, ${c.noChange} no established change` +
    `${c.notCompared ? `, ${c.notCompared} not compared` : ''}); changes at ${c.level} (${c.method}, ${c.rows} rows, two intervals each)`,
  comparisonChecksHeader: ['Check', 'Group', 'Deployed', 'Candidate', 'Change (candidate vs deployed)', 'Verdict', 'Adjusted p'],
  versus: 'vs',
  comparisonGroupsCaption: (c: { deployed: string; candidate: string; level: string }): string =>
    `Selection rate per group, deployed ${c.deployed} → candidate ${c.candidate}, the same applicants; ${c.level} paired intervals (Tango), exact McNemar p (not adjusted)`,
  comparisonGroupsHeader: ['Group', 'Applicants', 'Flagged: deployed → candidate', 'Flagged by the candidate only / deployed only', 'Selection rate: deployed → candidate', 'Change', 'McNemar p'],

  // --- reproduction ---
  within: (tol: string): string => `within ±${tol}`,
  outside: (tol: string): string => `outside ±${tol}`,
  exact: ' (exact: must match to rounding)',
  notReproduced: 'not reproduced',
  nothingReproduced: 'Reproduced: none; every published figure is one the pack was built or calibrated from',
  buildChecks: (within: number, total: number): string =>
    within === total ? `build checks: ${within} of ${total} inputs read back` : `build checks failed: only ${within} of ${total} inputs read back, so the pack itself is broken`,
  noPublished: 'No published figure to compare (see the pack README)',
  reproduced: (within: number, outputs: number, informative: number): string =>
    `Reproduced: ${within} of ${outputs} published figures${informative === 0 ? '' : ` (${informative} informative: shown with their gap, not expected to match)`}`,
  brokenBuild: (inputs: readonly string[]): string =>
    `Broken build: the pack does not read back ${inputs.length === 1 ? 'the input' : 'the inputs'} it was built from (${inputs.join(', ')}); a fault in the pack, not a failed reproduction`,
  figureClass: (c: 'reproduced' | 'informative' | 'input'): string => c,
  reproductionHeader: ['Figure', 'Class', 'Published', 'Reproduced', 'Gap', 'Tolerance', 'Match', 'Source'],
  match: { yes: 'yes', no: 'no', within: 'within, not gated', outside: 'outside, not gated', readBack: 'read back', broken: 'no: the build is broken' },
  publishedCaption: (pack: string, line: string): string => `Published vs reproduced (${pack}): ${line}`,
  buildCaption: (c: { lead: string; pack: string; within: number; total: number; broken: boolean }): string =>
    `${c.lead}Build checks (${c.pack}): ${c.within} of ${c.total} inputs read back${c.broken ? ', so the pack itself is broken' : ''}. These are values the pack was built or calibrated from: a check of the build, not a reproduction`,

  // --- provenance ---
  provenance: {
    tool: 'Tool', command: 'Command', mode: 'Mode', batteryFile: 'Battery file', batteryHash: 'Battery hash', model: 'Model', modelHash: 'Model hash',
    modelSource: 'Model source', modelFiles: 'Model files hashed', modelEngine: 'Model engine', verified: 'Verified against', population: 'Population spec', data: 'Data file',
    merged: 'Merged from', decision: 'Decision rule', seed: 'Seed', rng: 'RNG', rows: 'Rows', protected: 'Protected attributes',
    references: 'Reference groups', alphaCorrection: 'Alpha / correction / min cell', privacy: 'Privacy', labels: 'Labels', started: 'Started',
    finished: 'Finished', platform: 'Platform',
  },
  mode: (mode: string): string => mode,
  verifiedValue: (v: { expect: string; column: string; rows: string; data: string; error: string; row: number; tolerance: string }): string =>
    `${v.expect} ("${v.column}", ${v.rows} rows of ${v.data}): max error ${v.error} at row ${v.row}, tolerance ${v.tolerance}`,
  engineValue: (e: { name: string; reference: string; rows: string; difference: string; tolerance: string } | { name: string }): string =>
    'reference' in e ? `${e.name === 'compiled tree ensemble' ? 'tree ensemble compiled by disparate' : e.name}, checked against ${e.reference} on the first ${e.rows} rows: largest difference ${e.difference}, tolerance ${e.tolerance}` : e.name,
  mergedValue: (file: string, rows: string, hash: string): string => `${file} (${rows} rows, ${hash})`,
  privacyValue: (p: { minCell: number; origin: string; audit: boolean } | null): string =>
    p === null ? 'none (all counts shown)' : `counts below ${p.minCell} suppressed (${p.origin})${p.audit ? '' : '; not applied: synthetic run'}`,

  // --- methods ---
  methods: {
    privacy: (k: string): string =>
      `Privacy: counts below ${k} are shown as "<${k}", and every rate, ratio, difference, interval and p-value built on such a count ` +
      '(or on a complement below it) is withheld; verdicts are still shown. There is no secondary suppression across tables, so a withheld ' +
      'intersection cell may be recoverable from a marginal. The results.json beside this report keeps the full numbers for merging and gating: do not publish it.',
    intervals: (level: string, alpha: number, clauses: { kind: 'rate' | 'ratio' | 'difference' | 'other'; methods: string | null }[]): string =>
      `Intervals (${level}, alpha = ${alpha}): ${clauses
        .map((c) => `${{ rate: 'rates use', ratio: 'ratios', difference: 'differences', other: 'other statistics' }[c.kind]} ${c.methods ?? 'none reported'}`)
        .join('; ')}.`,
    rule:
      'Verdicts: a check fails only when its interval lies wholly outside the tolerance, passes only when it lies wholly inside, and is inconclusive otherwise; ' +
      'a sentence says a group is flagged more (or less) often only when the interval lies wholly on one side of parity (ratio 1, difference 0).',
    holm: ' (The battery asked for Holm\'s correction; a check can be wrong in two directions, a false fail or a false pass, which Holm\'s step-down cannot both control, so Bonferroni\'s is used.)',
    familyWise: (e: { checks: string; level: string; nominal: string; alpha: number; percent: string; holm: string }): string =>
      `All ${e.checks} check intervals are computed at ${e.level} instead of ${e.nominal} (Bonferroni: alpha ${e.alpha} divided by ${e.checks}), so that they hold all together with probability at least ${e.nominal}. The chance that even one fail, pass or direction stated in this report is wrong is therefore at most ${e.percent}.${e.holm}`,
    falseDiscovery: (level: string, percent: string): string =>
      `The intervals are at ${level} (Benjamini–Hochberg with false-coverage-rate intervals, Benjamini & Yekutieli 2005): among the fails and passes stated, the expected share of wrong ones is at most ${percent}; the chance that at least one is wrong is not controlled.`,
    uncorrected: (level: string, percent: string, checks: string): string =>
      `Each check's interval is at ${level} on its own (no correction): each claim alone is wrong with probability at most ${percent}, but across ${checks} checks the chance that some claim is wrong is larger.`,
    pValues: 'p-values test the claim made (for a fail, that the disparity lies within the tolerance; for a pass, that it lies outside) and are read off the same intervals, so they never disagree with a verdict.',
    counterfactual: (flip: string, change: string, shift: string): string =>
      `Counterfactual twins: flip rates use ${flip}; the change in selection rate ${change}; the mean score shift ${shift}.`,
    outcome: (decision: string): string =>
      `Outcome convention: the adverse outcome is being flagged for investigation (decision rule: ${decision}). ` +
      'A ratio of 2.00 means the group is flagged twice as often as its reference group; differences are group minus reference in percentage points (pp).',
    smallCells: (minCell: string, unit: string): string => `Small cells: groups with fewer than ${minCell} ${unit} are reported but marked as unreliable.`,
    labels: (labels: string): string => `Ground-truth labels (for error rates and precision): ${labels}.`,
  },

  /**
   * Warnings in another language are shown once per code, explained in that language, with the
   * recorded (English) messages folded beneath; English shows the recorded messages themselves.
   */
  groupWarnings: false,
  warning: (code: string, count: number): string => `${code} (${count})`,
  warningsOriginal: 'The recorded messages',
  plural,
};
