import { createReadStream, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, type DatabaseHandle } from "../../db";
import { getUpload, listIssues } from "../../db/queries/uploads";
import { monthlySupportStatistics, users } from "../../db/schema";
import { datasets } from "../../app/domain/datasets";
import { commitUpload, stageUpload, UploadStateError } from "../../app/server/uploads/service.server";
import { loadUploadDetail } from "../../app/routes/uploads.$uploadId.server";
import { action as newUploadAction } from "../../app/routes/uploads.new.$dataset";
import { action as uploadAction, loader as uploadLoader } from "../../app/routes/uploads.$uploadId";
import { callRoute } from "../setup/routes";
import { demoSessionCookies } from "../setup/login";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";

// 鳥取市's 新規相談受付件数, FY2024 and FY2025 (April … March): months of 140–160.
const fy2024 = [146, 150, 153, 149, 151, 144, 156, 150, 148, 152, 147, 158];
const fy2025 = [150, 145, 155, 140, 150, 158, 142, 150, 147, 152, 148, 160];

let handle: DatabaseHandle;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await loadSampleBodiesAndUsers(handle.db);
  Object.assign(cookies, await demoSessionCookies(["tottori-city"]));
  const rows = [2024, 2025].flatMap((fy) =>
    (fy === 2024 ? fy2024 : fy2025).map((newConsultations, i) => {
      const month = ((i + 3) % 12) + 1;
      return {
        localGovernmentCode: "312011",
        year: month >= 4 ? fy : fy + 1,
        month,
        fiscalYear: fy,
        newConsultations,
        plansCreated: 38,
        employmentSupportTargets: 20,
        employed: 11,
        increasedIncome: 4,
        housingBenefitDecisions: 2,
        referralsToPublicAssistance: 2,
      };
    }),
  );
  await handle.db.insert(monthlySupportStatistics).values(rows);
});
afterAll(async () => {
  await handle.close();
});

const limits = { maxBytes: 20 * 1024 * 1024, maxRows: 200_000 };

async function userOf(loginId: string) {
  const [u] = await handle.db.select().from(users).where(eq(users.loginId, loginId));
  return { id: u!.id, role: u!.role as "mhlw" | "prefecture" | "municipality", prefectureCode: u!.prefectureCode, localGovernmentCode: u!.localGovernmentCode };
}

async function stage(loginId: string, source: AsyncIterable<Uint8Array>) {
  return stageUpload(handle.db, {
    user: await userOf(loginId),
    definition: datasets.monthly_support,
    fileName: "monthly.csv",
    source,
    limits,
    today: "2026-11-23",
  });
}

describe("a monthly value far outside the body's history", () => {
  it("is a warning with the typical range and the latest values; the usual months get none", async () => {
    const result = await stage("tottori-city", createReadStream("tests/fixtures/monthly-tottori-city-spike-sjis.csv", { highWaterMark: 64 }));
    expect(result.status).toBe("previewed");
    const upload = await getUpload(handle.db, result.uploadId);
    expect(upload!.counts).toMatchObject({ rows: 3, errorRows: 0, warnings: 1, flagged: 1 });
    // May 2026 is judged against May 2024 and the 12 months before it (April 2025 … March 2026):
    // 150 | 150 145 155 140 150 158 142 150 147 152 148 160 → median 150;
    // |x − 150| sorted 0 0 0 0 2 2 3 5 5 8 8 10 10 → MAD 3; 3.5 × 3 / 0.6745 = 15.57 → 134.43 … 165.57 → 135〜165.
    // Every other value is within 5 of its (constant) history: 39 vs 38, 21 vs 20, 12 vs 11, 4 vs 4, 0 vs 2, 2 vs 2.
    expect(await listIssues(handle.db, result.uploadId, "warning", 10)).toEqual([
      {
        line: 3,
        column: "新規相談受付件数",
        value: "1,028",
        reason: "新規相談受付件数 1,028 は鳥取市のこれまでの値（通常 135〜165、直近: 152, 148, 160）から大きく外れています",
      },
    ]);
  });

  it("makes no judgement for a body without history", async () => {
    const file = [
      "自治体コード,年度,月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数",
      "312029,2026,5,1028,39,21,12,4,0,2",
    ].join("\r\n");
    const result = await stage("mhlw", Readable.from([Buffer.from(file)]));
    expect((await getUpload(handle.db, result.uploadId))!.counts).toMatchObject({ rows: 1, errorRows: 0, warnings: 0 });
  });

  it("is committed only with an explanation, which the upload's history keeps", async () => {
    const actor = await userOf("tottori-city");
    const { uploadId } = await stage("tottori-city", createReadStream("tests/fixtures/monthly-tottori-city-spike-sjis.csv"));
    const may2026 = () =>
      handle.db
        .select({ n: monthlySupportStatistics.newConsultations })
        .from(monthlySupportStatistics)
        .where(and(eq(monthlySupportStatistics.localGovernmentCode, "312011"), eq(monthlySupportStatistics.year, 2026), eq(monthlySupportStatistics.month, 5)));
    for (const explanation of [undefined, "", "  \u3000 "]) {
      const refused = commitUpload(handle.db, actor, uploadId, { explanation });
      await expect(refused).rejects.toThrow(UploadStateError);
      await expect(refused).rejects.toThrow("これまでの値から大きく外れた値が1件あります。値が正しい理由（例: 制度改正で相談が増えた）を「説明」に入力してから確定してください");
    }
    expect(await getUpload(handle.db, uploadId)).toMatchObject({ status: "previewed", explanation: null });
    expect(await may2026()).toEqual([]);

    const explanation = "5月に市内の大規模工場が閉鎖し、離職者の相談が集中しました（電話確認済み）";
    await commitUpload(handle.db, actor, uploadId, { explanation: ` ${explanation}\n` });
    expect(await may2026()).toEqual([{ n: 1028 }]);
    expect((await loadUploadDetail(handle.db, uploadId))!.upload).toMatchObject({ status: "committed", explanation });
  });
});

describe("the upload page with a flagged value", () => {
  it("refuses the commit without an explanation, commits with one and shows it", async () => {
    const form = new FormData();
    form.append("file", new Blob([readFileSync("tests/fixtures/monthly-tottori-city-spike-sjis.csv")], { type: "text/csv" }), "spike.csv");
    const staged = await callRoute(newUploadAction, { url: "/uploads/new/monthly_support", params: { dataset: "monthly_support" }, cookie: cookies["tottori-city"], form });
    const id = staged.location!.split("/").pop()!;
    const route = { url: `/uploads/${id}`, params: { uploadId: id }, cookie: cookies["tottori-city"] };
    const preview = (await callRoute(uploadLoader, route)).data as { upload: { counts: { flagged: number } } };
    expect(preview.upload.counts.flagged).toBe(1);
    expect(await callRoute(uploadAction, { ...route, form: { intent: "commit" } })).toMatchObject({
      status: 409,
      data: { message: "これまでの値から大きく外れた値が1件あります。値が正しい理由（例: 制度改正で相談が増えた）を「説明」に入力してから確定してください" },
    });
    expect((await callRoute(uploadAction, { ...route, form: { intent: "commit", explanation: "工場閉鎖による相談の急増" } })).status).toBe(302);
    const detail = (await callRoute(uploadLoader, route)).data as { upload: { status: string; explanation: string } };
    expect(detail.upload).toMatchObject({ status: "committed", explanation: "工場閉鎖による相談の急増" });
  });
});
