import type { GroupResult, MetricValue, Results } from '../../harness/results/index.js';
import { displayNames } from './display-names.js';
import { formatLevel } from './format-number.js';
import { countText, flaggedText } from './privacy.js';
import { formatMetric, formatMetricInterval } from './metric-kind.js';
import type { Table } from './table.js';
import { unitNoun } from './unit-noun.js';
import { EN } from '../i18n/index.js';
import { REST_REFERENCE } from '../../harness/metrics/index.js';

const LABELLED = [
  ['false_positive_rate', 'FPR'],
  ['false_negative_rate', 'FNR'],
  ['precision', 'Precision'],
] as const;

function withCi(metric: string, m: MetricValue | undefined): string {
  if (m === undefined) return '—';
  if (m.withheld) return 'withheld';
  return m.ci === null
    ? `${formatMetric(metric, m.value)} (CI n/a)`
    : `${formatMetric(metric, m.value)} (${formatMetricInterval(metric, m.ci)})`;
}

function note(g: GroupResult, minCell: number): string {
  const notes = [
    g.is_reference ? 'reference' : '',
    g.small_cell ? `small cell (n < ${minCell})` : '',
    g.suppressed ? 'counts below the privacy threshold withheld' : '',
  ];
  return notes.filter(Boolean).join('; ');
}

/**
 * Group metrics of one attribute: n, flagged, selection rate, selection-rate ratio (each with CI),
 * FPR, FNR and precision when any group has labels, and a note for the reference and small cells.
 * In a selective-labels audit the groups hold only investigated cases (random audits and flagged
 * cases together), so caption and headers say "among investigated cases": those are not population
 * rates (the population estimates are in the selective-labels table).
 */
export function buildGroupTable(results: Results, attribute: string): Table {
  const groups = results.groups.filter((g) => g.attribute === attribute);
  const labelled = groups.some((g) => g.labelled > 0 && g.tp !== null);
  const level = formatLevel(groups[0]?.metrics['selection_rate']?.level ?? 1 - results.manifest.alpha);
  const minCell = results.manifest.min_cell;
  const investigated = results.selective_labels?.groups_scope === 'investigated_cases';
  const among = (label: string) => (investigated ? `${label} among investigated` : label);
  const names = displayNames(results);
  const shares = groups.some((g) => g.metrics['flagged_share_ratio'] !== undefined);
  const shown = names.attributeInText(attribute);
  const rest = groups.some((g) => g.metrics['selection_rate_ratio']?.reference === REST_REFERENCE);
  return {
    caption: investigated
      ? `Group metrics for ${shown} among investigated cases (random audits and flagged cases together), not population rates: the population estimates are in the selective-labels table (${level} CI in brackets)`
      : `Group metrics for ${shown} (${level} CI in brackets)${rest ? `; each group's ratio is to ${EN.restReference} (all ${unitNoun(results.manifest)} not in the group)` : ''}`,
    header: [
      'Group',
      investigated ? 'Investigated' : 'n',
      'Flagged',
      among('Selection rate'),
      'Ratio to reference',
      ...(shares ? [among('Share of the flagged ÷ share of all')] : []),
      ...(labelled ? LABELLED.map(([id, label]) => (id === 'precision' ? label : among(label))) : []),
      'Notes',
    ],
    numeric: [1, 2, 3, 4, ...(shares ? [5] : []), ...(labelled ? [5, 6, 7].map((i) => i + (shares ? 1 : 0)) : [])],
    rows: [...groups.map((g) => ({
      small: g.small_cell,
      reference: g.is_reference,
      cells: [
        names.group(attribute, g.group),
        countText(results, g.n),
        flaggedText(results, g),
        withCi('selection_rate', g.metrics['selection_rate']),
        g.is_reference ? '1 (reference)' : withCi('selection_rate_ratio', g.metrics['selection_rate_ratio']),
        ...(shares ? [withCi('flagged_share_ratio', g.metrics['flagged_share_ratio'])] : []),
        ...(labelled ? LABELLED.map(([id]) => withCi(id, g.metrics[id])) : []),
        note(g, minCell),
      ],
    })),
    // the whole population, so that every group reads against it (the same row in every attribute's table)
    ...(results.overall
      ? [{
          small: false,
          reference: false,
          overall: true,
          cells: [
            EN.overallRow(unitNoun(results.manifest)),
            countText(results, results.overall.n),
            countText(results, results.overall.flagged),
            withCi('selection_rate', results.overall.metrics['selection_rate']),
            '—',
            ...(shares ? ['—'] : []),
            ...(labelled ? LABELLED.map(([id]) => withCi(id, results.overall!.metrics[id])) : []),
            'every group together',
          ],
        }]
      : [])],
  };
}
