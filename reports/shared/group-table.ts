import type { GroupResult, MetricValue, Results } from '../../harness/results/index.js';
import { messagesFor, type Lang, type Messages } from '../i18n/index.js';
import { displayNames } from './display-names.js';
import { formatLevel } from './format-number.js';
import { localTable } from './local-table.js';
import { countText, flaggedText } from './privacy.js';
import { formatMetric, formatMetricInterval } from './metric-kind.js';
import type { Table } from './table.js';
import { unitNoun } from './unit-noun.js';
import { REST_REFERENCE } from '../../harness/metrics/index.js';

const LABELLED = ['false_positive_rate', 'false_negative_rate', 'precision'] as const;

function withCi(T: Messages, metric: string, m: MetricValue | undefined): string {
  if (m === undefined) return '—';
  if (m.withheld) return T.detail.withheld;
  return m.ci === null
    ? `${formatMetric(metric, m.value)} (${T.tables.ciNa})`
    : `${formatMetric(metric, m.value)} (${formatMetricInterval(metric, m.ci)})`;
}

function note(T: Messages, g: GroupResult, minCell: number): string {
  const notes = [
    g.is_reference ? T.tables.reference : '',
    g.small_cell ? T.tables.smallCellNote(minCell) : '',
    g.suppressed ? T.tables.privacyNote : '',
  ];
  return notes.filter(Boolean).join(T.detail.semicolon);
}

/**
 * Group metrics of one attribute: n, flagged, selection rate, selection-rate ratio (each with CI),
 * FPR, FNR and precision when any group has labels, and a note for the reference and small cells,
 * in the words and number format of `lang`.
 * In a selective-labels audit the groups hold only investigated cases (random audits and flagged
 * cases together), so caption and headers say "among investigated cases": those are not population
 * rates (the population estimates are in the selective-labels table).
 */
export function buildGroupTable(results: Results, attribute: string, lang: Lang = 'en'): Table {
  const T = messagesFor(lang);
  const W = T.tables;
  const H = W.groupHeader;
  const groups = results.groups.filter((g) => g.attribute === attribute);
  const labelled = groups.some((g) => g.labelled > 0 && g.tp !== null);
  const level = formatLevel(groups[0]?.metrics['selection_rate']?.level ?? 1 - results.manifest.alpha);
  const minCell = results.manifest.min_cell;
  const investigated = results.selective_labels?.groups_scope === 'investigated_cases';
  const among = (label: string) => (investigated ? W.amongInvestigated(label) : label);
  const names = displayNames(results, lang);
  const shares = groups.some((g) => g.metrics['flagged_share_ratio'] !== undefined);
  const labels = { false_positive_rate: H.fpr, false_negative_rate: H.fnr, precision: H.precision };
  const unit = T.unit(unitNoun(results.manifest));
  // against everyone else each group has its own reference: the caption says so
  const rest = groups.some((g) => g.metrics['selection_rate_ratio']?.reference === REST_REFERENCE);
  return localTable(T, {
    caption: W.groupCaption(names.attributeInText(attribute), level, investigated, rest ? unit : null),
    header: [
      H.group,
      investigated ? H.investigated : H.n,
      H.flagged,
      among(H.selectionRate),
      H.ratio,
      ...(shares ? [among(H.shares)] : []),
      ...(labelled ? LABELLED.map((id) => (id === 'precision' ? labels[id] : among(labels[id]))) : []),
      H.notes,
    ],
    numeric: [1, 2, 3, 4, ...(shares ? [5] : []), ...(labelled ? [5, 6, 7].map((i) => i + (shares ? 1 : 0)) : [])],
    rows: [...groups.map((g) => ({
      small: g.small_cell,
      reference: g.is_reference,
      cells: [
        names.group(attribute, g.group),
        countText(results, g.n),
        flaggedText(results, g, lang),
        withCi(T, 'selection_rate', g.metrics['selection_rate']),
        g.is_reference ? W.referenceOne : withCi(T, 'selection_rate_ratio', g.metrics['selection_rate_ratio']),
        ...(shares ? [withCi(T, 'flagged_share_ratio', g.metrics['flagged_share_ratio'])] : []),
        ...(labelled ? LABELLED.map((id) => withCi(T, id, g.metrics[id])) : []),
        note(T, g, minCell),
      ],
    })),
    // the whole population, so that every group reads against it (the same row in every attribute's table)
    ...(results.overall
      ? [{
          small: false,
          reference: false,
          overall: true,
          cells: [
            T.overallRow(unit),
            countText(results, results.overall.n),
            countText(results, results.overall.flagged),
            withCi(T, 'selection_rate', results.overall.metrics['selection_rate']),
            '—',
            ...(shares ? ['—'] : []),
            ...(labelled ? LABELLED.map((id) => withCi(T, id, results.overall!.metrics[id])) : []),
            W.overallNote,
          ],
        }]
      : [])],
  });
}
