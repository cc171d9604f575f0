import type { Results } from '../../harness/results/index.js';
import { fixtureResults } from './fixture-results.js';

/** Labels that break naive HTML, XML/CDATA and Markdown-table writers. */
export const HOSTILE = `<script>alert(1)</script>"'&]]>|x\`y\`\nz`;

/**
 * The fixture with a third protected attribute (income_band, one value "low") so the intersection
 * crosses three attributes, as the heatmap's combined-label path needs.
 */
export function threeAttributeResults(): Results {
  const r = fixtureResults();
  r.manifest.protected.push('income_band');
  r.manifest.references['income_band'] = { group: 'low', origin: 'default' };
  const inter = r.groups.filter((g) => g.attribute === 'nationality×disability');
  for (const g of inter) {
    g.attribute = 'nationality×disability×income_band';
    g.group = `${g.group}×low`;
  }
  return r;
}

/** The fixture with {@link HOSTILE} text in a group name, check id, source, title, warning and labels. */
export function hostileResults(): Results {
  const r = fixtureResults();
  const rename = (s: string) => s.replace(/non_eu/g, HOSTILE);
  for (const g of r.groups) g.group = rename(g.group);
  for (const c of r.checks) {
    c.group = rename(c.group);
    c.id = `${c.id}${HOSTILE}`;
    c.source = HOSTILE;
  }
  r.manifest.title = `Audit ${HOSTILE}`;
  r.manifest.labels = HOSTILE;
  r.manifest.command = `disparate run ${HOSTILE}`;
  r.warnings.push({ code: HOSTILE, message: HOSTILE });
  return r;
}
