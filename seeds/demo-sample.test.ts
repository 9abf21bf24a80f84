import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { prefectureDefinitions } from "../app/lib/prefectures";
import { sharedDataFile } from "../tests/setup/shared-data";
import { readDemoSample } from "./demo";

type NationalRow = { pref: string; city: string; lgcode: string };

describe("demo sample of local governments", () => {
  const sample = readDemoSample();
  const national = Papa.parse<NationalRow>(readFileSync(sharedDataFile("localgovjp-utf8.csv"), "utf8").replace(/^\uFEFF/, ""), {
    header: true,
    skipEmptyLines: true,
  }).data;
  const byCode = new Map(national.map((r) => [r.lgcode, r]));

  it("matches the national list code by code and name by name", () => {
    const municipalities = sample.filter((b) => b.kind !== "prefecture");
    expect(municipalities.length).toBeGreaterThan(900);
    const mismatches = municipalities.filter((b) => byCode.get(b.code)?.city !== b.name);
    expect(mismatches).toEqual([]);
    for (const b of municipalities) {
      const prefecture = prefectureDefinitions.find((p) => p.code === b.prefectureCode)!;
      expect(byCode.get(b.code)!.pref).toBe(prefecture.name);
    }
  });

  it("holds all 47 prefectures, their capitals, the 20 designated and 62 core cities", () => {
    expect(sample.filter((b) => b.kind === "prefecture")).toHaveLength(47);
    expect(sample.filter((b) => b.kind === "designated_city")).toHaveLength(20);
    expect(sample.filter((b) => b.kind === "core_city")).toHaveLength(62);
    const names = new Set(sample.map((b) => `${b.prefectureCode}:${b.name}`));
    for (const capital of ["01:札幌市", "13:新宿区", "24:津市", "31:鳥取市", "47:那覇市", "26:京都市", "28:神戸市"]) {
      expect(names.has(capital), capital).toBe(true);
    }
  });

  it("holds the municipalities the source documents name", () => {
    const names = new Set(sample.map((b) => `${b.prefectureCode}:${b.name}`));
    // 重層 lists of the training slides, including names that exist in several prefectures
    for (const n of ["24:鳥羽市", "32:美郷町", "45:美郷町", "27:太子町", "29:川上村", "18:美浜町", "10:高山村", "10:明和町", "13:墨田区", "01:鷹栖町"]) {
      expect(names.has(n), n).toBe(true);
    }
    // council paper examples
    for (const n of ["12:富里市", "27:守口市", "18:坂井市"]) expect(names.has(n), n).toBe(true);
    expect(sample.filter((b) => b.jusouList === "implementing")).toHaveLength(131);
    expect(sample.filter((b) => b.jusouList === "transition_preparation")).toHaveLength(229);
  });

  it("has plausible populations: the implementing bodies add up to Japan's population (2020 census, 126.1 million)", () => {
    const total = sample.filter((b) => b.implementing).reduce((sum, b) => sum + b.population2020, 0);
    expect(total).toBeGreaterThan(124_000_000);
    expect(total).toBeLessThan(128_000_000);
    expect(sample.find((b) => b.name === "横浜市")!.population2020).toBeGreaterThan(3_500_000);
  });
});
