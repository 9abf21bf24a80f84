import { and, eq, sql } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, queryRows, type DatabaseHandle } from "../../db";
import { getUpload, listIssues } from "../../db/queries/uploads";
import { monthlySupportStatistics, staffTraining, users } from "../../db/schema";
import { datasets, type DatasetId } from "../../app/domain/datasets";
import { monthlyMetricCatalogue } from "../../app/domain/metric-catalogue";
import { validationRules } from "../../app/domain/validation-rules";
import { templateDownload } from "../../app/routes/datasets.$dataset.download.server";
import { loader as rulesLoader } from "../../app/routes/rules";
import { commitUpload, stageUpload } from "../../app/server/uploads/service.server";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";
import { demoSessionCookies } from "../setup/login";
import { month } from "../setup/monthly";
import { callRoute } from "../setup/routes";

// The rules beyond single cells, as 鳥取市 meets them on 2 December 2026 (Japan): period rules,
// the fiscal-year totals with the months already stored, and the template's example rows.

let handle: DatabaseHandle;
const limits = { maxBytes: 1024 * 1024, maxRows: 1000 };
const today = "2026-12-02";

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await loadSampleBodiesAndUsers(handle.db);
});
afterAll(async () => {
  await handle.close();
});

async function tottoriCity() {
  const [u] = await handle.db.select().from(users).where(eq(users.loginId, "tottori-city"));
  return { id: u!.id, role: u!.role as "municipality", prefectureCode: u!.prefectureCode, localGovernmentCode: u!.localGovernmentCode };
}

async function stage(dataset: DatasetId, body: Buffer | string) {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const result = await stageUpload(handle.db, {
    user: await tottoriCity(),
    definition: datasets[dataset],
    fileName: "upload.csv",
    source: (async function* () {
      yield new Uint8Array(bytes);
    })(),
    limits,
    today,
    closedFiscalYearMonths: 6,
  });
  const upload = await getUpload(handle.db, result.uploadId);
  return {
    ...result,
    counts: upload!.counts!,
    errors: await listIssues(handle.db, result.uploadId, "error", 100),
    warnings: await listIssues(handle.db, result.uploadId, "warning", 100),
  };
}

const monthlyHeader = `自治体コード,年月,${monthlyMetricCatalogue.map((m) => m.label).join(",")}\n`;
/** A 鳥取市 monthly row: the metrics in catalogue order (新規相談, プラン, 就労支援対象, 就労, 増収, 住居確保, つなぎ). */
const monthlyRow = (yearMonth: string, counts: readonly number[]) => `312011,${yearMonth},${counts.join(",")}\n`;

async function storeMonth(year: number, m: number, newConsultations: number, plansCreated: number) {
  await handle.db
    .insert(monthlySupportStatistics)
    .values({ ...month("312011", year, m, newConsultations), plansCreated })
    .onConflictDoUpdate({
      target: [monthlySupportStatistics.localGovernmentCode, monthlySupportStatistics.year, monthlySupportStatistics.month],
      set: { newConsultations, plansCreated },
    });
}

