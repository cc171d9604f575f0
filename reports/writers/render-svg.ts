import type { TopLevelSpec } from 'vega-lite';
import { escapeHtml } from './escape-html.js';

/** Options for {@link renderSvg}. */
export interface RenderSvgOptions {
  /** Called with each Vega-Lite compile or Vega runtime warning (tests pass one that fails). */
  onWarning?: (message: string) => void;
}

function collector(onWarning: (message: string) => void) {
  let level = 0;
  const logger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: unknown[]) {
      throw new Error(args.map(String).join(' '));
    },
    warn(...args: unknown[]) {
      onWarning(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

function titleOf(spec: TopLevelSpec): string {
  const t = spec.title;
  const text = typeof t === 'object' && t !== null && !Array.isArray(t) ? t.text : t;
  return Array.isArray(text) ? text.join(' ') : typeof text === 'string' ? text : '';
}

/** Vega's string renderer drops the spec's description; put it back as the SVG's accessible name. */
function addAria(svg: string, spec: TopLevelSpec): string {
  const title = titleOf(spec);
  const desc = spec.description ?? title;
  return svg.replace(
    /^<svg\b([^>]*)>/,
    (_, attrs: string) =>
      `<svg${attrs} role="img" aria-label="${escapeHtml(desc)}"><title>${escapeHtml(title)}</title><desc>${escapeHtml(desc)}</desc>`,
  );
}

/**
 * Renders a Vega-Lite spec to an SVG string, headless: compile → `vega.parse` → a View with the
 * `none` renderer → `toSVG()`. The spec's `description` becomes the SVG's `aria-label` and `<desc>`,
 * its title the `<title>`. No canvas package is needed (text widths are estimated).
 * vega and vega-lite are imported lazily so commands that print no charts stay fast.
 *
 * @example const svg = await renderSvg(selectionRateSpec(results, 'nationality'));
 */
export async function renderSvg(spec: TopLevelSpec, options: RenderSvgOptions = {}): Promise<string> {
  const [vl, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const logger = collector(options.onWarning ?? (() => undefined));
  const compiled = vl.compile(spec, { logger });
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logger, logLevel: vega.Warn });
  try {
    return addAria(await view.toSVG(), spec);
  } finally {
    view.finalize();
  }
}
