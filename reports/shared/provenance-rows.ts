import type { Manifest } from '../../harness/results/index.js';
import { REST_REFERENCE } from '../../harness/metrics/index.js';
import { EN } from '../i18n/index.js';
import { formatCount } from './format-number.js';

const orNone = (v: string | number | null | undefined): string => (v === null || v === undefined || v === '' ? '—' : String(v));

/**
 * The manifest as (field, value) pairs in reading order, for the provenance table of every report:
 * enough to rerun the audit (command, seed, rng) and to verify its inputs (hashes), and for merged
 * results the files they add up.
 */
export function provenanceRows(m: Manifest): [string, string][] {
  return [
    ['Tool', `${m.tool} ${m.tool_version}`],
    ['Command', m.command],
    ['Mode', m.mode],
    ['Battery file', orNone(m.battery_file)],
    ['Battery hash', orNone(m.battery_hash)],
    ['Model', m.model ? `${m.model.name} (${m.model.kind}) — ${m.model.file}` : '—'],
    ['Model hash', orNone(m.model?.hash)],
    ['Model source', orNone(m.model?.source)],
    ...(m.model?.artifacts ? [['Model files hashed', m.model.artifacts.join('; ')] as [string, string]] : []),
    ...(m.verify
      ? [['Verified against', `${m.verify.expect} ("${m.verify.column}", ${formatCount(m.verify.rows)} rows of ${m.verify.data}): max error ${m.verify.max_error.toExponential(2)} at row ${m.verify.worst_row}, tolerance ${m.verify.tolerance.toExponential()}`] as [string, string]]
      : []),
    ['Population spec', m.population ? `${m.population.file} (${m.population.hash})` : '—'],
    ['Data file', m.data ? `${m.data.file} (${m.data.hash})` : '—'],
    ...(m.merged_from ? [['Merged from', m.merged_from.map((f) => `${f.file} (${formatCount(f.rows)} rows, ${f.hash})`).join('; ')] as [string, string]] : []),
    ['Decision rule', m.decision],
    ['Seed', orNone(m.seed)],
    ['RNG', orNone(m.rng)],
    ['Rows', formatCount(m.rows)],
    ['Protected attributes', m.protected.join(', ')],
    ['Reference groups', Object.entries(m.references).map(([a, r]) => `${a} = ${r.group === REST_REFERENCE ? `${r.group}, ${EN.restReference}` : r.group} (${r.origin})`).join('; ')],
    ['Alpha / correction / min cell', `${m.alpha} / ${m.correction} / ${m.min_cell}`],
    ['Privacy', m.privacy ? `counts below ${m.privacy.min_cell} suppressed (${m.privacy.origin})${m.mode === 'audit' ? '' : '; not applied: synthetic run'}` : 'none (all counts shown)'],
    ['Labels', m.labels],
    ['Started', m.started],
    ['Finished', m.finished],
    ['Platform', m.platform],
  ];
}
