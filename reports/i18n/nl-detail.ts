import type { Clause, RateText, Tail, ToleranceText } from './detail-types.js';
import type { Messages } from './en.js';

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);
const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;

// The terms of Dutch audits of risk profiles: "selectiekans", "verhouding", "verschil".
const METRICS: Record<string, string> = {
  selection_rate: 'selectiekans', true_positive_rate: 'aandeel terecht-positieven', false_positive_rate: 'aandeel fout-positieven',
  false_negative_rate: 'aandeel fout-negatieven', precision: 'precisie', false_discovery_rate: 'aandeel onterecht geselecteerden',
  false_omission_rate: 'aandeel gemiste fouten', auc: 'AUC', mean_score: 'gemiddelde score', flagged_share: 'aandeel onder de geselecteerden',
  population_share: 'aandeel in de populatie', statistical_parity: 'statistische pariteit', equal_burden: 'gelijke last',
  observed_expected_ratio: 'verhouding waargenomen / verwacht', false_positives_per_group_size: 'fout-positieven per groepsgrootte',
  ks_distance: 'Kolmogorov-Smirnovafstand', wasserstein_distance: 'Wassersteinafstand', theil_index: 'Theil-index',
  generalized_entropy_index: 'gegeneraliseerde entropie-index', top_decile_overrepresentation: 'oververtegenwoordiging in het hoogste deciel',
};
const metric = (id: string): string => {
  if (METRICS[id] !== undefined) return METRICS[id];
  const m = /^(.*)_(ratio|difference)$/.exec(id);
  if (m && METRICS[m[1]!] !== undefined) return `${m[2] === 'ratio' ? 'verhouding' : 'verschil'} in ${METRICS[m[1]!]}`;
  return id.replace(/_/g, ' ');
};
const METHODS: Record<string, string> = {
  wilson: 'het Wilson-scoreinterval (Wilson 1927)', 'clopper-pearson': 'het exacte Clopper-Pearsoninterval (Clopper & Pearson 1934)',
  'katz-log': 'het logaritmische interval van Katz (Katz et al. 1978)', 'koopman-score': 'het scoreinterval van Koopman (Koopman 1984)',
  'katz-log-vs-rest': 'het logaritmische interval van Katz voor de groep tegenover alle anderen, omgerekend naar de aandelen (Katz et al. 1978)',
  'mover-ratio-vs-rest': 'het MOVER-interval voor de groep tegenover alle anderen, omgerekend naar de aandelen (Donner & Zou 2012)',
  'koopman-score-vs-rest': 'het scoreinterval van Koopman voor de groep tegenover alle anderen, omgerekend naar de aandelen (Koopman 1984)',
  'newcombe-hybrid-score': 'het hybride scoreinterval van Newcombe (Newcombe 1998)',
  'mover-ratio': 'het MOVER-interval voor een verhouding uit de intervallen van de twee kansen (Donner & Zou 2012)',
  'mover-difference': 'het MOVER-interval voor een verschil uit de intervallen van de twee kansen (Zou & Donner 2008)',
  'tango-score-paired': 'het scoreinterval van Tango voor een gepaard verschil (Tango 1998)',
  'tango-mover-paired': 'het MOVER-interval voor het verschil tussen twee gepaarde veranderingen, uit hun Tango-intervallen (Tango 1998; Zou & Donner 2008)',
  'delta-log-paired': 'het deltamethode-interval op logaritmische schaal voor gepaarde kansen (Oehlert 1992)',
  'normal-mean': 'het normale interval voor een gemiddelde', 'normal-paired-mean': 'het normale interval voor een gepaard gemiddeld verschil', 'normal-paired': 'het normale interval voor een gepaard gemiddeld verschil',
  'welch-mean-difference': 'het Welch-interval voor een verschil van gemiddelden (Welch 1947)',
  'delta-log-mean-ratio': 'het deltamethode-interval voor een verhouding van gemiddelden op logaritmische schaal (Oehlert 1992)',
  'dkw-band': 'de Dvoretzky-Kiefer-Wolfowitzband (Dvoretzky, Kiefer & Wolfowitz 1956; Massart 1990)',
  delong: 'het DeLong-interval voor de AUC (DeLong et al. 1988)', 'delong-logit': 'het DeLong-interval voor de AUC op logitschaal (DeLong et al. 1988)',
  'delong-logit-wald-difference': 'het Wald-interval voor een verschil van AUC’s uit DeLong-standaardfouten (DeLong et al. 1988)',
  'byar-poisson': 'Byars benadering van het exacte Poissoninterval (Breslow & Day 1987)',
  'delta-multinomial': 'het deltamethode-interval uit de multinomiale aantallen (Oehlert 1992)',
  'delta-log-multinomial': 'het deltamethode-interval op logaritmische schaal uit de multinomiale aantallen (Oehlert 1992)',
  'design-delta-log': 'het steekproefontwerp-gebaseerde deltamethode-interval op logaritmische schaal (aselecte controles als enkelvoudige aselecte steekproef, met eindigepopulatiecorrectie; Cochran 1977; Oehlert 1992)',
  'design-delta-logit': 'het steekproefontwerp-gebaseerde deltamethode-interval op logitschaal (aselecte controles als enkelvoudige aselecte steekproef, met eindigepopulatiecorrectie; Cochran 1977; Oehlert 1992)',
  census: 'een exact cijfer zonder steekproeffout: elk geselecteerd dossier is onderzocht',
  'bootstrap-percentile': 'het percentiel-bootstrapinterval (Efron & Tibshirani 1993)', 'bootstrap-bca': 'het voor vertekening gecorrigeerde en versnelde bootstrapinterval (BCa; Efron 1987)',
  'multinomial-counts': 'de multinomiale bootstrap van de celaantallen (Efron & Tibshirani 1993)',
  'fisher-exact': 'de exacte toets van Fisher (Fisher 1935)', 'design-wald-log': 'de steekproefontwerp-gebaseerde Wald-toets van de log-verhouding (Cochran 1977)',
  'wald-log-ratio': 'de Wald-toets van de log-verhouding (Katz et al. 1978)', 'pearson-score': 'de scoretoets van Pearson (Koopman 1984)',
  'pooled-z': 'de gepoolde z-toets voor twee proporties', 'welch-z': 'de z-toets van Welch voor gelijke gemiddelden (Welch 1947)',
  'tost-log-ratio': 'twee eenzijdige toetsen op de log-verhouding (Schuirmann 1987)', 'tost-wald-difference': 'twee eenzijdige Wald-toetsen op het verschil (Schuirmann 1987)',
  'interval-inversion': 'de inversie van het eigen interval van de toets (de kleinste foutkans waarbij het buiten of binnen de tolerantie ligt)',
  holm: 'de stapsgewijze procedure van Holm (Holm 1979)', bonferroni: 'de Bonferroni-correctie',
  'benjamini-hochberg': 'de Benjamini-Hochbergprocedure voor het aandeel valse ontdekkingen (Benjamini & Hochberg 1995)', none: 'geen correctie',
};
const method = (id: string): string | null => {
  const rescaled = /^(.*), rescaled$/.exec(id);
  if (rescaled) { const m = method(rescaled[1]!); return m === null ? null : `${m}, met een normale benadering naar het familieniveau gebracht`; }
  return METHODS[id] ?? null;
};
const CORRECTIONS: Record<string, string> = { bonferroni: 'Bonferroni', holm: 'Holm', 'benjamini-hochberg': 'Benjamini-Hochberg', none: 'zonder correctie' };
const ORIGINS: Record<string, string> = { battery: 'testbatterij', cli: 'opdrachtregel', default: 'standaard' };
const VERDICT = { pass: 'voldoet', fail: 'voldoet niet', inconclusive: 'onbeslist' } as const;

