const geometry = /\s(d|x|y|x1|x2|y1|y2|cx|cy|r|width|height|points|transform|viewBox)="([^"]*)"/g;
const longDecimal = /-?\d+\.\d{2,}/g;

/** Rounds the numbers in an SVG's geometry attributes to 0.1 (Recharts writes up to 15 decimals); text and styles stay as they are. */
export function roundCoordinates(svgMarkup: string): string {
  return svgMarkup.replace(geometry, (_all, name: string, value: string) => {
    const rounded = value.replace(longDecimal, (n) => {
      const r = Math.round(Number(n) * 10) / 10;
      return String(Object.is(r, -0) ? 0 : r);
    });
    return ` ${name}="${rounded}"`;
  });
}
