import type { Check } from '../config/index.js';
import type { Manifest } from '../results/index.js';
import type { IntersectionSetting } from './compute-findings.js';

/**
 * What a run or an audit declared, recorded in the manifest so that `merge` re-evaluates the same
 * battery on the merged groups instead of guessing it from the check rows: the checks as declared,
 * the intersections setting and the exit status of inconclusive checks.
 *
 * @example declaredManifest(battery.checks, 'full', 'fail') // { checks: [...], intersections: 'full', inconclusive: 'fail' }
 */
export function declaredManifest(checks: readonly Check[], intersections: IntersectionSetting | undefined, inconclusive: 'pass' | 'fail'): Pick<Manifest, 'checks' | 'intersections' | 'inconclusive'> {
  return {
    checks: checks.map((c) => ({
      id: c.id,
      metric: c.metric,
      attribute: c.attribute,
      ...(c.bounds ? { bounds: [c.bounds[0], c.bounds[1]] as [number, number] } : {}),
      ...(c.source !== undefined ? { source: c.source } : {}),
      test: c.test,
      ...(c.severity !== 'error' ? { severity: c.severity } : {}),
    })),
    intersections: typeof intersections === 'string' || intersections === undefined ? (intersections ?? 'full') : intersections.map((s) => s.join('+')).join(','),
    inconclusive,
  };
}