describe("period rules", () => {
  it("refuses a month after the current one at its line, and takes the current month", async () => {
    const file = monthlyHeader + monthlyRow("2026-12", [150, 30, 10, 5, 2, 1, 1]) + monthlyRow("2027-02", [150, 30, 10, 5, 2, 1, 1]);
    const result = await stage("monthly_support", file);
    expect(result.counts).toMatchObject({ rows: 2, errorRows: 1, new: 1 });
    expect(result.errors).toEqual([
      { line: 3, column: "年月", value: "2027-02", reason: "2027年2月はまだ来ていません（今日は2026年12月2日）。未来の月のデータは登録できません" },
    ]);
  });

  it("refuses a fiscal year not yet begun", async () => {
    const file = "自治体コード,年度,職種,配置人数,国研修（前期）修了者数,都道府県研修（後期）修了者数,修了証取得者数\n312011,2027,相談支援員,5,4,3,3\n";
    const result = await stage("staff_training", file);
    expect(result.errors).toEqual([{ line: 2, column: "年度", value: "2027", reason: "2027年度はまだ始まっていません（今年度は2026年度）。未来の年度のデータは登録できません" }]);
  });

  it("warns when a change reaches a fiscal year closed more than six months ago, not when the row is new or unchanged", async () => {
    await storeMonth(2021, 6, 140, 20);
    // FY2021 June changes (140 → 141), FY2021 July is new, FY2026 April changes nothing closed
    await storeMonth(2026, 4, 100, 20);
    const file = monthlyHeader + monthlyRow("2021-06", [141, 20, 4, 2, 1, 0, 0]) + monthlyRow("2021-07", [150, 20, 4, 2, 1, 0, 0]) + monthlyRow("2026-04", [101, 20, 4, 2, 1, 0, 0]);
    const result = await stage("monthly_support", file);
    expect(result.status).toBe("previewed");
    expect(result.counts).toMatchObject({ rows: 3, new: 1, changed: 2, errorRows: 0, warnings: 1, closedFiscalYearChanges: 1 });
    expect(result.warnings).toEqual([
      { line: 2, column: "年度", value: "2021", reason: "2021年度は締めてから6か月を過ぎています。登録済みの数値を変更する行です（変更が正しいか確かめ、確定するときは理由を「説明」に入力してください）" },
    ]);
    // the same figures again change nothing: no warning
    const again = await stage("monthly_support", monthlyHeader + monthlyRow("2021-06", [140, 20, 4, 2, 1, 0, 0]));
    expect(again.counts).toMatchObject({ unchanged: 1, warnings: 0, closedFiscalYearChanges: 0 });
  });

  it("commits a change to a long-closed fiscal year only with an explanation, kept with the upload and in the audit entry", async () => {
    await storeMonth(2022, 6, 120, 20);
    const result = await stage("monthly_support", monthlyHeader + monthlyRow("2022-06", [121, 20, 4, 2, 1, 0, 0]));
    expect(result.counts).toMatchObject({ changed: 1, warnings: 1, flagged: 0, closedFiscalYearChanges: 1 });
    const actor = await tottoriCity();
    await expect(commitUpload(handle.db, actor, result.uploadId)).rejects.toThrow(
      "締めてから期間の過ぎた年度の登録済みの数値を変える行が1件あります。値が正しい理由（例: 制度改正で相談が増えた）を「説明」に入力してから確定してください",
    );
    await expect(commitUpload(handle.db, actor, result.uploadId, { explanation: "   " })).rejects.toThrow("「説明」に入力してから確定してください");
    const stored = () =>
      handle.db.select({ n: monthlySupportStatistics.newConsultations }).from(monthlySupportStatistics).where(and(eq(monthlySupportStatistics.localGovernmentCode, "312011"), eq(monthlySupportStatistics.year, 2022), eq(monthlySupportStatistics.month, 6)));
    expect(await stored()).toEqual([{ n: 120 }]);
    await commitUpload(handle.db, actor, result.uploadId, { explanation: "県の確認で6月の新規相談の集計漏れ1件が見つかったため" });
    expect(await stored()).toEqual([{ n: 121 }]);
    expect((await getUpload(handle.db, result.uploadId))!.explanation).toBe("県の確認で6月の新規相談の集計漏れ1件が見つかったため");
    const [entry] = await queryRows<{ detail: { explanation?: string } }>(handle.db, sql`select detail from audit_log where action = 'upload.commit' and target = ${String(result.uploadId)}`);
    expect(entry!.detail.explanation).toBe("県の確認で6月の新規相談の集計漏れ1件が見つかったため");
  });
});

