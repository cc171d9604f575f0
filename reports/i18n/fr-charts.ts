import type { Messages } from './en.js';

const inv = (investigated: boolean): string => (investigated ? ' parmi les dossiers contrôlés (pas des taux de la population)' : '');

/** The French words of the charts. */
export const FR_CHARTS: Messages['charts'] = {
  locale: { decimal: ',', thousands: '\u202f', grouping: [3], currency: ['', '\u00a0€'], percent: '\u00a0%', minus: '\u2212' },
  reference: 'référence',
  referenceSuffix: ' (référence)',
  group: 'groupe',
  n: 'effectif',
  titles: {
    comparison: 'Variation appariée du taux de sélection par groupe',
    overRepresentation: 'Part parmi les sélectionnés, comparée à la part dans l’ensemble',
    selectionRate: (by, i) => `Taux de sélection selon ${by}${inv(i)}`,
    ratioForest: (i) => `Ratio des taux de sélection par groupe${inv(i)}`,
    errorRates: (by, i) => `Taux d’erreur selon ${by}${inv(i)}`,
    scoreDistribution: (by) => `Distribution des scores selon ${by}`,
    selectionCurve: (by) => `Courbe de sélection selon ${by}`,
    calibration: (by) => `Calibration selon ${by}`,
    counterfactual: 'Déplacement contrefactuel du score',
    proxies: (by) => `Variables de substitution pour ${by}`,
    reproduction: 'Publié et reproduit',
  },
  selectionRate: {
    title: (by) => `Taux de sélection selon ${by}`,
    subtitle: (level) => `IC à ${level} ; issue défavorable = sélectionné pour un contrôle`,
    axis: 'Taux de sélection (part sélectionnée)',
    legend: 'Groupe',
    compared: 'comparé',
    tooltipRate: 'taux de sélection',
    description: (d) =>
      `Points du taux de sélection (part des ${d.unit} sélectionnés pour un contrôle) pour chaque groupe de ${d.attribute}, ` +
      `avec leurs intervalles de confiance à ${d.level}. ` +
      (d.rest
        ? `Référence : chaque groupe est comparé à tous les autres ${d.unit} ; ligne en tirets : l’ensemble des ${d.unit} (${d.referenceRate}). `
        : `Groupe de référence : ${d.reference ?? 'aucun'} (${d.referenceRate}). `) +
      (d.rest && d.checked
        ? 'La tolérance s’applique à chaque groupe face à tous les autres, si bien qu’aucune bande commune n’est tracée. '
        : d.band !== null ? `Bande grisée : taux compris dans la tolérance ${d.band} × le taux de référence. ` : 'Aucun contrôle de tolérance sur cet attribut. ') +
      (d.highest !== null ? `Le plus élevé : ${d.highest}, à ${d.highestRate}.` : ''),
  },
  forest: {
    unstable: 'référence instable',
    axis: (metric) => `${metric} (échelle logarithmique ; 1 = parité)`,
    title: (metric) => `${metric.charAt(0).toUpperCase()}${metric.slice(1)} par groupe`,
    subtitle: (level) => `groupe ÷ référence, IC à ${level}, échelle logarithmique`,
    legend: 'Conclusion',
    tooltipVerdict: 'conclusion',
    ci: (level) => `IC à ${level}`,
    description: (d) =>
      `Graphique en forêt du ${d.metric} (groupe ÷ groupe de référence) pour ${d.rows} groupes, avec leurs intervalles de confiance à ${d.level} sur une échelle logarithmique ; ` +
      'une ligne verticale marque la parité (1). ' +
      (d.band !== null ? `Bande grisée : tolérance ${d.band}. ` : d.perCheck ? 'Bandes grisées : tolérance de chaque contrôle. ' : 'Aucun contrôle sur cet indicateur. ') +
      (d.failing.length ? `Non conformes : ${d.failing.join(' ; ')}.` : 'Aucun groupe non conforme.'),
  },
  over: {
    title: 'Qui est sélectionné, comparé à qui est là',
    flagged: 'part parmi les sélectionnés',
    everyone: (unit) => `part parmi l’ensemble des ${unit}`,
    selected: 'part parmi les dossiers retenus par le modèle',
    random: 'part dans l’échantillon aléatoire',
    subtitle: (level) => [`● part parmi les sélectionnés (IC à ${level})`, '○ part dans l’ensemble'],
    subtitleSample: ['● part parmi les dossiers retenus par le modèle', '○ part dans l’échantillon aléatoire'],
    axis: 'Part (%)',
    top: (label, share, baseline) => `${label} : ${share} des sélectionnés pour ${baseline} de l’ensemble`,
    description: (rows, unit, top) =>
      `Points pour ${rows} groupes : la part de chaque groupe parmi les sélectionnés, comparée à sa part dans l’ensemble des ${unit}. Un point à droite de son anneau signale une surreprésentation parmi les sélectionnés.${top ? ` La plus forte surreprésentation : ${top}.` : ''}`,
  },
  heatmap: {
    title: (by) => `Taux de sélection selon ${by}`,
    subtitle: 'part sélectionnée pour un contrôle',
    legend: 'Taux de sélection',
    tooltipRate: 'taux de sélection',
    description: (d) =>
      `Carte de chaleur du taux de sélection pour ${d.cells} groupes croisés : en lignes ${d.rows}, en colonnes ${d.columns}. ` +
      (d.top !== null ? `Le plus élevé : ${d.top}. ` : '') +
      (d.small ? `${d.small} ${d.small > 1 ? 'petits effectifs' : 'petit effectif'} (n < ${d.minCell}), encadrés en pointillés et signalés.` : 'Aucun petit effectif.'),
    top: (row, col, rate) => `${row} × ${col}, à ${rate}`,
  },
  errors: {
    fpr: 'Taux de faux positifs',
    fnr: 'Taux de faux négatifs',
    title: (by) => `Taux d’erreur selon ${by}`,
    subtitle: (level) => `IC à ${level} ; faux positif = sélectionné sans erreur ni fraude constatée`,
    legend: 'Taux d’erreur',
    axis: 'Taux d’erreur',
    tooltipMetric: 'indicateur',
    tooltipRate: 'taux',
    ci: (level) => `IC à ${level}`,
    description: (d) =>
      `Taux de faux positifs et de faux négatifs, avec leurs intervalles de confiance à ${d.level}, pour chaque groupe de ${d.attribute}. ` +
      (d.fpr !== null ? `Taux de faux positifs le plus élevé : ${d.fpr}. ` : '') +
      (d.fnr !== null ? `Taux de faux négatifs le plus élevé : ${d.fnr}.` : ''),
    at: (label, rate) => `${label}, à ${rate}`,
  },
  score: {
    title: (by) => `Distribution des scores selon ${by}`,
    subtitle: (uniform) => (uniform ? 'part de chaque groupe par classe de score' : 'densité par unité de score'),
    axisX: 'Score de risque',
    axisY: (uniform) => (uniform ? 'Part du groupe par classe de score' : 'Densité (part par unité de score)'),
    tooltipFrom: 'score à partir de',
    tooltipShare: 'part dans la classe',
    peak: (group, from, to, n) => `${group} culmine entre ${from} et ${to} (n = ${n})`,
    description: (attribute, groups, peaks) =>
      `Courbes en escalier de la distribution du score de risque pour chaque groupe de ${attribute} (${groups} groupes, référence en noir plein). ${peaks.join(' ; ')}.`,
  },
  curve: {
    title: (by) => `Courbe de sélection selon ${by}`,
    subtitle: 'part sélectionnée si tout score ≥ seuil était sélectionné',
    axisX: 'Seuil de score',
    axisY: 'Taux de sélection au seuil',
    tooltipThreshold: 'seuil',
    tooltipRate: 'taux de sélection',
    description: (attribute, groups) =>
      `Pour chaque groupe de ${attribute} (${groups} groupes, référence en noir plein), le taux de sélection que donnerait un seuil de score, ` +
      'quand le seuil parcourt l’échelle des scores : là où les courbes s’écartent, tout seuil sélectionne les groupes à des taux différents.',
  },
  calibration: {
    title: (by) => `Calibration selon ${by}`,
    subtitle: 'part observée avec erreur ou fraude constatée, par classe de score',
    axisX: 'Score de risque (milieu de classe)',
    axisY: 'Taux observé',
    tooltipScore: 'score',
    tooltipObserved: 'taux observé',
    tooltipLabelled: 'dossiers étiquetés',
    description: (attribute, groups, minLabelled) =>
      `Taux observé d’erreur ou de fraude parmi les dossiers étiquetés, en fonction du score de risque, par classe de score, pour chaque groupe de ${attribute} ` +
      `(${groups} groupes, référence en noir plein ; classes de moins de ${minLabelled} dossiers étiquetés écartées). La diagonale en pointillés correspond à une calibration parfaite.`,
  },
  comparison: {
    up: 'plus souvent sélectionné avec le candidat',
    down: 'moins souvent sélectionné avec le candidat',
    none: 'l’intervalle contient l’absence de changement',
    axis: 'Variation du taux de sélection (points de pourcentage, candidat − en service)',
    title: 'Variation appariée du taux de sélection',
    subtitle: (candidate, deployed, level) => `${candidate} face à ${deployed}, mêmes demandeurs ; intervalles à ${level}`,
    tooltipRates: 'taux de sélection',
    tooltipChange: 'variation',
    tooltipApplicants: 'demandeurs',
    description: (d) =>
      `Pour ${d.rows} groupes, la variation de la part sélectionnée quand le modèle candidat ${d.candidate} remplace ${d.deployed}, ` +
      'avec son intervalle apparié ; la ligne à 0 correspond à l’absence de changement. ' +
      (d.left ? `${d.left} groupes de moins de ${d.minCell} demandeurs ne figurent que dans le tableau. ` : '') +
      (d.moved.length ? `Intervalles qui excluent l’absence de changement : ${d.moved.join(', ')}.` : 'Chaque intervalle contient l’absence de changement.'),
  },
  counterfactual: {
    label: (c) => `${c.attribute} : ${c.from} → ${c.to} (${c.effect} ; bascules ${c.flips})`,
    effect: (direct) => (direct ? 'direct' : 'total'),
    axis: 'Déplacement du score (jumeau − original)',
    title: 'Déplacement contrefactuel du score',
    subtitle: (unit, level) => `mêmes ${unit}, attribut protégé modifié ; moyenne avec IC à ${level}`,
    tooltipComparison: 'comparaison',
    tooltipMean: 'déplacement moyen',
    tooltipFlips: 'décisions basculées',
    tooltipPairs: 'paires',
    description: (rows, largest) =>
      `Pour ${rows} comparaisons contrefactuelles, la variation du score de risque quand seul l’attribut protégé (effet direct), ou lui et ses ` +
      'conséquences (effet total), sont modifiés : boîte du 25e au 75e centile, moustaches du 5e au 95e, trait à la médiane, point à la moyenne avec son intervalle ; la ligne à 0 correspond à l’absence de changement. ' +
      (largest !== null ? `Plus fort déplacement moyen : ${largest}.` : ''),
    at: (label, value) => `${label}, à ${value}`,
  },
  proxy: {
    statistic: (s) => ({ cramers_v: 'V de Cramér', correlation_ratio: 'rapport de corrélation η', theil_u: 'U de Theil', auc: 'AUC' } as Record<string, string>)[s] ?? s.replace(/_/g, ' '),
    aucAxis: 'AUC (0,5 = aucune, 1 = parfaite)',
    associationAxis: (statistic) => (statistic !== null ? `Association (${statistic} ; 0 = aucune, 1 = parfaite)` : 'Association (0 = aucune, 1 = parfaite)'),
    tooltipPair: 'variable → attribut',
    tooltipAssociation: 'association',
    title: (attribute) => (attribute !== null ? `Variables de substitution pour ${attribute}` : 'Force des variables de substitution'),
    subtitle: 'dans quelle mesure chaque variable du modèle, et toutes ensemble, prédisent l’attribut protégé',
    description: (pairs, twoScales, top) =>
      `Barres de l’association pour ${pairs} paires variable du modèle–attribut protégé, de la plus forte à la plus faible` +
      (twoScales ? ' ; l’AUC (0,5 = aucune) et les mesures d’association (0 = aucune) ont chacune leur axe. ' : '. ') +
      (top !== null ? `La plus forte : ${top}.` : ''),
    at: (label, value) => `${label}, à ${value}`,
  },
  reproduction: {
    informative: ' [indicatif]',
    label: (p) => `${p.figure}${p.informative ? ' [indicatif]' : ''} : publié ${p.published}, reproduit ${p.reproduced ?? '—'} (± ${p.tolerance})`,
    above: 'au-delà de +4',
    below: 'en deçà de −4',
    inside: 'dans ±4',
    matches: 'concorde',
    outside: 'hors tolérance',
    notReproduced: 'non reproduit',
    axis: 'Écart au chiffre publié (en tolérances)',
    title: 'Publié et reproduit',
    subtitle: 'écart en unités de la tolérance de chaque chiffre ; bande = concordance',
    legendStatus: 'Reproduction',
    legendDeviation: 'Écart',
    tooltipFigure: 'chiffre',
    tooltipStatus: 'statut',
    description: (matched, rows, informative) =>
      `${matched} chiffres publiés sur ${rows} reproduits dans la tolérance${informative > 0 ? ` (${informative} indicatifs : tracés avec leur écart, jamais comptés comme reproduits)` : ''}. Chaque point vaut (reproduit − publié) ÷ tolérance ; ` +
      'la bande grisée de −1 à 1 signifie la concordance ; les triangles sont tronqués à ±4.',
  },
};
