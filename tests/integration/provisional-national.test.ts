import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "../../db";
import { provisionalMonthsNationally } from "../../db/queries/approval";
import { datasets } from "../../app/domain/datasets";
import { decideReview, type ReviewActor } from "../../app/server/approval/review.server";
import { commitUpload, stageUpload, type UploadActor } from "../../app/server/uploads/service.server";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";

// The national page's 暫定 notice counts the body-months of a fiscal year that no prefecture has confirmed yet (ADR 022).

let handle: DatabaseHandle;
const actors = {} as Record<"city" | "pref", UploadActor & ReviewActor>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadSampleBodiesAndUsers(handle.db);
  const id = async (loginId: string) => (await queryRows<{ id: number }>(handle.db, sql`select id from users where login_id = ${loginId}`))[0]!.id;
  actors.city = { id: await id("tottori-city"), role: "municipality", prefectureCode: "31", localGovernmentCode: "312011" };
  actors.pref = { id: await id("tottori-pref"), role: "prefecture", prefectureCode: "31", localGovernmentCode: null };
});
afterAll(async () => {
  await handle.close();
});

const header = "自治体コード,年月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数";
async function upload(actor: UploadActor, rows: string[]) {
  const staged = await stageUpload(handle.db, {
    user: actor,
    definition: datasets.monthly_support,
    fileName: "月次.csv",
    source: (async function* () {
      yield Buffer.from(`${header}\n${rows.join("\n")}\n`, "utf8");
    })(),
    limits: { maxBytes: 1_000_000, maxRows: 100 },
    today: "2026-12-02",
  });
  expect(staged.status).toBe("previewed");
  await commitUpload(handle.db, actor, staged.uploadId, { explanation: "テストの値です" });
}

describe("provisional months nationally", () => {
  it("counts the months submitted by bodies and not yet confirmed, per fiscal year", async () => {
    expect(await provisionalMonthsNationally(handle.db, 2026)).toEqual({ months: 0, prefectures: 0 });
    // 鳥取市 submits October and November 2026 and March 2026 (FY2025)
    await upload(actors.city, ["312011,2026-10,150,5,3,2,1,0,0", "312011,2026-11,150,5,3,2,1,0,0", "312011,2026-03,150,5,3,2,1,0,0"]);
    expect(await provisionalMonthsNationally(handle.db, 2026)).toEqual({ months: 2, prefectures: 1 });
    expect(await provisionalMonthsNationally(handle.db, 2025)).toEqual({ months: 1, prefectures: 1 });
    // the prefecture's own upload of 米子市 is confirmed on commit: not provisional
    await upload(actors.pref, ["312029,2026-10,80,5,3,2,1,0,0"]);
    expect(await provisionalMonthsNationally(handle.db, 2026)).toEqual({ months: 2, prefectures: 1 });
    // confirming October leaves November; returning November keeps it provisional
    await decideReview(handle.db, actors.pref, { localGovernmentCode: "312011", year: 2026, month: 10, decision: "confirm", expectedVersion: 1 });
    expect(await provisionalMonthsNationally(handle.db, 2026)).toEqual({ months: 1, prefectures: 1 });
    await decideReview(handle.db, actors.pref, { localGovernmentCode: "312011", year: 2026, month: 11, decision: "return", expectedVersion: 1, comment: "内訳を確認してください" });
    expect(await provisionalMonthsNationally(handle.db, 2026)).toEqual({ months: 1, prefectures: 1 });
    await decideReview(handle.db, actors.pref, { localGovernmentCode: "312011", year: 2026, month: 3, decision: "confirm", expectedVersion: 1 });
    expect(await provisionalMonthsNationally(handle.db, 2025)).toEqual({ months: 0, prefectures: 0 });
  });
});
