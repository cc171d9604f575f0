import type { Messages } from './en.js';
import { localNumber } from './locale-number.js';

const L = (text: string): string => localNumber('fr', text);
const plural = (n: number, one: string, many: string): string => (n <= 1 ? one : many);
const MODES: Record<string, string> = { run: 'simulation', audit: 'audit de données réelles', reproduce: 'reproduction', compare: 'comparaison', merge: 'fusion' };
// What each warning code means, for a French reader; the recorded message (English) stays in results.json.
const WARNINGS: Record<string, string> = {
  'undefined-metric': 'Indicateurs non définis pour certains groupes (dénominateur nul ou effectif de référence nul) : ils sont affichés comme « n.d. ».',
  'undefined-interval': 'Intervalles de confiance impossibles à calculer pour certains groupes (trop peu de lignes, ou effectif nul) : les contrôles concernés sont non concluants.',
  'suppressed-cells': 'Cellules d’intersection sous l’effectif minimal : écartées des contrôles, listées dans le tableau « Cellules non contrôlées ».',
  'small-cell': 'Petits effectifs : groupes sous l’effectif minimal, affichés mais signalés comme fragiles.',
  'no-checks': 'Aucun contrôle configuré : le rapport décrit, il ne juge pas.',
  'holm-as-bonferroni': 'La correction de Holm demandée est remplacée par celle de Bonferroni, qui contrôle les deux sens d’erreur.',
  'decision-flags-everyone': 'La règle de décision sélectionne tout le monde : les comparaisons de taux de sélection ne disent rien.',
  'decision-flags-no-one': 'La règle de décision ne sélectionne personne : les comparaisons de taux de sélection ne disent rien.',
  'merge-dropped': 'Fusion : des éléments d’une partie ont été laissés de côté.',
  'merge-ranked-decision': 'Fusion : une règle de décision par rang (les x % de scores les plus élevés) ne se recompose pas exactement à partir des parties.',
  'check-compared-nothing': 'Comparaison : un contrôle ne porte sur aucune ligne commune aux deux modèles.',
  'comparison-correction': 'Comparaison : correction pour comparaisons multiples appliquée aux variations.',
  'comparison-not-compared': 'Comparaison : certains contrôles n’ont pas d’intervalle apparié et ne sont pas comparés.',
  'proxy-model-not-converged': 'Variables de substitution : le modèle qui prédit l’attribut protégé n’a pas convergé ; sa mesure est indicative.',
  'selective-labels': 'Étiquettes sélectives : les résultats ne sont connus que pour les dossiers contrôlés.',
  'selective-labels-negative': 'Étiquettes sélectives : une estimation en population est négative et a été bornée.',
  'selective-labels-outside': 'Étiquettes sélectives : des dossiers sortent de l’échantillon aléatoire ou de la sélection du modèle.',
  'selective-labels-overlap': 'Étiquettes sélectives : des dossiers figurent à la fois dans l’échantillon aléatoire et dans la sélection du modèle.',
  'selective-labels-unlabelled': 'Étiquettes sélectives : des dossiers contrôlés n’ont pas de résultat.',
  'withheld-counts': 'Effectifs masqués par l’éditeur des données (case vide, « <k » ou marqueur déclaré) : les taux des groupes concernés sont inconnus, affichés « n.d. », et leurs contrôles sont non concluants.',
};

