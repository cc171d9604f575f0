import type { CheckResult, Results } from '../../harness/results/index.js';
import { describeCheck, formatMetric, formatMetricInterval, formatP, methodName, metricLabel, sentenceContext } from '../shared/index.js';
import { escapeXml } from './escape-xml.js';

/** How junit.xml reports an inconclusive check: as a failure (the default, like the exit code) or skipped. */
export type InconclusiveAs = 'fail' | 'pass';

const attr = (name: string, value: string | number): string => ` ${name}="${escapeXml(String(value))}"`;

function details(c: CheckResult): string {
  const lines = [
    `check: ${c.id}`,
    `group: ${c.attribute} = ${c.group}`,
    `reference: ${c.reference ?? '—'}`,
    `metric: ${metricLabel(c.metric)}`,
    `value: ${c.withheld ? 'withheld' : formatMetric(c.metric, c.value)}`,
    `interval: ${c.withheld ? 'withheld' : formatMetricInterval(c.metric, c.ci)} (${methodName(c.method)})`,
    `tolerance: ${formatMetricInterval(c.metric, c.bounds)} (${c.bounds_origin}; source: ${c.source ?? 'none cited'})`,
    `adjusted p: ${c.withheld ? 'withheld' : formatP(c.adjusted_p_value)} (${methodName(c.correction)})`,
  ];
  return lines.map(escapeXml).join('\n');
}

/**
 * junit.xml: one `<testsuite>` per report with one `<testcase>` per check (classname = metric,
 * name = "check id: attribute = group"). A failing check gets a `<failure type="fail">`. An
 * inconclusive check follows the battery's `inconclusive` setting, so CI dashboards agree with the
 * exit code: by default a `<failure type="inconclusive">`; with `inconclusive: pass` a `<skipped>`
 * whose message says why. A check at severity warn that does not pass is `<skipped>` too, its message
 * giving its verdict. Messages are the report's plain sentence (reference, direction, interval,
 * tolerance). Every string is XML-escaped (no CDATA). Deterministic: no wall-clock time is added.
 *
 * @example writeJunit(results, 'fail').startsWith('<?xml') // true
 */
export function writeJunit(results: Results, inconclusive: InconclusiveAs = 'fail'): string {
  const m = results.manifest;
  const ctx = sentenceContext(results);
  const k = ctx.privacyK;
  // A check at severity warn never fails the build: reported as skipped with its verdict.
  const warned = (c: CheckResult) => c.severity === 'warn' && c.verdict !== 'pass';
  const failures = results.checks.filter((c) => !warned(c) && (c.verdict === 'fail' || (c.verdict === 'inconclusive' && inconclusive === 'fail'))).length;
  const skipped = results.checks.filter((c) => warned(c) || (c.verdict === 'inconclusive' && inconclusive === 'pass')).length;
  const counts = `${attr('tests', results.checks.length)}${attr('failures', failures)}${attr('errors', 0)}${attr('skipped', skipped)}`;
  const properties = [
    ['tool', `${m.tool} ${m.tool_version}`],
    ['command', m.command],
    ['mode', m.mode],
    ['battery_hash', m.battery_hash ?? ''],
    ['model_hash', m.model?.hash ?? ''],
    ['seed', m.seed === null ? '' : String(m.seed)],
    ['rows', String(m.rows)],
    ['correction', m.correction],
    ['inconclusive', inconclusive],
    ...(k === null ? [] : [['privacy_min_cell', String(k)]]),
  ]
    .map(([name, value]) => `      <property${attr('name', name!)}${attr('value', value!)}/>`)
    .join('\n');
  const cases = results.checks
    .map((c) => {
      const open = `    <testcase${attr('classname', `disparate.${c.metric}`)}${attr('name', `${c.id}: ${c.attribute} = ${c.group}`)}`;
      const sentence = describeCheck(c, ctx);
      if (c.verdict === 'pass') return `${open}/>`;
      if (warned(c)) return `${open}>\n      <skipped${attr('message', `${c.verdict} (severity warn: reported, not failing the build): ${sentence}`)}/>\n    </testcase>`;
      if (c.verdict === 'inconclusive' && inconclusive === 'pass') {
        return `${open}>\n      <skipped${attr('message', `inconclusive (counted as pass by the battery): ${sentence}`)}/>\n    </testcase>`;
      }
      return `${open}>\n      <failure${attr('type', c.verdict)}${attr('message', sentence)}>${details(c)}</failure>\n    </testcase>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites${attr('name', m.tool)}${counts}>
  <testsuite${attr('name', m.title)}${counts}${attr('timestamp', m.started)}>
    <properties>
${properties}
    </properties>
${cases ? `${cases}\n` : ''}  </testsuite>
</testsuites>
`;
}
