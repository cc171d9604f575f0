/**
 * An SVG from {@link renderSvg} without the ARIA attributes Vega writes inside it ("Title text …",
 * "group mark container"): they are English whatever the report's language. The SVG's own
 * accessible name and description (from the catalogue) on its root element are kept.
 *
 * @example withoutVegaAria('<svg aria-label="Taux"><g aria-roledescription="title" aria-label="Title text …">') // '<svg aria-label="Taux"><g>'
 */
export function withoutVegaAria(svg: string): string {
  const root = svg.indexOf('>') + 1;
  return svg.slice(0, root) + svg.slice(root).replace(/ (aria-roledescription|aria-label|role)="[^"]*"/g, '');
}
