import type { GroupResult } from '../../harness/results/index.js';
import { EN, type Messages } from '../i18n/index.js';
import { OKABE_ITO } from '../shared/index.js';

const CYCLE = [
  OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.orange,
  OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.grey, OKABE_ITO.yellow,
] as const;
const DASHES: number[][] = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 4], [3, 6]];

/**
 * Stable colour and dash per group of one attribute for line charts: the reference group in solid
 * black, the others in Okabe–Ito order, each with its own dash pattern so lines differ without colour.
 * `label` is the legend text (group name, "(reference)" appended).
 */
export function groupStyles(groups: readonly GroupResult[], T: Messages = EN): { labels: string[]; colours: string[]; dashes: number[][] } {
  const ordered = [...groups.filter((g) => g.is_reference), ...groups.filter((g) => !g.is_reference)];
  return {
    labels: ordered.map((g) => groupLabel(g, T)),
    colours: ordered.map((g, i) => (g.is_reference ? OKABE_ITO.black : CYCLE[(i - (ordered[0]?.is_reference ? 1 : 0)) % CYCLE.length]!)),
    dashes: ordered.map((g, i) => (g.is_reference ? [1, 0] : DASHES[(i + 1) % DASHES.length]!)),
  };
}

/**
 * A group's legend label: its value, with "(reference)" for the reference group. A label that is
 * also the name of a property every JavaScript object has ("toString", "valueOf", "constructor")
 * gets an invisible word joiner (U+2060): Vega keys a merged colour-and-dash legend by label in a
 * plain object, and such a label would find the inherited property there and break the chart.
 */
export function groupLabel(g: GroupResult, T: Messages = EN): string {
  const label = g.is_reference ? `${g.group}${T.charts.referenceSuffix}` : g.group;
  return label in Object.prototype ? `${label}\u2060` : label;
}
