import type { Clause, RateText, Tail, ToleranceText } from './detail-types.js';
import type { Messages } from './en.js';

const plural = (n: number, one: string, many: string): string => (n <= 1 ? one : many);
const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;

// The terms of French audits of allocation controls: "taux de sélection" (share selected for a control), "écart", "ratio".
const METRICS: Record<string, string> = {
  selection_rate: 'taux de sélection', true_positive_rate: 'taux de vrais positifs', false_positive_rate: 'taux de faux positifs',
  false_negative_rate: 'taux de faux négatifs', precision: 'précision', false_discovery_rate: 'taux de fausses découvertes',
  false_omission_rate: 'taux de fausses omissions', auc: 'AUC', mean_score: 'score moyen', flagged_share: 'part parmi les dossiers sélectionnés',
  population_share: 'part dans la population', statistical_parity: 'parité statistique', equal_burden: 'égalité de la charge',
  observed_expected_ratio: 'ratio observé / attendu', false_positives_per_group_size: 'faux positifs rapportés à la taille du groupe',
  ks_distance: 'distance de Kolmogorov–Smirnov', wasserstein_distance: 'distance de Wasserstein', theil_index: 'indice de Theil',
  generalized_entropy_index: 'indice d’entropie généralisée', top_decile_overrepresentation: 'surreprésentation dans le décile supérieur',
};
const metric = (id: string): string => {
  if (METRICS[id] !== undefined) return METRICS[id];
  const m = /^(.*)_(ratio|difference)$/.exec(id);
  if (m && METRICS[m[1]!] !== undefined) return `${m[2] === 'ratio' ? 'ratio de' : 'écart de'} ${METRICS[m[1]!]}`;
  return id.replace(/_/g, ' ');
};
// Methods named in French prose, with the article; the references (author, year) as published.
const METHODS: Record<string, string> = {
  wilson: 'l’intervalle de score de Wilson (Wilson 1927)', 'clopper-pearson': 'l’intervalle exact de Clopper–Pearson (Clopper & Pearson 1934)',
  'katz-log': 'l’intervalle logarithmique de Katz (Katz et al. 1978)', 'koopman-score': 'l’intervalle de score de Koopman (Koopman 1984)',
  'katz-log-vs-rest': 'l’intervalle logarithmique de Katz du groupe contre tous les autres, reporté sur les parts (Katz et al. 1978)',
  'mover-ratio-vs-rest': 'l’intervalle MOVER du groupe contre tous les autres, reporté sur les parts (Donner & Zou 2012)',
  'koopman-score-vs-rest': 'l’intervalle de score de Koopman du groupe contre tous les autres, reporté sur les parts (Koopman 1984)',
  'newcombe-hybrid-score': 'l’intervalle de score hybride de Newcombe (Newcombe 1998)',
  'mover-ratio': 'l’intervalle MOVER d’un ratio à partir des intervalles des deux taux (Donner & Zou 2012)',
  'mover-difference': 'l’intervalle MOVER d’un écart à partir des intervalles des deux taux (Zou & Donner 2008)',
  'tango-score-paired': 'l’intervalle de score de Tango pour un écart apparié (Tango 1998)',
  'tango-mover-paired': 'l’intervalle MOVER d’un écart entre deux variations appariées, à partir de leurs intervalles de Tango (Tango 1998 ; Zou & Donner 2008)',
  'delta-log-paired': 'l’intervalle par la méthode delta sur l’échelle logarithmique pour des taux appariés (Oehlert 1992)',
  'normal-mean': 'l’intervalle normal d’une moyenne', 'normal-paired-mean': 'l’intervalle normal d’un écart moyen apparié', 'normal-paired': 'l’intervalle normal d’un écart moyen apparié',
  'welch-mean-difference': 'l’intervalle de Welch d’un écart de moyennes (Welch 1947)',
  'delta-log-mean-ratio': 'l’intervalle par la méthode delta d’un ratio de moyennes sur l’échelle logarithmique (Oehlert 1992)',
  'dkw-band': 'la bande de Dvoretzky–Kiefer–Wolfowitz (Dvoretzky, Kiefer & Wolfowitz 1956 ; Massart 1990)',
  delong: 'l’intervalle de DeLong de l’AUC (DeLong et al. 1988)', 'delong-logit': 'l’intervalle de DeLong de l’AUC sur l’échelle logit (DeLong et al. 1988)',
  'delong-logit-wald-difference': 'l’intervalle de Wald d’un écart d’AUC à partir des erreurs types de DeLong (DeLong et al. 1988)',
  'byar-poisson': 'l’approximation de Byar de l’intervalle exact de Poisson (Breslow & Day 1987)',
  'delta-multinomial': 'l’intervalle par la méthode delta à partir des effectifs multinomiaux (Oehlert 1992)',
  'delta-log-multinomial': 'l’intervalle par la méthode delta sur l’échelle logarithmique à partir des effectifs multinomiaux (Oehlert 1992)',
  'design-delta-log': 'l’intervalle par la méthode delta sur l’échelle logarithmique, fondé sur le plan de sondage (contrôles aléatoires traités comme un sondage aléatoire simple, correction de population finie ; Cochran 1977 ; Oehlert 1992)',
  'design-delta-logit': 'l’intervalle par la méthode delta sur l’échelle logit, fondé sur le plan de sondage (contrôles aléatoires traités comme un sondage aléatoire simple, correction de population finie ; Cochran 1977 ; Oehlert 1992)',
  census: 'un chiffre exact, sans erreur d’échantillonnage : chaque dossier sélectionné a été contrôlé',
  'bootstrap-percentile': 'l’intervalle bootstrap des percentiles (Efron & Tibshirani 1993)', 'bootstrap-bca': 'l’intervalle bootstrap corrigé du biais et accéléré (BCa ; Efron 1987)',
  'multinomial-counts': 'le bootstrap multinomial des effectifs des cellules (Efron & Tibshirani 1993)',
  'fisher-exact': 'le test exact de Fisher (Fisher 1935)', 'design-wald-log': 'le test de Wald du logarithme du ratio fondé sur le plan de sondage (Cochran 1977)',
  'wald-log-ratio': 'le test de Wald du logarithme du ratio (Katz et al. 1978)', 'pearson-score': 'le test du score de Pearson (Koopman 1984)',
  'pooled-z': 'le test z de deux proportions à variance commune', 'welch-z': 'le test z de Welch d’égalité des moyennes (Welch 1947)',
  'tost-log-ratio': 'deux tests unilatéraux sur le logarithme du ratio (Schuirmann 1987)', 'tost-wald-difference': 'deux tests de Wald unilatéraux sur l’écart (Schuirmann 1987)',
  'interval-inversion': 'l’inversion de l’intervalle du contrôle lui-même (le plus petit risque d’erreur auquel il sort de la tolérance ou y reste)',
  holm: 'la procédure descendante de Holm (Holm 1979)', bonferroni: 'la correction de Bonferroni',
  'benjamini-hochberg': 'la procédure de Benjamini–Hochberg sur le taux de fausses découvertes (Benjamini & Hochberg 1995)', none: 'aucune correction',
};
const method = (id: string): string | null => {
  const rescaled = /^(.*), rescaled$/.exec(id);
  if (rescaled) { const m = method(rescaled[1]!); return m === null ? null : `${m}, reporté au niveau de la famille par une approximation normale`; }
  return METHODS[id] ?? null;
};
const CORRECTIONS: Record<string, string> = { bonferroni: 'Bonferroni', holm: 'Holm', 'benjamini-hochberg': 'Benjamini–Hochberg', none: 'sans correction' };
const ORIGINS: Record<string, string> = { battery: 'batterie', cli: 'ligne de commande', default: 'par défaut' };