/** The French words of the report's tables, methods, provenance and reproduction. */
export const FR_TABLES: Messages['tables'] = {
  sentencesFold: (n) => `${n} ${plural(n, 'phrase', 'phrases')} : chaque contrôle non conforme ou non concluant, avec ses effectifs, son intervalle, sa tolérance et sa source`,
  tableFold: (caption, rows) => `${caption} (${rows} ${plural(rows, 'ligne', 'lignes')})`,
  figure: (n) => `Figure ${n}.`,
  groupsHeading: (attribute, investigated) => `Groupes : ${attribute}${investigated ? ' (parmi les dossiers contrôlés, pas des taux de la population)' : ''}`,
  comparisonChecks: 'Comparaison avec le modèle en service : contrôles',
  comparisonGroups: 'Comparaison avec le modèle en service : groupes',
  selectiveLabels: 'Étiquettes sélectives',
  counterfactual: 'Jumeaux contrefactuels',
  worstGroups: 'Groupes les plus défavorisés',
  cellsNotChecked: 'Cellules non contrôlées',
  manifest: 'Manifeste',
  field: 'Champ',
  value: 'Valeur',

  verdictCaption: 'Conclusion par contrôle',
  verdictHeader: (ci) => ['Contrôle', 'Groupe', 'Référence', 'Indicateur', 'Valeur', ci, 'Tolérance', 'p ajustée', 'Conclusion'],
  ciHeader: (level, joint) => (joint ? `IC à ${level}, tous contrôles confondus` : `IC à ${level}`),
  smallCell: 'petit effectif',
  warnOnly: 'avertissement seulement',
  toleranceCaption: 'Tolérances et leurs sources',
  toleranceHeader: ['Contrôle', 'Indicateur', 'Tolérance', 'Fixée par', 'Source'],
  setBy: (battery) => (battery ? 'la batterie' : 'défaut'),
  noneCited: 'aucune citée',

  groupCaption: (attribute, level, investigated, rest) =>
    investigated
      ? `Indicateurs par groupe pour ${attribute} parmi les dossiers contrôlés (contrôles aléatoires et dossiers sélectionnés ensemble), pas des taux de la population : les estimations en population sont dans le tableau des étiquettes sélectives (IC à ${level} entre parenthèses)`
      : `Indicateurs par groupe pour ${attribute} (IC à ${level} entre parenthèses)${rest !== null ? ` ; le ratio de chaque groupe est calculé par rapport à tous les autres (l’ensemble des ${rest} qui n’en font pas partie)` : ''}`,
  groupHeader: {
    group: 'Groupe', n: 'Effectif', investigated: 'Contrôlés', flagged: 'Sélectionnés', selectionRate: 'Taux de sélection', ratio: 'Ratio à la référence',
    shares: 'Part parmi les sélectionnés ÷ part dans l’ensemble', fpr: 'Taux de faux positifs', fnr: 'Taux de faux négatifs', precision: 'Précision', notes: 'Remarques',
  },
  amongInvestigated: (label) => `${label} parmi les contrôlés`,
  ciNa: 'IC n.d.',
  reference: 'référence',
  referenceOne: '1 (référence)',
  smallCellNote: (minCell) => `petit effectif (n < ${minCell})`,
  privacyNote: 'effectifs sous le seuil du secret statistique masqués',
  overallNote: 'tous les groupes réunis',

  noCi: 'sans IC',
  census: 'exact : chaque dossier sélectionné a été contrôlé',
  selectiveCaption: (s) =>
    `Étiquettes sélectives, estimations en population : contrôles aléatoires (${s.source}, n = ${s.randomN}) et dossiers sélectionnés (n = ${s.modelN}), population ${s.population} ; ${s.method} ; intervalles : ${s.intervals}`,
  selectiveHeader: ['Groupe', 'Aléatoire : dossiers / erreurs', 'Sélectionnés : dossiers / erreurs', 'Part aléatoire → sélectionnés', 'Parité statistique', 'Taux de sélection en population', 'Taux de base', 'Précision', 'Taux de faux positifs en population', 'Taux de faux négatifs en population', 'Égalité de la charge', 'Test de l’organisme'],
  referenceSuffix: ' (référence)',
  agencyTest: (step1, reason1, step2, reason2) => `étape 1 ${step1}${reason1 ? ` (${reason1})` : ''} ; étape 2 ${step2}${reason2 ? ` (${reason2})` : ''}`,
  agencyStep: (result) => ({ pass: 'conforme', fail: 'non conforme' } as Record<string, string>)[result] ?? result,
  counterfactualCaption: (level) => `Jumeaux contrefactuels : chaque ligne comparée à elle-même sous do(attribut = cible) ; intervalles à ${level}`,
  counterfactualHeader: ['Intervention', 'Effet', 'Paires', 'Sélectionné → non / non → sélectionné', 'Taux de bascule', 'Variation du taux de sélection', 'Déplacement moyen du score', 'p de McNemar'],
  effect: (direct) => (direct ? 'direct (seul l’attribut change)' : 'total (ses conséquences aussi)'),
  to: 'à',
  worstCaption: 'Groupe le plus défavorisé par attribut (comparaisons de sélection et de faux positifs ; chaque indicateur figure dans results.json)',
  worstHeader: ['Attribut', 'Indicateur', 'Groupe le plus défavorisé', 'Référence', 'Valeur', 'Intervalle'],
  suppressedCaption: 'Cellules d’intersection vides ou sous l’effectif minimal : non contrôlées, listées ici avec leur effectif',
  suppressedHeader: ['Attribut', 'Groupe', 'Effectif', 'Motif'],
  suppressedReason: (empty, minCell) => (empty ? 'vide' : `sous l’effectif minimal de ${minCell}`),

  comparisonVerdict: { worse: 'dégradé', better: 'amélioré', 'no established change': 'pas de changement établi', 'not compared': 'non comparé' },
  comparisonChecksCaption: (c) =>
    (`Modèle candidat ${c.candidate} face au modèle en service ${c.deployed} : ${c.verdict} (${c.worse} ${plural(c.worse, 'dégradé', 'dégradés')}, ${c.better} ${plural(c.better, 'amélioré', 'améliorés')}, ${c.noChange} sans changement établi` +
      `${c.notCompared ? `, ${c.notCompared} non ${plural(c.notCompared, 'comparé', 'comparés')}` : ''}) ; variations à ${c.level} (${c.method}, ${c.rows} lignes, deux intervalles chacune)`),
  comparisonChecksHeader: ['Contrôle', 'Groupe', 'En service', 'Candidat', 'Variation (candidat − en service)', 'Conclusion', 'p ajustée'],
  versus: 'contre',
  comparisonGroupsCaption: (c) =>
    (`Taux de sélection par groupe, modèle en service ${c.deployed} → candidat ${c.candidate}, mêmes demandeurs ; intervalles appariés à ${c.level} (Tango), p exacte de McNemar (non ajustée)`),
  comparisonGroupsHeader: ['Groupe', 'Demandeurs', 'Sélectionnés : en service → candidat', 'Sélectionnés par le candidat seul / par le modèle en service seul', 'Taux de sélection : en service → candidat', 'Variation', 'p de McNemar'],

  within: (tol) => `dans ±${tol}`,
  outside: (tol) => `hors de ±${tol}`,
  exact: ' (exact : doit concorder à l’arrondi près)',
  notReproduced: 'non reproduit',
  nothingReproduced: 'Reproduits : aucun ; chaque chiffre publié a servi à construire ou à calibrer le jeu',
  buildChecks: (within, total) =>
    within === total ? `vérifications de construction : ${within} ${plural(within, 'entrée relue', 'entrées relues')} sur ${total}` : `vérifications de construction en échec : seulement ${within} ${plural(within, 'entrée relue', 'entrées relues')} sur ${total} ; le jeu lui-même est défectueux`,
  noPublished: 'Aucun chiffre publié à comparer (voir le README du jeu)',
  reproduced: (within, outputs, informative) =>
    `Reproduits : ${within} ${plural(within, 'chiffre publié', 'chiffres publiés')} sur ${outputs}${informative === 0 ? '' : ` (${informative} ${plural(informative, 'indicatif', 'indicatifs')} : ${plural(informative, 'affiché', 'affichés')} avec leur écart, sans qu’on attende de concordance)`}`,
  brokenBuild: (inputs) =>
    `Construction défectueuse : le jeu ne relit pas ${inputs.length === 1 ? 'l’entrée' : 'les entrées'} à partir ${inputs.length === 1 ? 'de laquelle' : 'desquelles'} il a été construit (${inputs.join(', ')}) ; un défaut du jeu, pas un échec de reproduction`,
  figureClass: (c) => ({ reproduced: 'reproduit', informative: 'indicatif', input: 'entrée' })[c],
  reproductionHeader: ['Chiffre', 'Classe', 'Publié', 'Reproduit', 'Écart', 'Tolérance', 'Concordance', 'Source'],
  match: { yes: 'oui', no: 'non', within: 'dans la tolérance, non bloquant', outside: 'hors tolérance, non bloquant', readBack: 'relu', broken: 'non : la construction est défectueuse' },
  publishedCaption: (pack, line) => `Publié et reproduit (${pack}) : ${line}`,
  buildCaption: (c) =>
    `${c.lead}Vérifications de construction (${c.pack}) : ${c.within} ${plural(c.within, 'entrée relue', 'entrées relues')} sur ${c.total}${c.broken ? ' ; le jeu lui-même est défectueux' : ''}. Ce sont des valeurs à partir desquelles le jeu a été construit ou calibré : une vérification de la construction, pas une reproduction`,

  provenance: {
    tool: 'Outil', command: 'Commande', mode: 'Mode', batteryFile: 'Fichier de la batterie', batteryHash: 'Empreinte de la batterie', model: 'Modèle', modelHash: 'Empreinte du modèle',
    modelSource: 'Source du modèle', modelFiles: 'Fichiers du modèle couverts par l’empreinte', modelEngine: 'Moteur du modèle', verified: 'Vérifié contre', population: 'Spécification de la population', data: 'Fichier de données',
    merged: 'Fusion de', decision: 'Règle de décision', seed: 'Graine', rng: 'Générateur aléatoire', rows: 'Lignes', protected: 'Attributs protégés',
    references: 'Groupes de référence', alphaCorrection: 'Alpha / correction / effectif minimal', privacy: 'Secret statistique', labels: 'Étiquettes', started: 'Début',
    finished: 'Fin', platform: 'Plateforme',
  },
  mode: (mode) => MODES[mode] ?? mode,
  verifiedValue: (v) => `${v.expect} (« ${v.column} », ${v.rows} lignes de ${v.data}) : erreur maximale ${v.error} à la ligne ${v.row}, tolérance ${v.tolerance}`,
  engineValue: (e) => ('reference' in e ? `${e.name === 'compiled tree ensemble' ? 'ensemble d’arbres compilé par disparate' : e.name}, vérifié contre ${e.reference} sur les ${e.rows} premières lignes : écart maximal ${e.difference}, tolérance ${e.tolerance}` : e.name),
  mergedValue: (file, rows, hash) => `${file} (${rows} lignes, ${hash})`,
  privacyValue: (p) =>
    p === null ? 'aucun (tous les effectifs affichés)' : `effectifs inférieurs à ${p.minCell} masqués (${p.origin})${p.audit ? '' : ' ; non appliqué : simulation'}`,

  methods: {
    privacy: (k) =>
      `Secret statistique : les effectifs inférieurs à ${k} sont affichés « <${k} », et tout taux, ratio, écart, intervalle ou valeur p calculé sur un tel effectif ` +
      '(ou sur un complément inférieur) est masqué ; les conclusions restent affichées. Il n’y a pas de secret secondaire entre tableaux : une cellule d’intersection ' +
      'masquée peut parfois se déduire d’une marge. Le fichier results.json joint à ce rapport conserve tous les chiffres pour la fusion et les contrôles automatiques : ne le publiez pas.',
    intervals: (level, alpha, clauses) =>
      `Intervalles de confiance (${level}, alpha = ${L(String(alpha))}) : ${clauses
        .map((c) => `${{ rate: 'les taux utilisent', ratio: 'les ratios', difference: 'les écarts', other: 'les autres statistiques' }[c.kind]} ${c.methods ?? 'aucun déclaré'}`)
        .join(' ; ')}.`,
    rule:
      'Conclusions : un contrôle est non conforme seulement si son intervalle de confiance se situe entièrement hors de la tolérance, conforme seulement s’il se situe entièrement à l’intérieur, et non concluant sinon ; ' +
      'une phrase ne dit qu’un groupe est plus (ou moins) souvent sélectionné que si l’intervalle se situe entièrement d’un côté de la parité (ratio 1, écart 0).',
    holm: ' (La batterie demandait la correction de Holm ; un contrôle peut se tromper dans deux sens, une fausse non-conformité ou une fausse conformité, que la procédure descendante de Holm ne peut contrôler ensemble : la correction de Bonferroni est donc appliquée.)',
    familyWise: (e) =>
      `Les ${e.checks} intervalles des contrôles sont calculés à ${e.level} au lieu de ${e.nominal} (Bonferroni : alpha ${e.alpha} divisé par ${e.checks}), afin qu’ils tiennent tous ensemble avec une probabilité d’au moins ${e.nominal}. La probabilité qu’une seule des conclusions ou des directions énoncées dans ce rapport soit fausse est donc au plus de ${e.percent}.${e.holm}`,
    falseDiscovery: (level, percent) =>
      `Les intervalles sont calculés à ${level} (Benjamini–Hochberg, avec des intervalles à taux de non-couverture contrôlé, Benjamini & Yekutieli 2005) : parmi les conclusions énoncées, la part attendue de conclusions fausses est au plus de ${percent} ; la probabilité qu’au moins une soit fausse n’est pas contrôlée.`,
    uncorrected: (level, percent, checks) =>
      `L’intervalle de chaque contrôle est calculé à ${level} isolément (sans correction) : chaque affirmation prise seule est fausse avec une probabilité d’au plus ${percent}, mais sur ${checks} contrôles la probabilité qu’une affirmation soit fausse est plus grande.`,
    pValues: 'Les valeurs p testent l’affirmation faite (pour une non-conformité, que l’écart reste dans la tolérance ; pour une conformité, qu’il en sort) et se lisent sur les mêmes intervalles : elles ne contredisent jamais une conclusion.',
    counterfactual: (flip, change, shift) => `Jumeaux contrefactuels : les taux de bascule utilisent ${flip} ; la variation du taux de sélection, ${change} ; le déplacement moyen du score, ${shift}.`,
    outcome: (decision) =>
      `Convention : l’issue défavorable est d’être sélectionné pour un contrôle (règle de décision, telle qu’enregistrée : ${decision}). ` +
      'Un ratio de 2,00 signifie que le groupe est sélectionné deux fois plus souvent que son groupe de référence ; les écarts sont le taux du groupe moins celui de la référence, en points de pourcentage (pt).',
    smallCells: (minCell, unit) => `Petits effectifs : les groupes de moins de ${minCell} ${unit} sont présentés mais signalés comme fragiles.`,
    labels: (labels) => `Vérité de terrain (pour les taux d’erreur et la précision), telle qu’enregistrée : ${labels}.`,
  },

  groupWarnings: true,
  warning: (code, count) =>
    `${WARNINGS[code] ?? `Avertissement technique (code ${code}).`} ${count > 1 ? `${count} occurrences.` : 'Une occurrence.'}`,
  warningsOriginal: 'Messages d’origine (en anglais, tels qu’enregistrés dans results.json)',
  plural,
};
