import type { Messages } from './en.js';
import { localNumber } from './locale-number.js';

const L = (text: string): string => localNumber('nl', text);
const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);
const MODES: Record<string, string> = { run: 'simulatie', audit: 'audit van echte gegevens', reproduce: 'reproductie', compare: 'vergelijking', merge: 'samenvoeging' };
// What each warning code means, for a Dutch reader; the recorded message (English) stays in results.json.
const WARNINGS: Record<string, string> = {
  'undefined-metric': 'Voor sommige groepen zijn maatstaven niet gedefinieerd (noemer nul of referentieaantal nul): ze staan als ‘n.b.’ in de tabellen.',
  'undefined-interval': 'Voor sommige groepen kon geen betrouwbaarheidsinterval worden berekend (te weinig rijen, of een aantal van nul): toetsen daarop zijn onbeslist.',
  'suppressed-cells': 'Kruiscellen onder de minimale celgrootte: buiten de toetsen gelaten, vermeld in de tabel ‘Niet getoetste cellen’.',
  'small-cell': 'Kleine groepen: onder de minimale celgrootte, getoond maar gemarkeerd als onbetrouwbaar.',
  'no-checks': 'Er zijn geen toetsen ingesteld: het rapport beschrijft, het oordeelt niet.',
  'holm-as-bonferroni': 'De gevraagde Holm-correctie is vervangen door Bonferroni, die fouten in beide richtingen beheerst.',
  'decision-flags-everyone': 'De beslisregel selecteert iedereen: vergelijkingen van selectiekansen zeggen niets.',
  'decision-flags-no-one': 'De beslisregel selecteert niemand: vergelijkingen van selectiekansen zeggen niets.',
  'merge-dropped': 'Samenvoeging: onderdelen van een deel zijn weggelaten.',
  'merge-ranked-decision': 'Samenvoeging: een beslisregel op rang (de hoogste x % van de scores) laat zich niet exact uit de delen samenstellen.',
  'check-compared-nothing': 'Vergelijking: een toets betreft geen enkele rij die beide modellen delen.',
  'comparison-correction': 'Vergelijking: correctie voor meervoudig toetsen toegepast op de veranderingen.',
  'comparison-not-compared': 'Vergelijking: sommige toetsen hebben geen gepaard interval en zijn niet vergeleken.',
  'proxy-model-not-converged': 'Proxyvariabelen: het model dat het beschermde kenmerk voorspelt is niet geconvergeerd; de maat is indicatief.',
  'selective-labels': 'Selectieve labels: uitkomsten zijn alleen bekend voor onderzochte dossiers.',
  'selective-labels-negative': 'Selectieve labels: een populatieschatting was negatief en is begrensd.',
  'selective-labels-outside': 'Selectieve labels: dossiers vallen buiten de aselecte steekproef en buiten de selectie van het model.',
  'selective-labels-overlap': 'Selectieve labels: dossiers staan zowel in de aselecte steekproef als in de selectie van het model.',
  'selective-labels-unlabelled': 'Selectieve labels: onderzochte dossiers zonder uitkomst.',
  'withheld-counts': 'Door de uitgever afgeschermde aantallen (leeg, „<k” of een opgegeven markering): de percentages van deze groepen zijn onbekend, staan als n.b. in het rapport, en hun toetsen zijn onbeslist.',
};