/** Everyone not in the group (the reference "(rest)"): "les autres foyers". */
const restName = (unit: string): string => `les autres ${unit}`;
/**
 * The reference of a clause with its article as each construction needs it ("que le groupe de
 * référence", "par rapport au…", "celui du…"); against everyone else, "les autres foyers".
 */
const refs = (c: Clause): { le: string; au: string; du: string; none: string } => {
  const label = metric(c.base);
  if (c.rest !== null) {
    return { le: restName(c.rest), au: `aux autres ${c.rest}`, du: `des autres ${c.rest}`, none: c.flagged ? `aucun des autres ${c.rest} n’est sélectionné` : `le ${label} des autres ${c.rest} est nul` };
  }
  const name = `groupe de référence (${c.reference ?? 'inconnu'})`;
  return { le: `le ${name}`, au: `au ${name}`, du: `du ${name}`, none: c.flagged ? 'aucun membre du groupe de référence n’est sélectionné' : `le ${label} du groupe de référence est nul` };
};
const tailText = (t: Tail): string =>
  `${t.equal ? 'et' : 'mais'} ${t.why === 'parity' ? 'l’intervalle de confiance contient la parité' : t.why === 'untested' ? 'aucun contrôle de la batterie ne le teste' : 'aucun intervalle n’a pu être estimé'} : le sens de l’écart n’est donc pas établi`;
