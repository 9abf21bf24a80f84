import { createReadStream, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, type DatabaseHandle } from "../../db";
import { getUpload, listIssues } from "../../db/queries/uploads";
import { localGovernments, monthlySupportStatistics, populations, users } from "../../db/schema";
import { datasets } from "../../app/domain/datasets";
import { commitUpload, stageUpload, UploadStateError } from "../../app/server/uploads/service.server";
import { loadUploadDetail } from "../../app/routes/uploads.$uploadId.server";
import { action as newUploadAction } from "../../app/routes/uploads.new.$dataset";
import { action as uploadAction, loader as uploadLoader } from "../../app/routes/uploads.$uploadId";
import { loader as uploadListLoader } from "../../app/routes/uploads._index";
import { loadMunicipality } from "../../app/server/pages/municipality-page.server";
import { getBody } from "../../db/queries/bodies";
import { month } from "../setup/monthly";
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

  it("makes no judgement for a body without history when no peer has a population and figures for the month", async () => {
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

    // in the history: the uploads list, and the month on the municipality page (the upload that last set it)
    const list = (await callRoute(uploadListLoader, { url: "/uploads", cookie: cookies["tottori-city"] })).data as { history: { id: number; explanation: string | null }[] };
    expect(list.history.find((h) => h.id === uploadId)).toMatchObject({ explanation });
    const page = await loadMunicipality(handle.db, (await getBody(handle.db, "312011"))!, { fy: 2026 }, "2026-11-23");
    const months = page!.months.map((m) => ({ month: m.month, explanation: m.explanation }));
    // April and June of the same file were within the usual range but came in the same upload: its explanation stands for them too
    expect(months.filter((m) => m.explanation)).toEqual([4, 5, 6].map((m) => ({ month: m, explanation: { year: 2026, month: m, uploadId, explanation } })));
    expect(months.find((m) => m.month === 7)).toBeUndefined();
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

describe("a monthly value of a body with short history", () => {
  it("is judged per 10万人 against the bodies nearest in population that submitted the month", async () => {
    // ten implementing cities outside 鳥取県 with May 2026 figures: 新規相談 per 10万人 20 22 24 25 26 27 28 30 32 60
    const peerFigures: [number, number][] = [
      [200_000, 40],
      [100_000, 22],
      [50_000, 12],
      [40_000, 10],
      [100_000, 26],
      [100_000, 27],
      [50_000, 14],
      [100_000, 30],
      [50_000, 16],
      [100_000, 60],
    ];
    const cities = await handle.db
      .select({ code: localGovernments.code })
      .from(localGovernments)
      .where(and(eq(localGovernments.kind, "city"), eq(localGovernments.hasWelfareOffice, true), ne(localGovernments.prefectureCode, "31")))
      .orderBy(localGovernments.code)
      .limit(peerFigures.length);
    await handle.db.insert(populations).values([
      ...cities.map((c, i) => ({ localGovernmentCode: c.code, asOf: "2026-01-01", population: peerFigures[i]![0] })),
      // 倉吉市 (the body judged, 50,000 people) and 境港市 (45,000, in the file but not a peer: it has not submitted May)
      { localGovernmentCode: "312037", asOf: "2026-01-01", population: 50_000 },
      { localGovernmentCode: "312045", asOf: "2026-01-01", population: 45_000 },
    ]);
    await handle.db.insert(monthlySupportStatistics).values([
      ...cities.map((c, i) => month(c.code, 2026, 5, peerFigures[i]![1])),
      // two months of history: fewer than the 6 a judgement against its own history needs
      month("312037", 2026, 3, 15),
      month("312037", 2026, 4, 16),
    ]);
    const file = [
      "自治体コード,年月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数",
      "312037,2026-05,22,1,4,2,1,0,0",
      "312045,2026-05,15,1,4,2,1,0,0",
      "312037,2026-06,90,1,4,2,1,0,0",
    ].join("\n");
    const result = await stage("tottori-pref", Readable.from([Buffer.from(file)]));
    // median 26.5, MAD 3 → 26.5 ± 3.5 × 3 / 0.6745 = 10.93 … 42.07 per 10万人;
    // 倉吉市 (50,000): 5.47 … 21.03 → 6〜21, so 22 is flagged; 境港市 (45,000): 4.92 … 18.93 → 5〜18, 15 is usual;
    // June has no peers that submitted it: no judgement
    expect((await getUpload(handle.db, result.uploadId))!.counts).toMatchObject({ rows: 3, errorRows: 0, warnings: 1, flagged: 1 });
    expect(await listIssues(handle.db, result.uploadId, "warning", 10)).toEqual([
      {
        line: 2,
        column: "新規相談受付件数",
        value: "22",
        reason:
          "新規相談受付件数 22 は人口規模の近い10団体の2026年5月（人口10万人あたり 通常 10.9〜42.1件）から大きく外れています。倉吉市（人口50,000人）では 6〜21件にあたります（これまでの提出が2か月分のため類似団体と比べています）",
      },
    ]);
    const actor = await userOf("tottori-pref");
    await expect(commitUpload(handle.db, actor, result.uploadId)).rejects.toThrow("これまでの値から大きく外れた値が1件あります");
    await commitUpload(handle.db, actor, result.uploadId, { explanation: "5月に相談窓口を開設したため" });
  });

  it("is judged with the threshold the setting gives", async () => {
    // 倉吉市's May again. 境港市's May is stored now (15 for 45,000 people: 33.3 per 10万人) and nearer in population than the
    // city of 200,000: the ten peers' rates are 22 24 25 26 27 28 30 32 33.3 60 → median 27.5, MAD 3 (scale 4.4477);
    // OUTLIER_THRESHOLD 5: 27.5 ± 22.24 → 5.26 … 49.74 → for 50,000 people 2.63 … 24.87 → 3〜24;
    // 3.5: 27.5 ± 15.57 → 11.93 … 43.07 → 5.97 … 21.53 → 6〜21
    const file = (value: number) =>
      ["自治体コード,年月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数", `312037,2026-05,${value},1,4,2,1,0,0`].join("\n");
    const staged = async (value: number, threshold: number) => {
      const result = await stageUpload(handle.db, {
        user: await userOf("tottori-pref"),
        definition: datasets.monthly_support,
        fileName: "monthly.csv",
        source: Readable.from([Buffer.from(file(value))]),
        limits,
        today: "2026-11-23",
        outlierSettings: { threshold },
      });
      return listIssues(handle.db, result.uploadId, "warning", 10);
    };
    expect(await staged(24, 5)).toEqual([]);
    expect((await staged(25, 5)).map((i) => i.reason)).toEqual([expect.stringContaining("通常 5.3〜49.7件）から大きく外れています。倉吉市（人口50,000人）では 3〜24件にあたります")]);
    expect((await staged(24, 3.5)).map((i) => i.reason)).toEqual([expect.stringContaining("通常 11.9〜43.1件）から大きく外れています。倉吉市（人口50,000人）では 6〜21件にあたります")]);
  });
});