/** The definite article of a metric's name: "het aandeel", "de selectiekans". */
const the = (label: string): string => `${/^(aandeel|percentage)\b/.test(label) ? 'het' : 'de'} ${label}`;
/** Everyone not in the group (the reference "(rest)"): "alle andere huishoudens". */
const restName = (unit: string): string => `alle andere ${unit}`;
const ref = (c: Clause): string => (c.rest !== null ? restName(c.rest) : `de referentiegroep (${c.reference ?? 'onbekend'})`);
/** Nobody of the reference flagged, or its rate zero: "niemand uit de referentiegroep is geselecteerd". */
const none = (c: Clause, label: string): string =>
  c.rest !== null
    ? (c.flagged ? `geen van de andere ${c.rest} is geselecteerd` : `${the(label)} van de andere ${c.rest} is nul`)
    : (c.flagged ? 'niemand uit de referentiegroep is geselecteerd' : `${the(label)} van de referentiegroep is nul`);
const tailText = (t: Tail): string =>
  `${t.equal ? 'en' : 'maar'} ${t.why === 'parity' ? 'het betrouwbaarheidsinterval bevat gelijkheid' : t.why === 'untested' ? 'geen toets van de testbatterij toetst het' : 'er kon geen interval worden geschat'}, dus er is geen richting vastgesteld`;
