import { auditDecisions, type AuditOptions } from '../pipeline/index.js';
import type { Results } from '../results/index.js';
import { provenance, type Provenance } from '../config/index.js';

/** {@link AuditOptions} with the recorded provenance optional (default `audit(<file>)`). */
export type AuditSettings = Omit<AuditOptions, 'context'> & { readonly provenance?: Provenance | undefined };

/**
 * Audits recorded decisions (CSV, TSV, JSON/JSONL, Parquet, gzipped or a glob; rows, counts or the cells of the aggregation query) in process with DuckDB: the rows stay in the engine: groups, metrics with
 * intervals and the battery's checks judged as one family. Throws a DisparateError on bad input.
 *
 * @example
 * import { audit } from 'disparate';
 * const results = await audit({ file: 'decisions.csv', protected: ['nationality'], flag: 'flagged', references: new Map(),
 *   alpha: 0.05, correction: 'bonferroni', minCell: 30, checks: [], title: 'Recorded decisions', battery: null });
 */
export async function audit(settings: AuditSettings): Promise<Results> {
  const { provenance: given, ...options } = settings;
  return auditDecisions({ ...options, context: given ?? provenance(`audit(${settings.file})`) });
}
