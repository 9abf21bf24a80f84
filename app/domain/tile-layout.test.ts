import { describe, expect, it } from "vitest";
import { prefectureDefinitions } from "./prefectures";
import { prefectureTiles } from "./tile-layout";

describe("tile map layout", () => {
  it("places each of the 47 prefectures once, on distinct tiles", () => {
    expect(prefectureTiles.map((t) => t.code).sort()).toEqual(prefectureDefinitions.map((p) => p.code));
    expect(new Set(prefectureTiles.map((t) => `${t.x},${t.y}`)).size).toBe(47);
  });
});
