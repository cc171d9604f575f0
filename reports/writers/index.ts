export { escapeHtml } from './escape-html.js';
export { escapeMarkdown } from './escape-markdown.js';
export { renderSvg, type RenderSvgOptions } from './render-svg.js';
export { renderPng } from './render-png.js';
export { writeHtml, type ReportChart } from './write-html.js';
export { writeMarkdown } from './write-markdown.js';
