import { messagesFor, type Lang } from '../i18n/index.js';
import { VERDICT_STYLE, verdictText, type FrontPage } from '../shared/index.js';
import { escapeHtml } from './escape-html.js';

/** A rendered headline chart: trusted SVG (ids already scoped) and its accessible description. */
export interface HeadlineChart {
  svg: string;
  description: string;
}

/** One entry of the table of contents. */
export interface ContentsEntry {
  id: string;
  title: string;
}

/**
 * The front page as HTML: title, question, verdict sentence, findings beside the headline chart,
 * unstable-reference warnings, what the audit cannot tell, and the table of contents. The first
 * screen (1280×800) and the first printed A4 page hold it. Every string is escaped.
 *
 * @example frontPageHtml(buildFrontPage(results), { svg, description }, [{ id: 'verdicts', title: '2. Verdicts' }], 'households')
 */
export function frontPageHtml(front: FrontPage, headline: HeadlineChart | null, contents: readonly ContentsEntry[], unit: string, date: string, lang: Lang = 'en'): string {
  const FRONT_TEXT = messagesFor(lang);
  const badge = front.verdict
    ? `<span class="badge v-${front.verdict}">${escapeHtml(verdictText(front.verdict, lang))}</span> `
    : '';
  const findings = front.findings.length
    ? `<ol class="findings">\n${front.findings
        .map((f) => `<li class="finding${f.unstable ? ' unstable' : ''}"><span class="badge v-${f.verdict}" role="img" aria-label="${escapeHtml(FRONT_TEXT.verdictWord[f.verdict])}" title="${escapeHtml(FRONT_TEXT.verdictWord[f.verdict])}">${VERDICT_STYLE[f.verdict].symbol}</span> ${escapeHtml(f.text)}</li>`)
        .join('\n')}\n</ol>`
    : `<p>${escapeHtml(front.noFindings ?? '')}</p>`;
  const warnings = front.warnings.map((w) => `<p class="unstable-note" role="note">${escapeHtml(w)}</p>`).join('\n');
  const chart = headline
    ? `<figure id="chart-headline" class="headline">\n<div class="chart" role="img" aria-label="${escapeHtml(headline.description)}">${headline.svg}</div>\n<figcaption>${escapeHtml(FRONT_TEXT.headlineCaption(FRONT_TEXT.unit(unit), front.sampled))}</figcaption>\n</figure>`
    : '';
  return `<header class="front" id="front">
<p class="kicker">${escapeHtml(FRONT_TEXT.kicker)} · ${escapeHtml(date)}</p>
<h1>${escapeHtml(front.title)}</h1>
${front.question ? `<p class="question"><strong>${escapeHtml(FRONT_TEXT.questionHeading)}${FRONT_TEXT.colon}</strong> ${escapeHtml(front.question)}</p>\n` : ''}<p class="verdict-line">${badge}${escapeHtml(front.verdictSentence)}</p>
${front.ruleSentence ? `<p class="rule-line">${escapeHtml(front.ruleSentence)}</p>\n` : ''}<div class="front-grid">
<section class="front-findings" aria-labelledby="findings-h">
<h2 id="findings-h">${escapeHtml(FRONT_TEXT.findingsHeading)}</h2>
${warnings}
${findings}
</section>
${chart}
</div>
<section class="cannot" aria-labelledby="cannot-h">
<h2 id="cannot-h">${escapeHtml(FRONT_TEXT.cannotTellHeading)}</h2>
<ul>\n${front.cannotTell.map((t) => `<li>${escapeHtml(t)}</li>`).join('\n')}\n</ul>
</section>
<nav class="toc" aria-labelledby="toc-h">
<h2 id="toc-h">${escapeHtml(FRONT_TEXT.contentsHeading)}</h2>
<ul>\n${contents.map((c) => `<li><a href="#${escapeHtml(c.id)}">${escapeHtml(c.title)}</a></li>`).join('\n')}\n</ul>
</nav>
</header>`;
}
