import { describe, expect, it } from "vitest";
import { jusouStatusColors } from "./status-colors";

// WCAG 2.x relative luminance and contrast ratio.
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("重層 status colours", () => {
  it("computes contrast as WCAG does", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    // the モデル事業 colour before issue 13: nearly invisible on white
    expect(contrast("#e3eef9", "#ffffff")).toBeLessThan(1.2);
  });

  it("stand out from the white page by at least 3:1, as non-text graphics must", () => {
    for (const [status, color] of Object.entries(jusouStatusColors)) {
      expect(contrast(color, "#ffffff"), status).toBeGreaterThanOrEqual(3);
    }
  });
});
