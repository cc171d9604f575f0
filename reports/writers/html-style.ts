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
tr.reference td { background: #f7f7f7; } tr.overall th, tr.overall td { border-top: 2px solid #888; font-weight: 600; } tr.small td { font-style: italic; }
.badge { display: inline-block; padding: 0 .4rem; border: 2px solid; border-radius: .3rem; font-weight: 600; white-space: nowrap; }
.v-pass { border-color: ${VERDICT_STYLE.pass.colour}; } .v-fail { border-color: ${VERDICT_STYLE.fail.colour}; }
.v-inconclusive { border-color: ${VERDICT_STYLE.inconclusive.colour}; border-style: dashed; }
ul.summary li { margin: .35rem 0; } .small-flag { font-weight: 600; color: ${OKABE_ITO.vermillion}; }
figure { margin: 1rem 0 2rem; } figure .chart { overflow-x: auto; } figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .9rem; }
.chart-live { display: none; } figure.live .chart { display: none; } figure.live .chart-live { display: block; overflow-x: auto; }
p.overall { font-weight: 600; }
body { overflow-wrap: break-word; }
header.front .kicker { color: var(--muted); margin: 0 0 .2rem; font-size: .85rem; }
header.front h1 { font-size: 1.45rem; line-height: 1.25; }
header.front h2 { font-size: 1.05rem; margin: .6rem 0 .3rem; border-bottom: none; }
.question { margin: .35rem 0; color: #333; }
.verdict-line { font-size: 1.08rem; font-weight: 600; margin: .5rem 0 .1rem; }
.rule-line { color: var(--muted); font-size: .85rem; margin: 0 0 .3rem; }
.front-grid { display: grid; grid-template-columns: minmax(0, 1.35fr) minmax(0, 1fr); gap: 1.25rem; align-items: start; }
ol.findings { padding-left: 1.2rem; margin: .2rem 0; font-size: .93rem; line-height: 1.4; } ol.findings li { margin: .3rem 0; }
ol.findings .badge { padding: 0 .25rem; font-size: .8rem; }
.unstable-note { border-left: 4px solid ${OKABE_ITO.orange}; background: #fff7e0; padding: .3rem .6rem; margin: .3rem 0; font-size: .88rem; }
figure.headline { margin: .4rem 0 0; } figure.headline svg { width: 100%; height: auto; } figure.headline figcaption { font-size: .8rem; }
.cannot ul { margin: .2rem 0; font-size: .9rem; } nav.toc ul { columns: 2; font-size: .9rem; margin: .2rem 0; list-style: none; padding-left: 0; }
ol.notes { font-size: .8rem; color: var(--muted); margin: -.75rem 0 1.25rem; }
details { margin: .5rem 0 1rem; } details > summary { cursor: pointer; color: #0b4f8a; }
.table-scroll { overflow-x: auto; max-width: 100%; } .table-scroll:focus { outline: 2px solid ${OKABE_ITO.blue}; }
@media (max-width: 800px) {
  body { padding: .75rem; } .front-grid { grid-template-columns: 1fr; } nav.toc ul { columns: 1; }
  figure .chart { overflow-x: auto; } table { width: auto; min-width: 100%; }
}
dl.warnings dt { font-weight: 600; font-family: ui-monospace, monospace; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; } figure, table, tr { break-inside: avoid; }
  figure .chart { overflow: visible; } figure.live .chart { display: block; } figure.live .chart-live { display: none; } th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