const rate = (r: RateText): string =>
  r.numerator === null || r.denominator === null ? r.value : r.zero ? `${r.numerator} van de ${r.denominator}` : `${r.value} = ${r.numerator} van de ${r.denominator}`;

/** The Dutch detail: per-check sentences written for a Dutch reader (toets, selectiekans, betrouwbaarheidsinterval). */
export const NL_DETAIL: Messages['detail'] = {
  semicolon: '; ',
  withheld: 'afgeschermd',
  metric,
  method,
  correction: (id) => CORRECTIONS[id] ?? id,
  origin: (o) => ORIGINS[o] ?? o,
  group: (pairs) => `‘${pairs.map(([a, v]) => `${a}: ${v}`).join(', ')}’`,
  who: (unit, group) => `${unit.charAt(0).toUpperCase()}${unit.slice(1)} in de groep ${group}`,
  clause(c: Clause) {
    const who = c.who;
    const r = ref(c);
    const label = metric(c.base);
    switch (c.kind) {
      case 'withheld':
        return `${who}: de ${metric(c.metric)} ten opzichte van ${r} is afgeschermd, omdat een onderliggend aantal kleiner is dan ${c.k} (privacy)`;
      case 'unbounded-parity':
        return `${who}: de ${metric(c.metric)} ten opzichte van ${r} heeft geen bovengrens (${none(c, label)}), maar de ondergrens bij ${c.level}, ${c.lower}, bevat gelijkheid, dus er is geen richting vastgesteld`;
      case 'unbounded':
        return c.flagged
          ? `${who} worden vaker voor controle geselecteerd dan ${r}: minstens ${c.lower} keer zo vaak (de verhouding heeft geen bovengrens: ${none(c, label)})`
          : `${who} hebben een ${/^(aandeel|percentage)\b/.test(label) ? 'hoger' : 'hogere'} ${label} dan ${r}: minstens ${c.lower} keer zo hoog (de verhouding heeft geen bovengrens: ${none(c, label)})`;
      case 'not-estimated':
        return `${who}: de ${metric(c.metric)} ten opzichte van ${r} kon niet worden geschat (een aantal van nul), dus de richting is onbekend`;
      case 'statistic':
        return `${who} hebben een ${metric(c.metric)} van ${c.value}`;
      case 'direction': {
        if (c.flagged) {
          const size = c.size.kind === 'difference' ? `een verschil van ${c.size.value}` : c.size.kind === 'zero' ? 'nooit' : `${c.size.value} keer zo vaak`;
          return `${who} worden ${c.higher ? 'vaker' : 'minder vaak'} voor controle geselecteerd dan ${r}: ${size}`;
        }
        const size = c.size.kind === 'difference' ? `een verschil van ${c.size.value}` : c.size.kind === 'zero' ? 'nul' : `${c.size.value} keer zo hoog`;
        // "het aandeel" takes the uninflected adjective: "een hoger aandeel", but "een hogere precisie"
        const neuter = /^(aandeel|percentage)\b/.test(label);
        return `${who} hebben een ${c.higher ? 'hoger' : 'lager'}${neuter ? '' : 'e'} ${label} dan ${r}: ${size}`;
      }
      case 'zero':
        return c.flagged
          ? `${who} worden nooit geselecteerd (${c.groupRate}), tegen ${c.referenceRate} bij ${r}, ${tailText(c.tail)}`
          : `${who} hebben een ${label} van nul (${c.groupRate}), tegen ${c.referenceRate} bij ${r}, ${tailText(c.tail)}`;
      case 'ratio':
        return c.flagged ? `${who} worden ${c.value} keer zo vaak geselecteerd als ${r}, ${tailText(c.tail)}` : `${who} hebben een ${label} van ${c.value} keer die van ${r}, ${tailText(c.tail)}`;
      case 'same':
        return c.flagged ? `${who} worden even vaak geselecteerd als ${r} (${c.value}), ${tailText(c.tail)}` : `${who} hebben dezelfde ${label} als ${r} (${c.value}), ${tailText(c.tail)}`;
      case 'differs':
        return c.flagged
          ? `${who} hebben een selectiekans die ${c.value} afwijkt van die van ${r}, ${tailText(c.tail)}`
          : `${who} hebben een ${label} die ${c.value} afwijkt van die van ${r}, ${tailText(c.tail)}`;
    }
  },
  rate,
  restName,
  rates: (group, reference, name) => `${rate(group)}, tegen ${rate(reference)} bij ${name}`,
  ciWithheld: (level) => `${level}-betrouwbaarheidsinterval afgeschermd`,
  ciUnbounded: (level, lower) => `ondergrens bij ${level}: ${lower}, geen bovengrens`,
  ci: (level, interval) => `${level}-betrouwbaarheidsinterval ${interval}`,
  tolerance: (t: ToleranceText | null) =>
    t === null
      ? 'geen tolerantie ingesteld voor deze vergelijking'
      : `tolerantie ${t.bounds} ${t.battery ? 'volgens de testbatterij' : 'standaard'}, ${t.source === null ? 'geen bron vermeld' : t.short !== null ? `bron: ${t.short}, hierboven volledig vermeld` : `bron: ${t.source}`}`,
  verdictEnd: (v) => `: ${VERDICT[v]}.`,
  smallCell: (minCell) => ` Dit is een kleine groep (n < ${minCell}): de schatting is onbetrouwbaar.`,
  unstable: (cases, count) => ` De kans in de referentiegroep berust op ${count} ${plural(cases, 'geval', 'gevallen')}: de verhouding is instabiel; kijk naar het verschil in procentpunten.`,
  overall: (s) => {
    const total = s.pass + s.fail + s.inconclusive;
    return total === 0
      ? 'Er zijn geen toetsen ingesteld; de cijfers hieronder zijn alleen beschrijvend.'
      : `Eindoordeel: ${VERDICT[s.verdict]}. Van de ${total} ${plural(total, 'toets', 'toetsen')} ${plural(s.fail, 'voldoet', 'voldoen')} er ${s.fail} niet, ${plural(s.inconclusive, 'is', 'zijn')} er ${s.inconclusive} onbeslist en ${plural(s.pass, 'voldoet', 'voldoen')} er ${s.pass}.`;
  },
  largest: (attribute, checked, sentence) =>
    `Grootste verschil in selectiekans naar ${attribute} (${checked
      ? 'de verhouding die het verst van 1 ligt; haar interval geldt samen met dat van elke andere toets, dus haar achteraf kiezen verzwakt het niet'
      : 'de verhouding die het verst van 1 ligt; geen toets dekt haar, dus ze wordt beschreven, niet beoordeeld'}): ${sentence}`,
  cells: (c) =>
    `${c.failing} van de ${c.cells} cellen van ${c.attribute} ${plural(c.failing, 'voldoet', 'voldoen')} niet aan toets ${c.check} en ${c.inconclusive} ${plural(c.inconclusive, 'is', 'zijn')} onbeslist (elke cel staat in de tabel met oordelen). Het sterkst: ${c.strongest}`,
  list,
};
