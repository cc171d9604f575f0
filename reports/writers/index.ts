export { escapeHtml } from './escape-html.js';
export { escapeMarkdown } from './escape-markdown.js';
export { escapeXml } from './escape-xml.js';
export { renderSvg, type RenderSvgOptions } from './render-svg.js';
export { renderPng } from './render-png.js';
export { writeHtml, type ReportChart, type WriteHtmlOptions } from './write-html.js';
export { writeMarkdown } from './write-markdown.js';
export { writeJunit, type InconclusiveAs } from './write-junit.js';