describe("rules across columns", () => {
  it("warns when 就労者数 + 増収者数 exceed 就労支援対象者数 in a month", async () => {
    // 3 + 2 = 5 > 4; the next row's 2 + 2 = 4 is within
    const file = monthlyHeader + monthlyRow("2026-05", [100, 10, 4, 3, 2, 0, 0]) + monthlyRow("2026-06", [100, 10, 4, 2, 2, 0, 0]);
    const result = await stage("monthly_support", file);
    expect(result.warnings).toEqual([{ line: 2, column: "就労者数", value: "3", reason: "就労者数と増収者数の合計が就労支援対象者数を上回っています" }]);
  });

  it("warns when a fiscal year's プラン作成件数 exceed its 新規相談受付件数, counting the months already stored once", async () => {
    // stored FY2024: April 10 new / 0 plans, May 5 new / 20 plans (20 > 15 over the year as stored)
    await storeMonth(2024, 4, 10, 0);
    await storeMonth(2024, 5, 5, 20);
    // the file replaces May with 5 new / 1 plan: 1 ≤ 15 over the year (counting the old May too would give 21 > 20)
    const replaced = await stage("monthly_support", monthlyHeader + monthlyRow("2024-05", [5, 1, 0, 0, 0, 0, 0]));
    // (FY2024 closed long ago: changing May is warned about as such, which is another rule)
    const planRule = (issues: { column: string }[]) => issues.filter((i) => i.column === "プラン作成件数");
    expect(replaced.warnings.map((w) => w.reason)).toEqual(["2024年度は締めてから6か月を過ぎています。登録済みの数値を変更する行です（変更が正しいか確かめ、確定するときは理由を「説明」に入力してください）"]);
    // (that upload stays a preview: May is still 5 / 20) June 3 / 9 and July 3 / 0: plans 0 + 20 + 9 + 0 = 29 > new 10 + 5 + 3 + 3 = 21,
    // reported at the file's last line of that year
    const june = await stage("monthly_support", monthlyHeader + monthlyRow("2024-06", [3, 9, 0, 0, 0, 0, 0]) + monthlyRow("2024-07", [3, 0, 0, 0, 0, 0, 0]));
    expect(june.counts.warnings).toBe(1);
    expect(planRule(june.warnings)).toEqual([
      {
        line: 3,
        column: "プラン作成件数",
        value: "312011 2024年度",
        reason: "2024年度の合計で、プラン作成件数（29件）が新規相談受付件数（21件）を上回っています（登録済みの月も合わせて数えます）",
      },
    ]);
  });

  it("keeps 修了証 ≤ 配置 as a warning that does not block the commit", async () => {
    const file = "自治体コード,年度,職種,配置人数,国研修（前期）修了者数,都道府県研修（後期）修了者数,修了証取得者数\n312011,2026,相談支援員,2,2,2,3\n";
    const result = await stage("staff_training", file);
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.reason)).toEqual(["修了証取得者数が配置人数を上回っています", "修了証取得者数が前期・後期の両方の修了者数を上回っています"]);
    await commitUpload(handle.db, await tottoriCity(), result.uploadId);
    expect(await handle.db.select({ certified: staffTraining.certified }).from(staffTraining).where(eq(staffTraining.localGovernmentCode, "312011"))).toEqual([{ certified: 3 }]);
  });
});

