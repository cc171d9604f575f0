import { countText, upper, type Messages, type RatePhrase, type VerdictCounts } from './en.js';
import { localNumber } from './locale-number.js';

const L = (text: string): string => localNumber('nl', text);
const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);
const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
/** "13 op de 100", or "0 van de 36.566" for a zero count. */
const outOf = (r: RatePhrase): string => (r.perBase === null ? `0 van de ${countText(r.n)}` : `${r.perBase} op de ${countText(r.base)}`);
const NL_VERDICT = { pass: 'VOLDOET', fail: 'VOLDOET NIET', inconclusive: 'ONBESLIST' } as const;
const UNITS: Record<string, string> = { households: 'huishoudens', people: 'personen', persons: 'personen', claimants: 'uitkeringsgerechtigden', recipients: 'uitkeringsgerechtigden', applicants: 'aanvragers', students: 'studenten', individuals: 'personen' };

/** The Dutch catalogue: the vocabulary of Dutch audits of risk profiles (selectiekans, betrouwbaarheidsinterval, controle). */
export const NL: Messages = {
  lang: 'nl',
  num: L,
  unit: (unit) => UNITS[unit.toLowerCase()] ?? unit,
  verdictWord: { pass: 'voldoet', fail: 'voldoet niet', inconclusive: 'onbeslist', 'no check': 'geen toets' },
  verdictLabel: 'Oordeel',
  colon: ':',
  detailNote: 'De detailsecties hieronder zijn in het Engels.',
  sections: {
    summary: 'Elke toets in één zin',
    verdicts: 'Oordelen per toets',
    charts: 'Grafieken',
    groups: 'Cijfers per groep',
    warnings: 'Waarschuwingen',
    methods: 'Methode',
    provenance: 'Herkomst',
  },
  page: 'Pagina',
  of: 'van',
  noFindingsSection: 'Geen bevindingen.',
  noChecks: 'Er zijn geen toetsen ingesteld.',
  noCharts: 'Geen grafieken.',
  noGroups: 'Geen groepen.',
  noWarnings: 'Geen waarschuwingen.',
  noWarningsMarkdown: 'Geen.',
  terminal: {
    verdict: (r, warnings) =>
      `oordeel: ${NL_VERDICT[r.verdict]} (${r.pass} ${plural(r.pass, 'voldoet', 'voldoen')}, ${r.fail} ${plural(r.fail, 'voldoet niet', 'voldoen niet')}, ${r.inconclusive} onbeslist)${warnings ? `, ${warnings} ${plural(warnings, 'waarschuwing', 'waarschuwingen')}` : ''}`,
    more: (n) => `  en nog ${n} (elke toets staat in het rapport)`,
    report: (path) => `rapport: ${path}`,
    withheld: 'afgeschermd',
    unstable: (flagged, n) => L(` — instabiel: de referentiegroep wordt maar ${countText(flagged)} van de ${countText(n)} keer geselecteerd`),
  },

  kicker: 'Rapport over ongelijke behandeling',
  who: (label, unit) => `${unit} ${label}`,
  questionHeading: 'De vraag',
  findingsHeading: 'Wat de audit vond',
  cannotTellHeading: 'Wat deze audit niet kan zeggen',
  contentsHeading: 'Inhoud',
  headlineCaption: (unit, sampled) =>
    sampled
      ? 'Aandeel van elke groep in de selecties van het model, tegenover het aandeel in de aselecte steekproef: een groep rechts van haar ring wordt vaker geselecteerd dan haar omvang doet verwachten.'
      : `Aandeel van elke groep onder de voor controle geselecteerde ${unit}, tegenover het aandeel onder alle ${unit}: een groep rechts van haar ring wordt vaker geselecteerd dan haar omvang doet verwachten.`,

  verdict(c: VerdictCounts) {
    const total = c.pass + c.fail + c.inconclusive;
    if (c.verdict === null || total === 0) return 'Er zijn geen toetsen ingesteld: de cijfers in dit rapport beschrijven, ze oordelen niet.';
    if (c.verdict === 'fail') {
      const where = c.failing.length ? ` (naar ${list(c.failing)})` : '';
      return L(`De audit voldoet niet: ${c.fail} van de ${total} ${plural(total, 'toets laat', 'toetsen laten')} een verschil${where} zien dat buiten de tolerantie valt; ` +
        `${c.inconclusive === 0 ? 'geen enkele is' : `${c.inconclusive} ${plural(c.inconclusive, 'is', 'zijn')}`} onbeslist en ${c.pass === 0 ? 'geen enkele voldoet' : `${c.pass} ${plural(c.pass, 'voldoet', 'voldoen')}`}.`);
    }
    if (c.verdict === 'pass') return L(`De audit voldoet: ${plural(total, 'de toets laat', `alle ${total} toetsen laten`)} een verschil binnen de tolerantie zien.`);
    return L(`De audit is onbeslist: geen enkele toets laat een verschil buiten de tolerantie zien, maar ${c.inconclusive} van de ${total} kunnen evenmin aantonen dat het erbinnen blijft (${c.pass} ${plural(c.pass, 'voldoet', 'voldoen')}).`);
  },

  rule: (level, m, alpha) =>
    L(m > 1
      ? `Elk betrouwbaarheidsinterval hieronder is een ${level}-betrouwbaarheidsinterval, zodat de ${m} toetsen samen een betrouwbaarheid van ${alpha} hebben.`
      : `Het betrouwbaarheidsinterval is een ${level}-betrouwbaarheidsinterval.`),

  rateFinding(f) {
    const shares = f.share !== null && f.flaggedShare !== null ? ` Zij zijn ${f.share} van alle ${f.unit}, maar ${f.flaggedShare} van de geselecteerden.` : '';
    return L(`Selectiekans voor controle: ${outOf(f.rate)} bij ${f.group}, tegen ${outOf(f.refRate)} bij ${f.reference}; ${f.times} keer zo groot (${f.ci}), ${f.points} procentpunt ${f.higher ? 'hoger' : 'lager'}.${shares}`);
  },

  unboundedFinding(f) {
    return L(`Selectiekans voor controle: ${outOf(f.rate)} bij ${f.group}, tegen ${outOf(f.refRate)} bij ${f.reference}; ${f.points} procentpunt hoger. De verhouding heeft geen bovengrens (minstens ${f.atLeast} keer zo groot, ${f.level}).`);
  },

  unstableFinding(f) {
    return L(`Selectiekans voor controle: ${outOf(f.rate)} bij ${f.group}, tegen ${outOf(f.refRate)} bij ${f.reference}: ${f.points} procentpunt ${f.higher ? 'hoger' : 'lager'} (${f.pointsCi}). ` +
      `Zij zijn ${f.share} van alle ${f.unit}, maar ${f.flaggedShare} van de geselecteerden (${f.overTimes} keer hun aandeel, ${f.overCi}). ` +
      `De verhouding (${f.times} keer zo groot) berust op slechts ${countText(f.refFlagged)} geselecteerde ${f.reference}: noem haar nooit los.`);
  },

  shareFinding(f) {
    return L(`${upper(f.group)} zijn ${f.share} van wie het model selecteerde, maar ${f.baseline} van ${f.baselineName}: ${f.times} keer hun aandeel (${f.ci}).`);
  },
  randomSample: 'de aselecte steekproef',
  errorsFound: 'de fouten die bij aselecte controle zijn gevonden',

  unstableWarning: (w) =>
    L(`Instabiele referentiegroep: naar ${w.attribute} wordt de referentiegroep (${w.reference}) maar ${countText(w.flagged)} van de ${countText(w.n)} keer geselecteerd (${w.rate}). `) +
    'Verhoudingen ten opzichte van zo’n kleine kans zijn enorm en slaan om door een handvol gevallen: kijk liever naar het verschil in procentpunten en de oververtegenwoordiging.',

  noFindings: (level) => L(`Bij ${level} betrouwbaarheid is geen verschil aangetoond: elk betrouwbaarheidsinterval bevat gelijkheid, of geen toets betreft de groepen.`),

  cannot: {
    noLabels: 'Of de geselecteerden vaker of minder vaak een fout maakten: er is geen vastgestelde uitkomst, dus geen foutpercentages.',
    synthetic: (unit) =>
      `Hoe de organisatie echte ${unit} behandelt: de populatie is synthetisch, dus deze bevindingen gaan over het model en zijn beslisregel, niet over de praktijk van de organisatie.`,
    simulated: 'Hoe vaak de geselecteerden werkelijk een fout maakten: de uitkomst is gesimuleerd door het uitkomstmodel van de populatie, niet waargenomen.',
    selective: 'Foutpercentages bij wie nooit is onderzocht: uitkomsten bestaan alleen waar iemand keek, en waar gekeken werd, koos het model.',
    recorded: 'Waarom de beslissingen zijn genomen: vastgelegde beslissingen tonen wie is geselecteerd, niet welke gegevens de doorslag gaven.',
    small: (count, minCell) =>
      L(`Iets stelligs over ${plural(count, 'de groep', `de ${countText(count)} groepen`)} met minder dan ${countText(minCell)} rijen: ${plural(count, 'die staat', 'die staan')} erin, gemarkeerd als klein, maar ${plural(count, 'de schattingen zijn', 'hun schattingen zijn')} onbetrouwbaar.`),
    lawful: 'Of een verschil rechtmatig of gerechtvaardigd is: de tolerantie is een maatstaf met bronvermelding, geen juridisch oordeel.',
  },

  // fragments: the sentence that holds them puts their numbers in Dutch format once
  zeroRatio: (upperLimit) => `0 (hoogstens ${upperLimit})`,
  atLeastRatio: (lowerLimit) => `minstens ${lowerLimit}`,
  intervalText: (level, lo, hi) => `${level}-betrouwbaarheidsinterval ${lo}–${hi}`,
  pointsInterval: (level, lo, hi) => `${level}-betrouwbaarheidsinterval ${lo} tot ${hi}`,
  atLevel: (level) => `ondergrens bij ${level}`,

  // the reference "everyone else" (reference: overall) and the overall row of the group tables
  /** The reference "(rest)" in a finding, where a group with its unit would stand: "45 of every 1,000 other households". */
  restGroup: (unit) => `andere ${unit}`,
  /** The reference "(rest)" in a table cell or a list. */
  restReference: 'alle anderen',
  /** Everyone but one group, in the unstable-reference warning: "all but the low-income households". */
  restOf: (group, unit) => `alle ${unit} behalve ‘${group}’`,
  /** The row of the whole population in each attribute's table. */
  overallRow: (unit) => `Alle ${unit}`,
};
