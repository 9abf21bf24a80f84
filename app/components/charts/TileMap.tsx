import { prefectureTiles } from "~/domain/tile-layout";

/** `mark`: a symbol drawn in the tile's corner and the words it stands for (e.g. a comparison label), never colour alone */
export type TileDatum = { code: string; name: string; value: number | null; href: string; mark?: { symbol: string; text: string } };

const palette = ["#e3eef9", "#b9d3ee", "#7fb0dc", "#3f82c2", "#0b4f8a"] as const;
const textColor = ["#1a1a1a", "#1a1a1a", "#1a1a1a", "#ffffff", "#ffffff"] as const;

/**
 * Japan as a grid of 47 tiles, coloured in five bins; every tile is a link (keyboard-reachable)
 * that names the prefecture and its value, and the value is printed on it: colour is never the
 * only signal.
 */
export function TileMap({
  data,
  format,
  description,
  metricLabel,
}: {
  data: TileDatum[];
  format: (value: number) => string;
  description: string;
  metricLabel: string;
}) {
  const values = data.map((d) => d.value).filter((v): v is number => v !== null).sort((a, b) => a - b);
  const min = values[0] ?? 0;
  const max = values[values.length - 1] ?? 0;
  const bins = palette.map((_, i) => min + ((max - min) * (i + 1)) / palette.length);
  const binOf = (v: number) => Math.min(palette.length - 1, bins.findIndex((b) => v <= b + 1e-9));
  const size = 58;
  const gap = 4;
  const byCode = new Map(data.map((d) => [d.code, d]));
  return (
    <div>
      <svg viewBox={`0 0 ${12 * (size + gap)} ${12 * (size + gap)}`} width="100%" style={{ maxWidth: 720 }} role="group" aria-label={description} className="tile-map">
        {prefectureTiles.map((t) => {
          const d = byCode.get(t.code);
          const bin = d?.value === null || d?.value === undefined ? -1 : binOf(d.value);
          const shown = d?.value === null || d?.value === undefined ? "－" : format(d.value);
          // the accessible name starts with what the tile shows (short name and value), then says it in full
          const label = `${t.short} ${shown}（${d?.name ?? t.code}、${metricLabel}${shown === "－" ? "、データなし" : ""}${d?.mark ? `、${d.mark.text}` : ""}）`;
          return (
            <a key={t.code} href={d?.href ?? "#"} aria-label={label}>
              <title>{label}</title>
              <rect x={t.x * (size + gap)} y={t.y * (size + gap)} width={size} height={size} rx={6} fill={bin < 0 ? "#ffffff" : palette[bin]} stroke="#4d4d4d" strokeWidth={1} />
              <text x={t.x * (size + gap) + size / 2} y={t.y * (size + gap) + 24} textAnchor="middle" fontSize={13} fill={bin < 0 ? "#1a1a1a" : textColor[bin]}>
                {t.short}
              </text>
              <text x={t.x * (size + gap) + size / 2} y={t.y * (size + gap) + 44} textAnchor="middle" fontSize={12} fill={bin < 0 ? "#1a1a1a" : textColor[bin]}>
                {shown}
              </text>
              {d?.mark ? (
                <text x={t.x * (size + gap) + size - 4} y={t.y * (size + gap) + 12} textAnchor="end" fontSize={10} fill={bin < 0 ? "#1a1a1a" : textColor[bin]}>
                  {d.mark.symbol}
                </text>
              ) : null}
            </a>
          );
        })}
      </svg>
      <ul className="legend" aria-label="凡例">
        {palette.map((color, i) => (
          <li key={color}>
            <span className="swatch" style={{ background: color }} aria-hidden="true" />
            {format(i === 0 ? min : bins[i - 1]!)}〜{format(bins[i]!)}
          </li>
        ))}
      </ul>
    </div>
  );
}
