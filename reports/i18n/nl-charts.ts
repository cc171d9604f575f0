import type { Messages } from './en.js';

const inv = (investigated: boolean): string => (investigated ? ' onder onderzochte dossiers (geen populatiecijfers)' : '');

/** The Dutch words of the charts. */
export const NL_CHARTS: Messages['charts'] = {
  locale: { decimal: ',', thousands: '.', grouping: [3], currency: ['€\u00a0', ''], percent: '%', minus: '\u2212' },
  reference: 'referentie',
  referenceSuffix: ' (referentie)',
  group: 'groep',
  n: 'aantal',
  titles: {
    comparison: 'Gepaarde verandering in selectiekans per groep',
    overRepresentation: 'Aandeel onder de geselecteerden tegenover aandeel onder allen',
    selectionRate: (by, i) => `Selectiekans naar ${by}${inv(i)}`,
    ratioForest: (i) => `Verhouding in selectiekans per groep${inv(i)}`,
    errorRates: (by, i) => `Foutpercentages naar ${by}${inv(i)}`,
    scoreDistribution: (by) => `Scoreverdeling naar ${by}`,
    selectionCurve: (by) => `Selectiecurve naar ${by}`,
    calibration: (by) => `Kalibratie naar ${by}`,
    counterfactual: 'Contrafeitelijke scoreverschuiving',
    proxies: (by) => `Proxyvariabelen voor ${by}`,
    reproduction: 'Gepubliceerd en gereproduceerd',
  },
  selectionRate: {
    title: (by) => `Selectiekans naar ${by}`,
    subtitle: (level) => `${level}-betrouwbaarheidsinterval; nadelige uitkomst = geselecteerd voor controle`,
    axis: 'Selectiekans (aandeel geselecteerd)',
    legend: 'Groep',
    compared: 'vergeleken',
    tooltipRate: 'selectiekans',
    description: (d) =>
      `Stippen van de selectiekans (aandeel ${d.unit} geselecteerd voor controle) voor elke groep naar ${d.attribute}, ` +
      `met ${d.level}-betrouwbaarheidsintervallen. ` +
      (d.rest
        ? `Referentie: elke groep tegenover alle andere ${d.unit}; stippellijn: alle ${d.unit} (${d.referenceRate}). `
        : `Referentiegroep: ${d.reference ?? 'geen'} (${d.referenceRate}). `) +
      (d.rest && d.checked
        ? 'De tolerantie geldt voor elke groep tegenover alle anderen, dus er is geen gemeenschappelijke band getekend. '
        : d.band !== null ? `Grijze band: kansen binnen de tolerantie ${d.band} × de referentiekans. ` : 'Geen tolerantietoets op dit kenmerk. ') +
      (d.highest !== null ? `Hoogste: ${d.highest}, met ${d.highestRate}.` : ''),
  },
  forest: {
    unstable: 'instabiele referentie',
    axis: (metric) => `${metric} (logaritmische schaal; 1 = gelijkheid)`,
    title: (metric) => `${metric.charAt(0).toUpperCase()}${metric.slice(1)} per groep`,
    subtitle: (level) => `groep ÷ referentie, ${level}-betrouwbaarheidsinterval, logaritmische schaal`,
    legend: 'Oordeel',
    tooltipVerdict: 'oordeel',
    ci: (level) => `${level}-betrouwbaarheidsinterval`,
    description: (d) =>
      `Forest plot van de ${d.metric} (groep ÷ referentiegroep) voor ${d.rows} groepen met ${d.level}-betrouwbaarheidsintervallen op logaritmische schaal; ` +
      'een verticale lijn markeert gelijkheid (1). ' +
      (d.band !== null ? `Grijze band: tolerantie ${d.band}. ` : d.perCheck ? 'Grijze banden: tolerantie per toets. ' : 'Geen toetsen op deze maatstaf. ') +
      (d.failing.length ? `Voldoet niet: ${d.failing.join('; ')}.` : 'Geen groep die niet voldoet.'),
  },
  over: {
    title: 'Wie wordt geselecteerd, tegenover wie er is',
    flagged: 'aandeel onder de geselecteerden',
    everyone: (unit) => `aandeel onder alle ${unit}`,
    selected: 'aandeel in de selecties van het model',
    random: 'aandeel in de aselecte steekproef',
    subtitle: (level) => [`● aandeel onder de geselecteerden (${level}-betrouwbaarheidsinterval)`, '○ aandeel onder allen'],
    subtitleSample: ['● aandeel in de selecties van het model', '○ aandeel in de aselecte steekproef'],
    axis: 'Aandeel (%)',
    top: (label, share, baseline) => `${label}: ${share} van de geselecteerden tegen ${baseline} van allen`,
    description: (rows, unit, top) =>
      `Stippen voor ${rows} groepen: het aandeel van elke groep onder de geselecteerden tegenover haar aandeel onder alle ${unit}. Een stip rechts van haar ring betekent oververtegenwoordiging onder de geselecteerden.${top ? ` Sterkst oververtegenwoordigd: ${top}.` : ''}`,
  },
  heatmap: {
    title: (by) => `Selectiekans naar ${by}`,
    subtitle: 'aandeel geselecteerd voor controle',
    legend: 'Selectiekans',
    tooltipRate: 'selectiekans',
    description: (d) =>
      `Heatmap van de selectiekans voor ${d.cells} gekruiste groepen: rijen zijn ${d.rows}, kolommen ${d.columns}. ` +
      (d.top !== null ? `Hoogste: ${d.top}. ` : '') +
      (d.small ? `${d.small} ${d.small === 1 ? 'kleine groep' : 'kleine groepen'} (n < ${d.minCell}), gestippeld omrand en gemarkeerd.` : 'Geen kleine groepen.'),
    top: (row, col, rate) => `${row} × ${col}, met ${rate}`,
  },
  errors: {
    fpr: 'Aandeel fout-positieven',
    fnr: 'Aandeel fout-negatieven',
    title: (by) => `Foutpercentages naar ${by}`,
    subtitle: (level) => `${level}-betrouwbaarheidsinterval; fout-positief = geselecteerd zonder dat een fout of fraude is gevonden`,
    legend: 'Foutpercentage',
    axis: 'Foutpercentage',
    tooltipMetric: 'maatstaf',
    tooltipRate: 'percentage',
    ci: (level) => `${level}-betrouwbaarheidsinterval`,
    description: (d) =>
      `Aandelen fout-positieven en fout-negatieven met ${d.level}-betrouwbaarheidsintervallen voor elke groep naar ${d.attribute}. ` +
      (d.fpr !== null ? `Hoogste aandeel fout-positieven: ${d.fpr}. ` : '') +
      (d.fnr !== null ? `Hoogste aandeel fout-negatieven: ${d.fnr}.` : ''),
    at: (label, rate) => `${label}, met ${rate}`,
  },
  score: {
    title: (by) => `Scoreverdeling naar ${by}`,
    subtitle: (uniform) => (uniform ? 'aandeel van elke groep per scoreklasse' : 'dichtheid per score-eenheid'),
    axisX: 'Risicoscore',
    axisY: (uniform) => (uniform ? 'Aandeel van de groep per scoreklasse' : 'Dichtheid (aandeel per score-eenheid)'),
    tooltipFrom: 'score vanaf',
    tooltipShare: 'aandeel in klasse',
    peak: (group, from, to, n) => `${group} piekt tussen ${from} en ${to} (n = ${n})`,
    description: (attribute, groups, peaks) =>
      `Trappenlijnen van de verdeling van de risicoscore voor elke groep naar ${attribute} (${groups} groepen, referentie in ononderbroken zwart). ${peaks.join('; ')}.`,
  },
  curve: {
    title: (by) => `Selectiecurve naar ${by}`,
    subtitle: 'aandeel geselecteerd als elke score ≥ drempel werd geselecteerd',
    axisX: 'Scoredrempel',
    axisY: 'Selectiekans bij drempel',
    tooltipThreshold: 'drempel',
    tooltipRate: 'selectiekans',
    description: (attribute, groups) =>
      `Voor elke groep naar ${attribute} (${groups} groepen, referentie in ononderbroken zwart) de selectiekans die een scoredrempel zou geven, ` +
      'terwijl de drempel het scorebereik doorloopt: waar de curves uiteenlopen, selecteert elke drempel de groepen met verschillende kansen.',
  },
  calibration: {
    title: (by) => `Kalibratie naar ${by}`,
    subtitle: 'waargenomen aandeel met gevonden fout of fraude, per scoreklasse',
    axisX: 'Risicoscore (midden van de klasse)',
    axisY: 'Waargenomen percentage',
    tooltipScore: 'score',
    tooltipObserved: 'waargenomen percentage',
    tooltipLabelled: 'dossiers met uitkomst',
    description: (attribute, groups, minLabelled) =>
      `Waargenomen percentage fout of fraude onder dossiers met uitkomst tegenover de risicoscore, per scoreklasse, voor elke groep naar ${attribute} ` +
      `(${groups} groepen, referentie in ononderbroken zwart; klassen met minder dan ${minLabelled} dossiers met uitkomst weggelaten). De gestippelde diagonaal is perfecte kalibratie.`,
  },
  comparison: {
    up: 'vaker geselecteerd met de kandidaat',
    down: 'minder vaak geselecteerd met de kandidaat',
    none: 'interval bevat geen verandering',
    axis: 'Verandering in selectiekans (procentpunten, kandidaat − gebruikt)',
    title: 'Gepaarde verandering in selectiekans',
    subtitle: (candidate, deployed, level) => `${candidate} tegenover ${deployed}, dezelfde aanvragers; ${level}-intervallen`,
    tooltipRates: 'selectiekans',
    tooltipChange: 'verandering',
    tooltipApplicants: 'aanvragers',
    description: (d) =>
      `Voor ${d.rows} groepen de verandering in het aandeel geselecteerden als het kandidaatmodel ${d.candidate} ${d.deployed} vervangt, ` +
      'met het gepaarde interval; de lijn bij 0 is geen verandering. ' +
      (d.left ? `${d.left} groepen met minder dan ${d.minCell} aanvragers staan alleen in de tabel. ` : '') +
      (d.moved.length ? `Intervallen zonder ‘geen verandering’: ${d.moved.join(', ')}.` : 'Elk interval bevat geen verandering.'),
  },
  counterfactual: {
    label: (c) => `${c.attribute}: ${c.from} → ${c.to} (${c.effect}; omslag ${c.flips})`,
    effect: (direct) => (direct ? 'direct' : 'totaal'),
    axis: 'Scoreverschuiving (tweeling − origineel)',
    title: 'Contrafeitelijke scoreverschuiving',
    subtitle: (unit, level) => `dezelfde ${unit}, beschermd kenmerk veranderd; gemiddelde met ${level}-betrouwbaarheidsinterval`,
    tooltipComparison: 'vergelijking',
    tooltipMean: 'gemiddelde verschuiving',
    tooltipFlips: 'omgeslagen beslissingen',
    tooltipPairs: 'paren',
    description: (rows, largest) =>
      `Voor ${rows} contrafeitelijke vergelijkingen de verandering in risicoscore als alleen het beschermde kenmerk (direct), of het kenmerk en de ` +
      'gevolgen ervan (totaal), worden veranderd: doos 25e–75e percentiel, snorharen 5e–95e, streep mediaan, stip gemiddelde met interval; de lijn bij 0 is geen verandering. ' +
      (largest !== null ? `Grootste gemiddelde verschuiving: ${largest}.` : ''),
    at: (label, value) => `${label}, met ${value}`,
  },
  proxy: {
    statistic: (s) => ({ cramers_v: 'Cramérs V', correlation_ratio: 'correlatieverhouding η', theil_u: 'Theils U', auc: 'AUC' } as Record<string, string>)[s] ?? s.replace(/_/g, ' '),
    aucAxis: 'AUC (0,5 = geen, 1 = perfect)',
    associationAxis: (statistic) => (statistic !== null ? `Samenhang (${statistic}; 0 = geen, 1 = perfect)` : 'Samenhang (0 = geen, 1 = perfect)'),
    tooltipPair: 'invoer → kenmerk',
    tooltipAssociation: 'samenhang',
    title: (attribute) => (attribute !== null ? `Proxyvariabelen voor ${attribute}` : 'Sterkte van proxyvariabelen'),
    subtitle: 'hoe goed elke invoer van het model, en alle samen, het beschermde kenmerk voorspellen',
    description: (pairs, twoScales, top) =>
      `Staven van de samenhang tussen ${pairs} paren van modelinvoer en beschermd kenmerk, sterkste eerst` +
      (twoScales ? '; AUC (0,5 = geen) en de samenhangmaten (0 = geen) elk op een eigen as. ' : '. ') +
      (top !== null ? `Sterkste: ${top}.` : ''),
    at: (label, value) => `${label}, met ${value}`,
  },
  reproduction: {
    informative: ' [indicatief]',
    label: (p) => `${p.figure}${p.informative ? ' [indicatief]' : ''}: gepubliceerd ${p.published}, gereproduceerd ${p.reproduced ?? '—'} (± ${p.tolerance})`,
    above: 'boven +4',
    below: 'onder −4',
    inside: 'binnen ±4',
    matches: 'klopt',
    outside: 'buiten tolerantie',
    notReproduced: 'niet gereproduceerd',
    axis: 'Afwijking van het gepubliceerde cijfer (in toleranties)',
    title: 'Gepubliceerd en gereproduceerd',
    subtitle: 'afwijking in eenheden van de tolerantie van elk cijfer; band = klopt',
    legendStatus: 'Reproductie',
    legendDeviation: 'Afwijking',
    tooltipFigure: 'cijfer',
    tooltipStatus: 'status',
    description: (matched, rows, informative) =>
      `${matched} van de ${rows} gepubliceerde cijfers binnen de tolerantie gereproduceerd${informative > 0 ? ` (${informative} indicatief: getekend met hun afwijking, nooit als gereproduceerd geteld)` : ''}. Elke stip is (gereproduceerd − gepubliceerd) ÷ tolerantie; ` +
      'de grijze band van −1 tot 1 betekent dat het klopt; driehoeken zijn afgekapt bij ±4.',
  },
};
