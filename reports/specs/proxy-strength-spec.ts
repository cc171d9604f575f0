import type { TopLevelSpec } from 'vega-lite';
import type { ProxyStrength } from '../../harness/results/index.js';
import { OKABE_ITO, fixed } from '../shared/index.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const NAMES: Record<string, string> = { cramers_v: 'Cramér\'s V', correlation_ratio: 'correlation ratio η', theil_u: 'Theil\'s U', auc: 'AUC, 0.5 = none' };
const statName = (s: string): string => NAMES[s] ?? s.replace(/_/g, ' ');

/**
 * Proxy strength: how well each model input predicts each protected attribute (an association
 * measure in [0, 1] such as Cramér's V), strongest first, with intervals where given. An input that
 * is not the attribute but predicts it strongly lets a model discriminate without seeing the attribute.
 *
 * @example proxyStrengthSpec(results.proxies ?? [])
 */
export function proxyStrengthSpec(proxies: readonly ProxyStrength[]): TopLevelSpec {
  if (proxies.length === 0) throw new Error('proxyStrengthSpec: no proxies');
  const statistics = [...new Set(proxies.map((p) => p.statistic))];
  const attributes = [...new Set(proxies.map((p) => p.attribute))];
  const rows = proxies
    .map((p) => ({
      // One-vs-rest statistics name the level predicted: several rows per input and attribute.
      label: `${p.input} → ${p.attribute}${p.group ? ` = ${p.group}` : ''}${statistics.length > 1 ? ` (${statName(p.statistic)})` : ''}`,
      value: p.value,
      lo: p.ci?.[0] ?? null,
      hi: p.ci?.[1] ?? null,
      value_text: p.value === null ? 'n/a' : fixed(p.value, 2),
    }))
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
  const domain = [0, 1];
  const x = { type: 'quantitative', scale: { domain }, title: statistics.length === 1 ? `Association (${statName(statistics[0]!)}; 0 = none, 1 = perfect)` : 'Association (0 = none, 1 = perfect)' } as const;
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 360 } } as const;
  const top = rows[0];
  return {
    $schema: SCHEMA,
    title: {
      text: attributes.length === 1 ? `Proxies for ${attributes[0]}` : 'Proxy strength',
      subtitle: 'how well each model input, and all of them together, predict the protected attribute',
    },
    description:
      `Bars of the association between ${rows.length} model input–protected attribute pairs, strongest first. ` +
      (top && top.value !== null ? `Strongest: ${top.label} at ${top.value_text}.` : ''),
    width: 380,
    height: { step: 22 },
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: 'isValid(datum.value)' }],
        mark: { type: 'bar', color: OKABE_ITO.blue },
        encoding: { x: { ...x, field: 'value' }, y, tooltip: [{ field: 'label', title: 'input → attribute' }, { field: 'value_text', title: 'association' }] },
      },
      {
        transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
        mark: { type: 'rule', color: OKABE_ITO.black, strokeWidth: 1.5 },
        encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, y },
      },
      {
        transform: [{ filter: '!isValid(datum.value)' }, { calculate: '0', as: 'zero' }],
        mark: { type: 'text', align: 'left', dx: 4, color: OKABE_ITO.black },
        encoding: { x: { ...x, field: 'zero' }, y, text: { value: 'not estimable' } },
      },
    ],
  };
}
