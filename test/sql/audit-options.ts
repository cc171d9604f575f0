import type { AuditOptions } from '../../harness/pipeline/index.js';
import type { Results } from '../../harness/results/index.js';
import { fixedContext } from '../helpers.js';

/**
 * The audit options the decisions tests share (two protected attributes, a flag, Holm at 0.05, no cell
 * floor, no checks, the sweep on, a fixed context): `auditOptions(...)(file, extra)` gives a file's,
 * with `extra` (columns, expressions, roles) on top.
 */
export const auditOptions =
  (protectedAttributes: string[], flag: string, title: string) =>
  (file: string, extra: Partial<AuditOptions>): AuditOptions => ({
    file,
    protected: protectedAttributes,
    flag,
    references: new Map(),
    alpha: 0.05,
    correction: 'holm',
    minCell: 1,
    checks: [],
    title,
    battery: null,
    context: fixedContext,
    sweep: true,
    ...extra,
  });

/** The results without the manifest's description of the input (its file name and hash). */
export const withoutInput = (r: Results) => JSON.stringify({ ...r, manifest: { ...r.manifest, data: null } });
