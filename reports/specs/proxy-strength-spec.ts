import type { TopLevelSpec } from 'vega-lite';
import type { ProxyStrength } from '../../harness/results/index.js';
import { OKABE_ITO, fixed } from '../shared/index.js';

import { EN, type Messages } from '../i18n/index.js';
import { chartLocale } from './chart-locale.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Proxy strength: how well each model input predicts each protected attribute (an association
 * measure in [0, 1] such as Cramér's V), strongest first, with intervals where given. An input that
 * is not the attribute but predicts it strongly lets a model discriminate without seeing the attribute.
 *
 * @example proxyStrengthSpec(results.proxies ?? [])
 */
export function proxyStrengthSpec(proxies: readonly ProxyStrength[], T: Messages = EN): TopLevelSpec {
  const P = T.charts.proxy;
  const statName = P.statistic;
  if (proxies.length === 0) throw new Error('proxyStrengthSpec: no proxies');
  const statistics = [...new Set(proxies.map((p) => p.statistic))];
  const attributes = [...new Set(proxies.map((p) => p.attribute))];
  const rowsOf = (list: readonly ProxyStrength[]) =>
    list
      .map((p) => ({
        // One-vs-rest statistics name the level predicted: several rows per input and attribute.
        label: `${p.input} → ${p.attribute}${p.group ? ` = ${p.group}` : ''}${statistics.length > 1 ? ` (${statName(p.statistic)})` : ''}`,
        value: p.value,
        lo: p.ci?.[0] ?? null,
        hi: p.ci?.[1] ?? null,
        value_text: T.num(p.value === null ? 'n/a' : fixed(p.value, 2)),
      }))
      .sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
  // AUC has no association at 0.5, Cramér's V and the others at 0: each gets its own axis.
  const scales = (['association', 'auc'] as const)
    .map((scale) => ({ scale, rows: rowsOf(proxies.filter((p) => (p.statistic === 'auc') === (scale === 'auc'))) }))
    .filter((g) => g.rows.length > 0);
  const panel = (scale: 'association' | 'auc', rows: ReturnType<typeof rowsOf>) => {
    const only = [...new Set(proxies.filter((p) => (p.statistic === 'auc') === (scale === 'auc')).map((p) => p.statistic))];
    const x = {
      type: 'quantitative',
      scale: { domain: scale === 'auc' ? [0.5, 1] : [0, 1] },
      title: T.num(scale === 'auc' ? P.aucAxis : P.associationAxis(only.length === 1 ? statName(only[0]!) : null)),
    } as const;
    const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 360 } } as const;
    const floor = scale === 'auc' ? '0.5' : '0';
    return {
      width: 380,
      height: { step: 22 },
      data: { values: rows },
      layer: [
        {
          transform: [{ filter: 'isValid(datum.value)' }],
          mark: { type: 'bar' as const, color: OKABE_ITO.blue },
          encoding: { x: { ...x, field: 'value' }, y, tooltip: [{ field: 'label', title: P.tooltipPair }, { field: 'value_text', title: scale === 'auc' ? 'AUC' : P.tooltipAssociation }] },
        },
        {
          transform: [{ filter: 'isValid(datum.lo) && isValid(datum.hi)' }],
          mark: { type: 'rule' as const, color: OKABE_ITO.black, strokeWidth: 1.5 },
          encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, y },
        },
        {
          transform: [{ filter: '!isValid(datum.value)' }, { calculate: floor, as: 'zero' }],
          mark: { type: 'text' as const, align: 'left' as const, dx: 4, color: OKABE_ITO.black },
          encoding: { x: { ...x, field: 'zero' }, y, text: { value: T.num('not estimable') } },
        },
      ],
    };
  };
  const top = scales.flatMap((g) => g.rows).filter((r) => r.value !== null)[0];
  const head = {
    $schema: SCHEMA,
    title: { text: P.title(attributes.length === 1 ? attributes[0]! : null), subtitle: P.subtitle },
    ...chartLocale(T),
    description: P.description(scales.reduce((n, g) => n + g.rows.length, 0), scales.length > 1, top && top.value !== null ? P.at(top.label, top.value_text) : null),
  };
  if (scales.length === 1) return { ...head, ...panel(scales[0]!.scale, scales[0]!.rows) } as TopLevelSpec;
  return { ...head, vconcat: scales.map((g) => panel(g.scale, g.rows)), resolve: { scale: { x: 'independent' } } } as TopLevelSpec;
}
