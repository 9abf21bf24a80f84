import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../db";
import { monthlySupportStatistics } from "../../db/schema";
import { datasets } from "../../app/domain/datasets";
import { commitUpload, stageUpload } from "../../app/server/uploads/service.server";
import { action as reviewAction, loader as reviewLoader } from "../../app/routes/municipalities.$code_.review.$month";
import { loader as queueLoader } from "../../app/routes/prefectures.$code_.review";
import { loader as municipalityLoader } from "../../app/routes/municipalities.$code";
import { loader as prefectureLoader } from "../../app/routes/prefectures.$code";
import { routeTestDatabase } from "../setup/route-database";
import { callRoute } from "../setup/routes";
import { month } from "../setup/monthly";

// The review pages (ADR 022): what the prefecture sees to decide, what the body sees, and that bad or
// stale posts answer with a Japanese message, never a 500.

const context = routeTestDatabase(["tottori-pref", "tottori-city"]);
const page = "/municipalities/312011/review/2026-10";
const params = { code: "312011", month: "2026-10" };
const header = "自治体コード,年月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数";
async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text, "utf8");
}

type ReviewPage = {
  figures: { key: string; value: number | null; lastYear: number | null; change: number | null }[];
  review: { state: string; version: number; comment: string | null } | null;
  upload: { fileName: string; explanation: string | null } | null;
  canReview: boolean;
  events: { action: string }[];
};

describe("the review pages", () => {
  it("show the month against the same month last year, the upload's explanation, and who may decide", async () => {
    const { db } = context.handle;
    await db.insert(monthlySupportStatistics).values(month("312011", 2025, 10, 30));
    const [city] = await queryRows<{ id: number }>(db, sql`select id from users where login_id = 'tottori-city'`);
    const actor = { id: city!.id, role: "municipality" as const, prefectureCode: "31", localGovernmentCode: "312011" };
    const staged = await stageUpload(db, {
      user: actor,
      definition: datasets.monthly_support,
      fileName: "鳥取市_10月.csv",
      source: bytes(`${header}\n312011,2026-10,42,5,3,2,1,0,0\n`),
      limits: { maxBytes: 100_000, maxRows: 10 },
      today: "2026-12-02",
    });
    await commitUpload(db, actor, staged.uploadId, { explanation: "相談会を開いたため増えました" });

    const asPref = await callRoute(reviewLoader, { url: page, params, cookie: context.cookies["tottori-pref"] });
    const d = asPref.data as ReviewPage;
    expect(d.figures.find((f) => f.key === "newConsultations")).toEqual({ key: "newConsultations", label: "新規相談受付件数", value: 42, lastYear: 30, change: 12 });
    expect(d.review).toMatchObject({ state: "submitted", version: 1 });
    expect(d.upload).toMatchObject({ fileName: "鳥取市_10月.csv", explanation: "相談会を開いたため増えました" });
    expect(d.canReview).toBe(true);
    const asCity = await callRoute(reviewLoader, { url: page, params, cookie: context.cookies["tottori-city"] });
    expect((asCity.data as ReviewPage).canReview).toBe(false);

    const queue = await callRoute(queueLoader, { url: "/prefectures/31/review", params: { code: "31" }, cookie: context.cookies["tottori-pref"] });
    expect(queue.data).toMatchObject({ toConfirm: [{ localGovernmentCode: "312011", year: 2026, month: 10, href: page }], returned: [] });
  });

  it("answer bad, incomplete and stale posts with a message (400, 409), not a 500", async () => {
    const post = (form: Record<string, string>) => callRoute(reviewAction, { url: page, params, cookie: context.cookies["tottori-pref"], form });
    expect(await post({ intent: "approve", version: "1" })).toMatchObject({ status: 400, data: { formError: "操作が正しくありません" } });
    expect(await post({ intent: "return", version: "1", comment: "" })).toMatchObject({ status: 409, data: { formError: expect.stringContaining("差し戻す理由") } });
    expect(await post({ intent: "confirm", version: "7" })).toMatchObject({ status: 409, data: { formError: expect.stringContaining("画面を開いた後に変わりました") } });
    expect(await post({ intent: "return", version: "1", comment: "前年同月より4割多い理由を教えてください" })).toMatchObject({ status: 302, location: `${page}?done=return` });
  });

  it("show the returned month with its comment on the body's page, and 暫定 on its months and in the prefecture's body table", async () => {
    const body = await callRoute(municipalityLoader, { url: "/municipalities/312011?fy=2026", params: { code: "312011" }, cookie: context.cookies["tottori-city"] });
    const b = body.data as { returned: { year: number; month: number; comment: string }[]; months: { month: number; reviewState: string | null }[] };
    expect(b.returned).toEqual([{ year: 2026, month: 10, comment: "前年同月より4割多い理由を教えてください", updatedAt: expect.any(String) }]);
    expect(b.months.map((m) => [m.month, m.reviewState])).toEqual([[10, "returned"]]);
    const pref = await callRoute(prefectureLoader, { url: "/prefectures/31?fy=2026", params: { code: "31" }, cookie: context.cookies["tottori-pref"] });
    const bodies = (pref.data as { bodies: { code: string; provisionalMonths: number }[] }).bodies;
    expect(bodies.find((x) => x.code === "312011")!.provisionalMonths).toBe(1);
    expect(bodies.find((x) => x.code === "312029")!.provisionalMonths).toBe(0);
  });
});
