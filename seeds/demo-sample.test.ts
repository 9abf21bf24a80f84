import { describe, expect, it } from "vitest";
import { builtInMasterEntries } from "../app/server/master/national-master.server";
import { readDemoSample, readJusouSourceList } from "./demo";

describe("demo sample of local governments", () => {
  const sample = readDemoSample();
  const master = new Map(builtInMasterEntries().map((e) => [e.code, e]));

  it("adds populations to bodies of the built-in master list, code by code and name by name", () => {
    expect(sample.length).toBeGreaterThan(900);
    const mismatches = sample.filter((b) => {
      const entry = master.get(b.code);
      return entry?.name !== b.name || entry.prefectureCode !== b.prefectureCode || entry.kind !== b.kind;
    });
    expect(mismatches).toEqual([]);
  });

  it("holds every implementing body of the master: 47 prefectures, 792 cities, 23 special wards", () => {
    const implementing = [...master.values()].filter((e) => e.hasWelfareOffice === true).map((e) => e.code);
    expect(implementing).toHaveLength(862);
    expect(sample.filter((b) => b.implementing).map((b) => b.code).sort()).toEqual(implementing.sort());
    expect(sample.filter((b) => b.kind === "designated_city")).toHaveLength(20);
    expect(sample.filter((b) => b.kind === "core_city")).toHaveLength(62);
  });

  it("has plausible populations: the implementing bodies add up to Japan's population (2020 census, 126.1 million)", () => {
    const total = sample.filter((b) => b.implementing).reduce((sum, b) => sum + b.population2020, 0);
    expect(total).toBeGreaterThan(124_000_000);
    expect(total).toBeLessThan(128_000_000);
    expect(sample.find((b) => b.name === "横浜市")!.population2020).toBeGreaterThan(3_500_000);
    expect(sample.filter((b) => b.implementing && b.population2020 <= 0)).toEqual([]);
  });
});

describe("the FY2022 重層 lists of the source (seeds/jusou-fy2022-source.csv)", () => {
  const rows = readJusouSourceList();

  it("names 134 implementing and 229 preparing municipalities, each once", () => {
    expect(rows.filter((r) => r.status === "implementing")).toHaveLength(134);
    expect(rows.filter((r) => r.status === "transition_preparation")).toHaveLength(229);
    const keys = rows.map((r) => `${r.prefectureName}${r.municipalityName}`);
    expect(new Set(keys).size).toBe(363);
  });

  it("includes the names a sample of real bodies once lacked, and names shared by several prefectures", () => {
    const has = (prefecture: string, name: string, status: string) =>
      rows.some((r) => r.prefectureName === prefecture && r.municipalityName === name && r.status === status);
    expect(has("埼玉県", "鳩山町", "implementing")).toBe(true);
    expect(has("愛知県", "長久手市", "implementing")).toBe(true);
    expect(has("愛知県", "東浦町", "implementing")).toBe(true);
    expect(has("島根県", "美郷町", "implementing")).toBe(true);
    expect(has("宮崎県", "美郷町", "transition_preparation")).toBe(true);
    expect(has("大阪府", "太子町", "implementing")).toBe(true);
    expect(has("奈良県", "川上村", "implementing")).toBe(true);
  });
});
