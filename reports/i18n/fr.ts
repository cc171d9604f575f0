import { countText, upper, type Messages, type RatePhrase, type VerdictCounts } from './en.js';
import { localNumber } from './locale-number.js';

const L = (text: string): string => localNumber('fr', text);
const plural = (n: number, one: string, many: string): string => (n <= 1 ? one : many);
const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
/** "13 sur 100", or "0 sur 36 566" for a zero count. */
const outOf = (r: RatePhrase): string => (r.perBase === null ? `0 sur ${countText(r.n)}` : `${r.perBase} sur ${countText(r.base)}`);
const FR_VERDICT = { pass: 'CONFORME', fail: 'NON CONFORME', inconclusive: 'NON CONCLUANT' } as const;
const UNITS: Record<string, string> = { households: 'foyers', people: 'personnes', persons: 'personnes', claimants: 'allocataires', recipients: 'allocataires', applicants: 'demandeurs', students: 'étudiants', individuals: 'personnes' };

/** The French catalogue: the vocabulary of French audits of allocation controls (taux de sélection, ratio, intervalle de confiance). */
export const FR: Messages = {
  lang: 'fr',
  num: L,
  unit: (unit) => UNITS[unit.toLowerCase()] ?? unit,
  verdictWord: { pass: 'conforme', fail: 'non conforme', inconclusive: 'non concluant', 'no check': 'sans contrôle' },
  verdictLabel: 'Conclusion',
  colon: '\u00a0:',
  detailNote: 'Les sections détaillées ci-dessous sont en anglais.',
  sections: {
    summary: 'Chaque contrôle en une phrase',
    verdicts: 'Conclusions des contrôles',
    charts: 'Graphiques',
    groups: 'Indicateurs par groupe',
    warnings: 'Avertissements',
    methods: 'Méthodes',
    provenance: 'Traçabilité',
  },
  page: 'Page',
  of: 'sur',
  noFindingsSection: 'Aucun constat à signaler.',
  noChecks: 'Aucun contrôle n’a été configuré.',
  noCharts: 'Aucun graphique.',
  noGroups: 'Aucun groupe.',
  noWarnings: 'Aucun avertissement.',
  noWarningsMarkdown: 'Aucun.',
  terminal: {
    verdict: (r, warnings) =>
      `conclusion : ${FR_VERDICT[r.verdict]} (${r.pass} ${plural(r.pass, 'conforme', 'conformes')}, ${r.fail} ${plural(r.fail, 'non conforme', 'non conformes')}, ${r.inconclusive} ${plural(r.inconclusive, 'non concluant', 'non concluants')})${warnings ? `, ${warnings} ${plural(warnings, 'avertissement', 'avertissements')}` : ''}`,
    more: (n) => `  et ${n} de plus (chaque contrôle figure dans le rapport)`,
    report: (path) => `rapport : ${path}`,
    withheld: 'masqué',
    unstable: (flagged, n) => L(` — instable : le groupe de référence n’est sélectionné que ${countText(flagged)} fois sur ${countText(n)}`),
  },

  kicker: 'Rapport d’impact discriminatoire',
  who: (label, unit) => `${unit} ${label}`,
  questionHeading: 'La question',
  findingsHeading: 'Ce que l’audit a constaté',
  cannotTellHeading: 'Ce que cet audit ne permet pas de dire',
  contentsHeading: 'Sommaire',
  headlineCaption: (unit, sampled) =>
    sampled
      ? 'Part de chaque groupe parmi les dossiers retenus par le modèle, comparée à sa part dans l’échantillon aléatoire : un groupe à droite de son anneau est retenu plus souvent que son poids ne le laisserait attendre.'
      : `Part de chaque groupe parmi les ${unit} sélectionnés pour un contrôle, comparée à sa part dans l’ensemble des ${unit} : un groupe à droite de son anneau est sélectionné plus souvent que son poids ne le laisserait attendre.`,

  verdict(c: VerdictCounts) {
    const total = c.pass + c.fail + c.inconclusive;
    if (c.verdict === null || total === 0) return 'Aucun contrôle n’a été configuré : les chiffres de ce rapport décrivent, ils ne jugent pas.';
    if (c.verdict === 'fail') {
      const where = c.failing.length ? ` (selon : ${list(c.failing)})` : '';
      return L(`L’audit est non conforme : ${c.fail} ${plural(c.fail, 'contrôle', 'contrôles')} sur ${total} ${plural(c.fail, 'montre', 'montrent')} un écart qui dépasse la tolérance${where} ; ` +
        `${c.inconclusive === 0 ? 'aucun n’est non concluant' : `${c.inconclusive} ${plural(c.inconclusive, 'est non concluant', 'sont non concluants')}`} et ${c.pass === 0 ? 'aucun n’est conforme' : `${c.pass} ${plural(c.pass, 'est conforme', 'sont conformes')}`}.`);
    }
    if (c.verdict === 'pass') return L(`L’audit est conforme : ${plural(total, 'le contrôle montre', `les ${total} contrôles montrent`)} un écart qui reste dans la tolérance.`);
    return L(`L’audit n’est pas concluant : aucun contrôle ne montre d’écart au-delà de la tolérance, mais ${c.inconclusive} sur ${total} ne ${plural(c.inconclusive, 'permet', 'permettent')} pas non plus de l’exclure (${c.pass} ${plural(c.pass, 'conforme', 'conformes')}).`);
  },

  rule: (level, m, alpha) =>
    L(m > 1
      ? `Chaque intervalle de confiance ci-dessous est calculé à ${level}, afin que les ${m} contrôles tiennent ensemble avec une confiance de ${alpha}.`
      : `L’intervalle de confiance est calculé à ${level}.`),

  rateFinding(f) {
    const shares = f.share !== null && f.flaggedShare !== null ? ` Ils représentent ${f.share} de l’ensemble des ${f.unit}, mais ${f.flaggedShare} des ${f.unit} sélectionnés.` : '';
    return L(`Taux de sélection pour un contrôle : ${outOf(f.rate)} parmi les ${f.group}, contre ${outOf(f.refRate)} parmi les ${f.reference}, soit un ratio de ${f.times} (${f.ci}) et ${f.points} points de ${f.higher ? 'plus' : 'moins'}.${shares}`);
  },

  unboundedFinding(f) {
    return L(`Taux de sélection pour un contrôle : ${outOf(f.rate)} parmi les ${f.group}, contre ${outOf(f.refRate)} parmi les ${f.reference}, soit ${f.points} points de plus ; le ratio n’a pas de borne supérieure (au moins ${f.atLeast}, ${f.level}).`);
  },

  unstableFinding(f) {
    return L(`Taux de sélection pour un contrôle : ${outOf(f.rate)} parmi les ${f.group}, contre ${outOf(f.refRate)} parmi les ${f.reference}, soit ${f.points} points de pourcentage de ${f.higher ? 'plus' : 'moins'} (${f.pointsCi}). ` +
      `Ils représentent ${f.share} de l’ensemble des ${f.unit}, mais ${f.flaggedShare} des ${f.unit} sélectionnés (${f.overTimes} fois leur part, ${f.overCi}). ` +
      `Le ratio (${f.times}) ne repose que sur ${countText(f.refFlagged)} ${f.reference} sélectionnés : à ne jamais citer seul.`);
  },

  shareFinding(f) {
    return L(`Les ${f.group} représentent ${f.share} des dossiers retenus par le modèle, mais ${f.baseline} de ${f.baselineName} : ${f.times} fois leur part (${f.ci}).`);
  },
  randomSample: 'l’échantillon aléatoire',
  errorsFound: 'l’ensemble des erreurs trouvées par tirage aléatoire',

  unstableWarning: (w) =>
    L(`Groupe de référence instable : pour ${w.attribute}, le groupe de référence (${w.reference}) n’est sélectionné que ${countText(w.flagged)} fois sur ${countText(w.n)} (${w.rate}). `) +
    'Un ratio calculé sur un taux aussi faible devient énorme et varie au gré de quelques dossiers : lisez plutôt l’écart en points de pourcentage et la surreprésentation.',

  noFindings: (level) => L(`Aucun écart n’est établi à ${level} : chaque intervalle de confiance contient la parité, ou aucun contrôle ne porte sur les groupes.`),

  cannot: {
    noLabels: 'Si les personnes sélectionnées étaient plus ou moins souvent en situation d’erreur : faute de vérité de terrain, aucun taux d’erreur n’est calculable.',
    synthetic: (unit) =>
      `Comment l’organisme traite de vrais ${unit} : la population est synthétique ; ces constats décrivent le modèle et sa règle de décision, pas la pratique de l’organisme.`,
    simulated: 'À quelle fréquence les dossiers sélectionnés sont réellement en erreur : la vérité de terrain est simulée par le modèle de résultat de la population, pas observée.',
    selective: 'Les taux d’erreur parmi les dossiers jamais contrôlés : on ne connaît le résultat que là où l’on a regardé, et c’est le modèle qui a choisi où regarder.',
    recorded: 'Pourquoi les décisions ont été prises : les décisions enregistrées disent qui a été sélectionné, pas quelles variables ont fait la différence.',
    small: (count, minCell) =>
      L(`Une conclusion ferme sur ${plural(count, 'le groupe', `les ${countText(count)} groupes`)} de moins de ${countText(minCell)} lignes : ${plural(count, 'il est affiché', 'ils sont affichés')} et ${plural(count, 'signalé', 'signalés')} comme ${plural(count, 'petit', 'petits')}, mais ${plural(count, 'ses estimations sont fragiles', 'leurs estimations sont fragiles')}.`),
    lawful: 'Si un écart est licite ou justifié : la tolérance est un étalon cité avec sa source, pas une qualification juridique.',
  },

  // fragments: the sentence that holds them puts their numbers in French format once
  zeroRatio: (upperLimit) => `0 (au plus ${upperLimit})`,
  atLeastRatio: (lowerLimit) => `au moins ${lowerLimit}`,
  intervalText: (level, lo, hi) => `IC à ${level} : ${lo}–${hi}`,
  pointsInterval: (level, lo, hi) => `IC à ${level} : de ${lo} à ${hi}`,
  atLevel: (level) => `borne inférieure à ${level}`,

  // the reference "everyone else" (reference: overall) and the overall row of the group tables
  /** The reference "(rest)" in a finding, where a group with its unit would stand: "45 of every 1,000 other households". */
  restGroup: (unit) => `autres ${unit}`,
  /** The reference "(rest)" in a table cell or a list. */
  restReference: 'tous les autres',
  /** Everyone but one group, in the unstable-reference warning: "all but the low-income households". */
  restOf: (group, unit) => `les ${unit} autres que « ${group} »`,
  /** The row of the whole population in each attribute's table. */
  overallRow: (unit) => `Ensemble des ${unit}`,
};
