import type { Manifest } from '../../harness/results/index.js';
import { REST_REFERENCE } from '../../harness/metrics/index.js';
import { messagesFor, type Lang } from '../i18n/index.js';
import { formatCount } from './format-number.js';

const orNone = (v: string | number | null | undefined): string => (v === null || v === undefined || v === '' ? '—' : String(v));

/** An ONNX model's engine record as the words of the provenance table take it. */
function engineWords(e: NonNullable<NonNullable<Manifest['model']>['engine']>, count: (n: number) => string) {
  return e.check ? { name: e.name, reference: e.check.reference, rows: count(e.check.rows), difference: e.check.max_difference.toExponential(1), tolerance: e.check.tolerance.toExponential() } : { name: e.name };
}

/**
 * The manifest as (field, value) pairs in reading order, for the provenance table of every report:
 * enough to rerun the audit (command, seed, rng) and to verify its inputs (hashes), and for merged
 * results the files they add up. Field names are in the words of `lang`; values are the manifest's
 * records as written (hashes, paths, dates, the decision rule), counts in the language's format.
 */
export function provenanceRows(m: Manifest, lang: Lang = 'en'): [string, string][] {
  const T = messagesFor(lang);
  const F = T.tables.provenance;
  const W = T.tables;
  const count = (n: number): string => T.num(formatCount(n));
  return [
    [F.tool, `${m.tool} ${m.tool_version}`],
    [F.command, m.command],
    [F.mode, W.mode(m.mode)],
    [F.batteryFile, orNone(m.battery_file)],
    [F.batteryHash, orNone(m.battery_hash)],
    [F.model, m.model ? `${m.model.name} (${m.model.kind}) — ${m.model.file}` : '—'],
    [F.modelHash, orNone(m.model?.hash)],
    [F.modelSource, orNone(m.model?.source)],
    ...(m.model?.artifacts ? [[F.modelFiles, m.model.artifacts.join('; ')] as [string, string]] : []),
    ...(m.model?.engine ? [[F.modelEngine, W.engineValue(engineWords(m.model.engine, count))] as [string, string]] : []),
    ...(m.verify
      ? [[F.verified, W.verifiedValue({
          expect: m.verify.expect, column: m.verify.column, rows: count(m.verify.rows), data: m.verify.data,
          error: m.verify.max_error.toExponential(2), row: m.verify.worst_row, tolerance: m.verify.tolerance.toExponential(),
        })] as [string, string]]
      : []),
    [F.population, m.population ? `${m.population.file} (${m.population.hash})` : '—'],
    [F.data, m.data ? `${m.data.file} (${m.data.hash})` : '—'],
    ...(m.merged_from ? [[F.merged, m.merged_from.map((f) => W.mergedValue(f.file, count(f.rows), f.hash)).join('; ')] as [string, string]] : []),
    [F.decision, m.decision],
    [F.seed, orNone(m.seed)],
    [F.rng, orNone(m.rng)],
    [F.rows, count(m.rows)],
    [F.protected, m.protected.join(', ')],
    // everyone else is recorded as "(rest)": the code as written, then what it means
    [F.references, Object.entries(m.references).map(([a, r]) => `${a} = ${r.group === REST_REFERENCE ? `${r.group}, ${T.restReference}` : r.group} (${T.detail.origin(r.origin)})`).join('; ')],
    [F.alphaCorrection, `${T.num(String(m.alpha))} / ${T.detail.correction(m.correction)} / ${m.min_cell}`],
    [F.privacy, W.privacyValue(m.privacy ? { minCell: m.privacy.min_cell, origin: T.detail.origin(m.privacy.origin), audit: m.mode === 'audit' } : null)],
    [F.labels, m.labels],
    [F.started, m.started],
    [F.finished, m.finished],
    [F.platform, m.platform],
  ];
}