/** The Dutch words of the report's tables, methods, provenance and reproduction. */
export const NL_TABLES: Messages['tables'] = {
  sentencesFold: (n) => `${n} ${plural(n, 'zin', 'zinnen')}: elke toets die niet voldoet of onbeslist is, met aantallen, interval, tolerantie en bron`,
  tableFold: (caption, rows) => `${caption} (${rows} ${plural(rows, 'rij', 'rijen')})`,
  figure: (n) => `Figuur ${n}.`,
  groupsHeading: (attribute, investigated) => `Groepen: ${attribute}${investigated ? ' (onder onderzochte dossiers, geen populatiecijfers)' : ''}`,
  comparisonChecks: 'Vergelijking met het gebruikte model: toetsen',
  comparisonGroups: 'Vergelijking met het gebruikte model: groepen',
  selectiveLabels: 'Selectieve labels',
  counterfactual: 'Contrafeitelijke tweelingen',
  worstGroups: 'Slechtst bedeelde groepen',
  cellsNotChecked: 'Niet getoetste cellen',
  manifest: 'Manifest',
  field: 'Veld',
  value: 'Waarde',

  verdictCaption: 'Oordeel per toets',
  verdictHeader: (ci) => ['Toets', 'Groep', 'Referentie', 'Maatstaf', 'Waarde', ci, 'Tolerantie', 'Gecorrigeerde p', 'Oordeel'],
  ciHeader: (level, joint) => (joint ? `${level}-betrouwbaarheidsinterval, alle toetsen samen` : `${level}-betrouwbaarheidsinterval`),
  smallCell: 'kleine groep',
  warnOnly: 'alleen waarschuwing',
  toleranceCaption: 'Toleranties en hun bronnen',
  toleranceHeader: ['Toets', 'Maatstaf', 'Tolerantie', 'Ingesteld door', 'Bron'],
  setBy: (battery) => (battery ? 'de testbatterij' : 'standaard'),
  noneCited: 'geen vermeld',

  groupCaption: (attribute, level, investigated, rest) =>
    investigated
      ? `Cijfers per groep voor ${attribute} onder onderzochte dossiers (aselecte controles en geselecteerde dossiers samen), geen populatiecijfers: de populatieschattingen staan in de tabel met selectieve labels (${level}-betrouwbaarheidsinterval tussen haakjes)`
      : `Cijfers per groep voor ${attribute} (${level}-betrouwbaarheidsinterval tussen haakjes)${rest !== null ? `; elke groep wordt vergeleken met alle anderen (alle ${rest} die niet tot de groep behoren)` : ''}`,
  groupHeader: {
    group: 'Groep', n: 'Aantal', investigated: 'Onderzocht', flagged: 'Geselecteerd', selectionRate: 'Selectiekans', ratio: 'Verhouding tot referentie',
    shares: 'Aandeel onder geselecteerden ÷ aandeel onder allen', fpr: 'Aandeel fout-positieven', fnr: 'Aandeel fout-negatieven', precision: 'Precisie', notes: 'Opmerkingen',
  },
  amongInvestigated: (label) => `${label} onder onderzochten`,
  ciNa: 'interval n.b.',
  reference: 'referentie',
  referenceOne: '1 (referentie)',
  smallCellNote: (minCell) => `kleine groep (n < ${minCell})`,
  privacyNote: 'aantallen onder de privacydrempel afgeschermd',
  overallNote: 'alle groepen samen',

  noCi: 'geen interval',
  census: 'exact: elk geselecteerd dossier is onderzocht',
  selectiveCaption: (s) =>
    `Selectieve labels, populatieschattingen: aselecte controles (${s.source}, n = ${s.randomN}) en geselecteerde dossiers (n = ${s.modelN}), populatie ${s.population}; ${s.method}; intervallen: ${s.intervals}`,
  selectiveHeader: ['Groep', 'Aselect: dossiers / fouten', 'Geselecteerd: dossiers / fouten', 'Aandeel aselect → geselecteerd', 'Statistische pariteit', 'Selectiekans in de populatie', 'Basiskans', 'Precisie', 'Aandeel fout-positieven in de populatie', 'Aandeel fout-negatieven in de populatie', 'Gelijke last', 'Toets van de organisatie'],
  referenceSuffix: ' (referentie)',
  agencyTest: (step1, reason1, step2, reason2) => `stap 1 ${step1}${reason1 ? ` (${reason1})` : ''}; stap 2 ${step2}${reason2 ? ` (${reason2})` : ''}`,
  agencyStep: (result) => ({ pass: 'voldoet', fail: 'voldoet niet' } as Record<string, string>)[result] ?? result,
  counterfactualCaption: (level) => `Contrafeitelijke tweelingen: elke rij vergeleken met zichzelf onder do(kenmerk = doel); ${level}-intervallen`,
  counterfactualHeader: ['Ingreep', 'Effect', 'Paren', 'Geselecteerd → niet / niet → geselecteerd', 'Omslagkans', 'Verandering in selectiekans', 'Gemiddelde scoreverschuiving', 'McNemar-p'],
  effect: (direct) => (direct ? 'direct (alleen het kenmerk verandert)' : 'totaal (ook de gevolgen ervan)'),
  to: 'tot',
  worstCaption: 'Slechtst bedeelde groep per kenmerk (vergelijkingen van selectie en fout-positieven; elke maatstaf staat in results.json)',
  worstHeader: ['Kenmerk', 'Maatstaf', 'Slechtst bedeelde groep', 'Referentie', 'Waarde', 'Interval'],
  suppressedCaption: 'Lege kruiscellen of cellen onder de minimale celgrootte: niet getoetst, hier vermeld met hun omvang',
  suppressedHeader: ['Kenmerk', 'Groep', 'Aantal', 'Reden'],
  suppressedReason: (empty, minCell) => (empty ? 'leeg' : `onder de minimale celgrootte ${minCell}`),

  comparisonVerdict: { worse: 'slechter', better: 'beter', 'no established change': 'geen aangetoonde verandering', 'not compared': 'niet vergeleken' },
  comparisonChecksCaption: (c) =>
    (`Kandidaatmodel ${c.candidate} tegenover het gebruikte model ${c.deployed}: ${c.verdict} (${c.worse} slechter, ${c.better} beter, ${c.noChange} zonder aangetoonde verandering` +
      `${c.notCompared ? `, ${c.notCompared} niet vergeleken` : ''}); veranderingen bij ${c.level} (${c.method}, ${c.rows} rijen, elk twee intervallen)`),
  comparisonChecksHeader: ['Toets', 'Groep', 'Gebruikt', 'Kandidaat', 'Verandering (kandidaat − gebruikt)', 'Oordeel', 'Gecorrigeerde p'],
  versus: 'tegenover',
  comparisonGroupsCaption: (c) =>
    (`Selectiekans per groep, gebruikt model ${c.deployed} → kandidaat ${c.candidate}, dezelfde aanvragers; gepaarde ${c.level}-intervallen (Tango), exacte McNemar-p (niet gecorrigeerd)`),
  comparisonGroupsHeader: ['Groep', 'Aanvragers', 'Geselecteerd: gebruikt → kandidaat', 'Alleen door de kandidaat / alleen door het gebruikte model geselecteerd', 'Selectiekans: gebruikt → kandidaat', 'Verandering', 'McNemar-p'],

  within: (tol) => `binnen ±${tol}`,
  outside: (tol) => `buiten ±${tol}`,
  exact: ' (exact: moet op afronding na kloppen)',
  notReproduced: 'niet gereproduceerd',
  nothingReproduced: 'Gereproduceerd: geen; elk gepubliceerd cijfer is gebruikt om het pakket te bouwen of te kalibreren',
  buildChecks: (within, total) =>
    within === total ? `bouwcontroles: ${within} van de ${total} invoerwaarden teruggelezen` : `bouwcontroles mislukt: slechts ${within} van de ${total} invoerwaarden teruggelezen, dus het pakket zelf is defect`,
  noPublished: 'Geen gepubliceerd cijfer om mee te vergelijken (zie de README van het pakket)',
  reproduced: (within, outputs, informative) =>
    `Gereproduceerd: ${within} van de ${outputs} gepubliceerde cijfers${informative === 0 ? '' : ` (${informative} indicatief: getoond met hun afwijking, niet verwacht te kloppen)`}`,
  brokenBuild: (inputs) =>
    `Defecte bouw: het pakket leest ${inputs.length === 1 ? 'de invoerwaarde' : 'de invoerwaarden'} waaruit het is gebouwd niet terug (${inputs.join(', ')}); een fout in het pakket, geen mislukte reproductie`,
  figureClass: (c) => ({ reproduced: 'gereproduceerd', informative: 'indicatief', input: 'invoer' })[c],
  reproductionHeader: ['Cijfer', 'Soort', 'Gepubliceerd', 'Gereproduceerd', 'Afwijking', 'Tolerantie', 'Klopt', 'Bron'],
  match: { yes: 'ja', no: 'nee', within: 'binnen tolerantie, niet bepalend', outside: 'buiten tolerantie, niet bepalend', readBack: 'teruggelezen', broken: 'nee: de bouw is defect' },
  publishedCaption: (pack, line) => `Gepubliceerd en gereproduceerd (${pack}): ${line}`,
  buildCaption: (c) =>
    `${c.lead}Bouwcontroles (${c.pack}): ${c.within} van de ${c.total} invoerwaarden teruggelezen${c.broken ? ', dus het pakket zelf is defect' : ''}. Dit zijn waarden waaruit het pakket is gebouwd of gekalibreerd: een controle van de bouw, geen reproductie`,

  provenance: {
    tool: 'Programma', command: 'Opdracht', mode: 'Modus', batteryFile: 'Bestand van de testbatterij', batteryHash: 'Hash van de testbatterij', model: 'Model', modelHash: 'Hash van het model',
    modelSource: 'Bron van het model', modelFiles: 'Gehashte modelbestanden', modelEngine: 'Rekenmachine van het model', verified: 'Geverifieerd tegen', population: 'Populatiespecificatie', data: 'Gegevensbestand',
    merged: 'Samengevoegd uit', decision: 'Beslisregel', seed: 'Startwaarde (seed)', rng: 'Toevalsgenerator', rows: 'Rijen', protected: 'Beschermde kenmerken',
    references: 'Referentiegroepen', alphaCorrection: 'Alfa / correctie / minimale celgrootte', privacy: 'Privacy', labels: 'Labels', started: 'Begonnen',
    finished: 'Klaar', platform: 'Platform',
  },
  mode: (mode) => MODES[mode] ?? mode,
  verifiedValue: (v) => `${v.expect} (‘${v.column}’, ${v.rows} rijen van ${v.data}): grootste fout ${v.error} in rij ${v.row}, tolerantie ${v.tolerance}`,
  engineValue: (e) => ('reference' in e ? `${e.name === 'compiled tree ensemble' ? 'door disparate gecompileerd bomenensemble' : e.name}, gecontroleerd tegen ${e.reference} op de eerste ${e.rows} rijen: grootste verschil ${e.difference}, tolerantie ${e.tolerance}` : e.name),
  mergedValue: (file, rows, hash) => `${file} (${rows} rijen, ${hash})`,
  privacyValue: (p) =>
    p === null ? 'geen (alle aantallen getoond)' : `aantallen onder ${p.minCell} afgeschermd (${p.origin})${p.audit ? '' : '; niet toegepast: simulatie'}`,

  methods: {
    privacy: (k) =>
      `Privacy: aantallen onder ${k} staan als ‘<${k}’, en elke kans, verhouding, elk verschil, interval en elke p-waarde die op zo’n aantal berust ` +
      '(of op een complement eronder) is afgeschermd; oordelen blijven zichtbaar. Er is geen secundaire afscherming tussen tabellen, dus een afgeschermde ' +
      'kruiscel is soms af te leiden uit een totaal. Het bestand results.json naast dit rapport bevat alle cijfers voor samenvoegen en automatische controles: publiceer het niet.',
    intervals: (level, alpha, clauses) =>
      `Betrouwbaarheidsintervallen (${level}, alfa = ${L(String(alpha))}): ${clauses
        .map((c) => `${{ rate: 'kansen gebruiken', ratio: 'verhoudingen', difference: 'verschillen', other: 'overige statistieken' }[c.kind]} ${c.methods ?? 'geen vermeld'}`)
        .join('; ')}.`,
    rule:
      'Oordelen: een toets voldoet niet alleen als het betrouwbaarheidsinterval geheel buiten de tolerantie ligt, voldoet alleen als het geheel erbinnen ligt, en is anders onbeslist; ' +
      'een zin zegt alleen dat een groep vaker (of minder vaak) wordt geselecteerd als het interval geheel aan één kant van gelijkheid ligt (verhouding 1, verschil 0).',
    holm: ' (De testbatterij vroeg om de Holm-correctie; een toets kan zich in twee richtingen vergissen, onterecht ‘voldoet niet’ of onterecht ‘voldoet’, en Holms stapsgewijze procedure kan die niet allebei beheersen, dus wordt Bonferroni gebruikt.)',
    familyWise: (e) =>
      `Alle ${e.checks} toetsintervallen zijn berekend bij ${e.level} in plaats van ${e.nominal} (Bonferroni: alfa ${e.alpha} gedeeld door ${e.checks}), zodat ze samen gelden met een kans van minstens ${e.nominal}. De kans dat ook maar één oordeel of richting in dit rapport onjuist is, is dus hoogstens ${e.percent}.${e.holm}`,
    falseDiscovery: (level, percent) =>
      `De intervallen zijn berekend bij ${level} (Benjamini-Hochberg met intervallen voor het aandeel valse dekkingen, Benjamini & Yekutieli 2005): van de genoemde oordelen is het verwachte aandeel onjuiste hoogstens ${percent}; de kans dat er minstens één onjuist is, wordt niet beheerst.`,
    uncorrected: (level, percent, checks) =>
      `Het interval van elke toets is op zichzelf berekend bij ${level} (zonder correctie): elke bewering afzonderlijk is met een kans van hoogstens ${percent} onjuist, maar over ${checks} toetsen is de kans dat er een onjuist is groter.`,
    pValues: 'P-waarden toetsen de gedane bewering (bij ‘voldoet niet’ dat het verschil binnen de tolerantie ligt; bij ‘voldoet’ dat het erbuiten ligt) en worden van dezelfde intervallen afgelezen, dus ze spreken een oordeel nooit tegen.',
    counterfactual: (flip, change, shift) => `Contrafeitelijke tweelingen: omslagkansen gebruiken ${flip}; de verandering in selectiekans ${change}; de gemiddelde scoreverschuiving ${shift}.`,
    outcome: (decision) =>
      `Afspraak: de nadelige uitkomst is geselecteerd worden voor controle (beslisregel, zoals vastgelegd: ${decision}). ` +
      'Een verhouding van 2,00 betekent dat de groep twee keer zo vaak wordt geselecteerd als haar referentiegroep; verschillen zijn de kans van de groep min die van de referentie, in procentpunten (%-punt).',
    smallCells: (minCell, unit) => `Kleine groepen: groepen met minder dan ${minCell} ${unit} worden getoond maar gemarkeerd als onbetrouwbaar.`,
    labels: (labels) => `Vastgestelde uitkomsten (voor foutpercentages en precisie), zoals vastgelegd: ${labels}.`,
  },

  groupWarnings: true,
  warning: (code, count) => `${WARNINGS[code] ?? `Technische waarschuwing (code ${code}).`} ${count > 1 ? `${count} keer.` : 'Eén keer.'}`,
  warningsOriginal: 'Oorspronkelijke meldingen (in het Engels, zoals vastgelegd in results.json)',
  plural,
};
