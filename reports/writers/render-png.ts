import { createRequire } from 'node:module';

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: ResvgModule | undefined;

/**
 * Rasterises an SVG string to PNG bytes with @resvg/resvg-js (loaded on first use: it is a native
 * module). `scale` multiplies the SVG's own width (default 2 for crisp slides).
 *
 * @example const png = renderPng(await renderSvg(spec));
 */
export function renderPng(svg: string, scale = 2): Uint8Array {
  resvg ??= createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 600);
  const r = new resvg.Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(width * scale) },
    font: { loadSystemFonts: true, defaultFontFamily: 'sans-serif' },
  });
  return new Uint8Array(r.render().asPng());
}