const rate = (r: RateText): string =>
  r.numerator === null || r.denominator === null ? r.value : r.zero ? `${r.numerator} sur ${r.denominator}` : `${r.value} = ${r.numerator} sur ${r.denominator}`;

/** The French detail: per-check sentences written for a French reader (contrôle, taux de sélection, intervalle de confiance). */
export const FR_DETAIL: Messages['detail'] = {
  semicolon: '\u202f; ',
  withheld: 'masqué',
  metric,
  method,
  correction: (id) => CORRECTIONS[id] ?? id,
  origin: (o) => ORIGINS[o] ?? o,
  group: (pairs) => `« ${pairs.map(([a, v]) => `${a} : ${v}`).join(', ')} »`,
  who: (unit, group) => `Les ${unit} du groupe ${group}`,
  clause(c: Clause) {
    const who = c.who;
    const r = refs(c);
    const label = metric(c.base);
    switch (c.kind) {
      case 'withheld':
        return `${who} : le ${metric(c.metric)} par rapport ${r.au} est masqué, car un effectif sous-jacent est inférieur à ${c.k} (secret statistique)`;
      case 'unbounded-parity':
        return `${who} : le ${metric(c.metric)} par rapport ${r.au} n’a pas de borne supérieure (${r.none}), mais sa borne inférieure à ${c.level}, ${c.lower}, contient la parité : le sens de l’écart n’est donc pas établi`;
      case 'unbounded':
        return c.flagged
          ? `${who} sont plus souvent sélectionnés pour un contrôle que ${r.le} : au moins ${c.lower} fois plus souvent (le ratio n’a pas de borne supérieure : ${r.none})`
          : `${who} ont un ${label} plus élevé que ${r.le} : au moins ${c.lower} fois plus élevé (le ratio n’a pas de borne supérieure : ${r.none})`;
      case 'not-estimated':
        return `${who} : le ${metric(c.metric)} par rapport ${r.au} n’a pas pu être estimé (un effectif nul) ; son sens est inconnu`;
      case 'statistic':
        return `${who} ont un ${metric(c.metric)} de ${c.value}`;
      case 'direction': {
        if (c.flagged) {
          const size = c.size.kind === 'difference' ? `un écart de ${c.size.value}` : c.size.kind === 'zero' ? 'jamais sélectionnés' : `un ratio de ${c.size.value}`;
          return `${who} sont ${c.higher ? 'plus' : 'moins'} souvent sélectionnés pour un contrôle que ${r.le} : ${size}`;
        }
        const size = c.size.kind === 'difference' ? `un écart de ${c.size.value}` : c.size.kind === 'zero' ? 'nul' : `un ratio de ${c.size.value}`;
        return `${who} ont un ${label} plus ${c.higher ? 'élevé' : 'faible'} que ${r.le} : ${size}`;
      }
      case 'zero':
        return c.flagged
          ? `${who} ne sont jamais sélectionnés (${c.groupRate}), contre ${c.referenceRate} pour ${r.le}, ${tailText(c.tail)}`
          : `${who} ont un ${label} nul (${c.groupRate}), contre ${c.referenceRate} pour ${r.le}, ${tailText(c.tail)}`;
      case 'ratio':
        return c.flagged ? `${who} sont sélectionnés pour un contrôle avec un ratio de ${c.value} par rapport ${r.au}, ${tailText(c.tail)}` : `${who} ont un ${label} égal à ${c.value} fois celui ${r.du}, ${tailText(c.tail)}`;
      case 'same':
        return c.flagged ? `${who} sont sélectionnés au même taux que ${r.le} (${c.value}), ${tailText(c.tail)}` : `${who} ont le même ${label} que ${r.le} (${c.value}), ${tailText(c.tail)}`;
      case 'differs':
        return c.flagged
          ? `${who} sont sélectionnés à un taux qui diffère de celui ${r.du} de ${c.value}, ${tailText(c.tail)}`
          : `${who} ont un ${label} qui diffère de celui ${r.du} de ${c.value}, ${tailText(c.tail)}`;
    }
  },
  rate,
  restName,
  rates: (group, reference, name) => `${rate(group)}, contre ${rate(reference)} pour ${name}`,
  ciWithheld: (level) => `IC à ${level} masqué`,
  ciUnbounded: (level, lower) => `borne inférieure à ${level} : ${lower}, pas de borne supérieure`,
  ci: (level, interval) => `IC à ${level} : ${interval}`,
  tolerance: (t: ToleranceText | null) =>
    t === null
      ? 'aucune tolérance fixée pour cette comparaison'
      : `tolérance ${t.bounds} ${t.battery ? 'fixée par la batterie' : 'par défaut'}, ${t.source === null ? 'sans source citée' : t.short !== null ? `source : ${t.short}, citée en entier plus haut` : `source : ${t.source}`}`,
  verdictEnd: (v) => ` : ${{ pass: 'conforme', fail: 'non conforme', inconclusive: 'non concluant' }[v]}.`,
  smallCell: (minCell) => ` C’est un petit effectif (n < ${minCell}) : l’estimation est fragile.`,
  unstable: (cases, count) => ` Le taux du groupe de référence repose sur ${count} ${plural(cases, 'dossier', 'dossiers')} : le ratio est instable ; lisez plutôt l’écart en points.`,
  overall: (s) => {
    const total = s.pass + s.fail + s.inconclusive;
    return total === 0
      ? 'Aucun contrôle n’a été configuré ; les chiffres ci-dessous sont purement descriptifs.'
      : `Conclusion d’ensemble : ${{ pass: 'conforme', fail: 'non conforme', inconclusive: 'non concluant' }[s.verdict]}. Sur ${total} ${plural(total, 'contrôle', 'contrôles')}, ${s.fail} ${plural(s.fail, 'est non conforme', 'sont non conformes')}, ${s.inconclusive} ${plural(s.inconclusive, 'est non concluant', 'sont non concluants')} et ${s.pass} ${plural(s.pass, 'est conforme', 'sont conformes')}.`;
  },
  largest: (attribute, checked, sentence) =>
    `Plus fort écart de taux de sélection selon ${attribute} (${checked
      ? 'le ratio le plus éloigné de 1 ; son intervalle tient conjointement avec tous les autres contrôles, si bien que le choisir après coup ne l’affaiblit pas'
      : 'le ratio le plus éloigné de 1 ; aucun contrôle ne le couvre : il est décrit, non jugé'}) : ${sentence}`,
  cells: (c) =>
    `${c.failing} des ${c.cells} cellules de ${c.attribute} ${plural(c.failing, 'est non conforme', 'sont non conformes')} au contrôle ${c.check} et ${c.inconclusive} ${plural(c.inconclusive, 'est non concluante', 'sont non concluantes')} (chaque cellule figure dans le tableau des conclusions). La plus marquée : ${c.strongest}`,
  list,
};
