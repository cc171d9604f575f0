import { OKABE_ITO, VERDICT_STYLE } from '../shared/index.js';

/**
 * The report's only stylesheet, inlined: system fonts (no web fonts), verdicts shown as a coloured
 * border plus symbol and word, tables that do not split across printed pages.
 */
export const HTML_STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #ccc; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: #fff; max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; }
.lede { color: var(--muted); margin-top: 0; }
table { border-collapse: collapse; margin: .5rem 0 1.25rem; font-size: .9rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--rule); padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #f3f3f3; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; } td.num:has(.nw) { white-space: normal; } .nw { white-space: nowrap; }
tr.reference td { background: #f7f7f7; } tr.small td { font-style: italic; }
.badge { display: inline-block; padding: 0 .4rem; border: 2px solid; border-radius: .3rem; font-weight: 600; white-space: nowrap; }
.v-pass { border-color: ${VERDICT_STYLE.pass.colour}; } .v-fail { border-color: ${VERDICT_STYLE.fail.colour}; }
.v-inconclusive { border-color: ${VERDICT_STYLE.inconclusive.colour}; border-style: dashed; }
ul.summary li { margin: .35rem 0; } .small-flag { font-weight: 600; color: ${OKABE_ITO.vermillion}; }
figure { margin: 1rem 0 2rem; } figure .chart { overflow-x: auto; } figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .9rem; }
.chart-live { display: none; } figure.live .chart { display: none; } figure.live .chart-live { display: block; overflow-x: auto; }
p.overall { font-weight: 600; }
dl.warnings dt { font-weight: 600; font-family: ui-monospace, monospace; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; } figure, table, tr { break-inside: avoid; }
  figure .chart { overflow: visible; } figure.live .chart { display: block; } figure.live .chart-live { display: none; } th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