describe("the template", () => {
  const fy2021April = () =>
    handle.db
      .select({ newConsultations: monthlySupportStatistics.newConsultations })
      .from(monthlySupportStatistics)
      .where(and(eq(monthlySupportStatistics.localGovernmentCode, "312011"), eq(monthlySupportStatistics.year, 2021), eq(monthlySupportStatistics.month, 4)));
  const downloaded = async (encoding: "shift_jis" | "utf-8-bom") => Buffer.from(await templateDownload("monthly_support", encoding).arrayBuffer());

  beforeAll(async () => {
    await storeMonth(2021, 4, 74, 10);
  });

  it("as downloaded, uploaded by 鳥取市, is refused and offers to overwrite nothing", async () => {
    const result = await stage("monthly_support", await downloaded("shift_jis"));
    expect(result.status).toBe("rejected");
    expect(result.fileErrors.map((e) => e.reason)).toEqual(["テンプレートの記入例のままです。記入例の行を削除し、自分の自治体のデータを入力してからアップロードしてください"]);
    expect(result.counts).toMatchObject({ new: 0, changed: 0 });
    const [staged] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from staged_monthly_support_statistics where upload_id = ${result.uploadId}`);
    expect(staged!.n).toBe(0);
    expect(await fy2021April()).toEqual([{ newConsultations: 74 }]);
  });

  it("is refused unchanged without its 「例」 column too", async () => {
    const text = iconv.decode(await downloaded("utf-8-bom"), "utf8").replace(/^\uFEFF/, "");
    const withoutMarks = text
      .split("\r\n")
      .map((line) => line.replace(/^[^,]*,/, ""))
      .join("\r\n");
    const result = await stage("monthly_support", withoutMarks);
    expect(result.status).toBe("rejected");
    expect(result.fileErrors[0]!.reason).toMatch(/^テンプレートの記入例のままです/);
  });

  it("never stages a row still marked as an example, even with other figures", async () => {
    const text = iconv.decode(await downloaded("utf-8-bom"), "utf8").replace(/^\uFEFF/, "");
    const [header, first, second] = text.split(/\r?\n/);
    const edited = [header, first!.replace(",152,", ",151,"), second, "", ""].join("\r\n");
    const result = await stage("monthly_support", edited);
    expect(result.status).toBe("previewed");
    expect(result.counts).toMatchObject({ rows: 2, errorRows: 2, new: 0, changed: 0 });
    expect(result.errors.map((e) => [e.line, e.column, e.value])).toEqual([
      [2, "例", "例"],
      [3, "例", "例"],
    ]);
    expect(result.errors[0]!.reason).toMatch(/^テンプレートの記入例の行です/);
    await expect(commitUpload(handle.db, await tottoriCity(), result.uploadId)).rejects.toThrow("エラーのある行があるため確定できません");
    expect(await fy2021April()).toEqual([{ newConsultations: 74 }]);
  });
});

describe("ルール一覧", () => {
  it("lists every rule of the rules module with its datasets, severity and message", async () => {
    const cookies = await demoSessionCookies(["tottori-city"]);
    const page = await callRoute(rulesLoader, { url: "/rules", cookie: cookies["tottori-city"] });
    expect(page.status).toBe(200);
    const { rules } = page.data as { rules: { id: string; datasets: string[]; severity: string; message: string }[] };
    expect(rules.map((r) => r.id)).toEqual(validationRules.map((r) => r.id));
    expect(rules).toContainEqual(expect.objectContaining({ id: "staff.certified-within-assigned", datasets: ["支援員配置・研修"], severity: "warning", message: "修了証取得者数が配置人数を上回っています" }));
    expect(rules.find((r) => r.id === "monthly.plans-within-new-consultations")).toMatchObject({ datasets: ["月次支援状況"], severity: "warning" });
    expect(rules.find((r) => r.id === "period.closed-fiscal-year")).toMatchObject({ severityLabel: "警告（「説明」を入力すれば登録できます）", message: expect.stringMatching(/現在の設定: 6か月/) });
    expect((page.data as { outliers: object }).outliers).toMatchObject({ threshold: 3.5, minHistory: 6, peers: 10, minPeers: 6 });
    expect((await callRoute(rulesLoader, { url: "/rules" })).status).toBe(302);
  });

  it("shows the outlier settings in force, which the environment sets without a code change", async () => {
    const cookies = await demoSessionCookies(["mhlw"]);
    const saved = { threshold: process.env.OUTLIER_THRESHOLD, minHistory: process.env.OUTLIER_MIN_HISTORY };
    process.env.OUTLIER_THRESHOLD = "4.5";
    process.env.OUTLIER_MIN_HISTORY = "10";
    try {
      const page = await callRoute(rulesLoader, { url: "/rules", cookie: cookies.mhlw });
      expect((page.data as { outliers: object }).outliers).toMatchObject({ threshold: 4.5, minHistory: 10 });
    } finally {
      for (const [key, value] of [["OUTLIER_THRESHOLD", saved.threshold], ["OUTLIER_MIN_HISTORY", saved.minHistory]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
