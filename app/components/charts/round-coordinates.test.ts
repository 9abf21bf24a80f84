import { describe, expect, it } from "vitest";
import { roundCoordinates } from "./round-coordinates";

describe("roundCoordinates", () => {
  it("rounds the geometry to 0.1 and leaves text, ids and styles alone", () => {
    const svg =
      '<svg viewBox="0 0 900 300"><path d="M64,12.345678L120.04999,-0.0401Z" stroke-dasharray="6 3"/>' +
      '<text x="10.25" y="3" style="stroke-width:3.125">12.345</text><rect id="a1.234" width="33.333333" height="4"/></svg>';
    expect(roundCoordinates(svg)).toBe(
      '<svg viewBox="0 0 900 300"><path d="M64,12.3L120,0Z" stroke-dasharray="6 3"/>' +
        '<text x="10.3" y="3" style="stroke-width:3.125">12.345</text><rect id="a1.234" width="33.3" height="4"/></svg>',
    );
  });
});
