import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, queryRows, type DatabaseHandle } from "../../db";
import { getUpload } from "../../db/queries/uploads";
import { auditLog, localGovernments, uploads, users } from "../../db/schema";
import { datasets } from "../../app/domain/datasets";
import type { UploadLimits } from "../../app/server/uploads/stage.server";
import { failStaleStaging, stageUpload, UploadStreamError } from "../../app/server/uploads/service.server";
import { action as uploadAction } from "../../app/routes/uploads.$uploadId";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";
import { demoSessionCookies } from "../setup/login";

let handle: DatabaseHandle;
const limits: UploadLimits = { maxBytes: 20 * 1024 * 1024, maxRows: 200_000 };
let cookies: Record<string, string> = {};

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await loadSampleBodiesAndUsers(handle.db);
  cookies = await demoSessionCookies(["mhlw", "tottori-city", "tokyo-pref"]);
});
afterAll(async () => {
  await handle.close();
});

const header = "自治体コード,年度,月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数\n";

/** A monthly file of every body with a welfare office for three years, long enough for more than one staging batch (5,000 rows). */
async function nationalMonthlyCsv(): Promise<Uint8Array> {
  const bodies = await handle.db.select({ code: localGovernments.code }).from(localGovernments).where(sql`${localGovernments.hasWelfareOffice} and ${localGovernments.validTo} is null`);
  const lines: string[] = [];
  for (const { code } of bodies) for (const year of [2022, 2023, 2024]) for (let month = 1; month <= 12; month += 1) lines.push(`${code},${year},${month},1,1,1,1,1,0,0\n`);
  return new TextEncoder().encode(header + lines.join(""));
}

async function mhlw() {
  const [u] = await handle.db.select().from(users).where(eq(users.loginId, "mhlw"));
  return { id: u!.id, role: "mhlw" as const, prefectureCode: null, localGovernmentCode: null };
}

const stagedRows = async (uploadId: number) =>
  (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from staged_monthly_support_statistics where upload_id = ${uploadId}`))[0]!.n;

async function lastUploadId(): Promise<number> {
  const [row] = await queryRows<{ id: number }>(handle.db, sql`select max(id)::int as id from uploads`);
  return row!.id;
}

describe("an upload whose stream breaks off", () => {
  it("errors midway: the upload is failed and its staged rows (a batch already copied) deleted", async () => {
    const file = await nationalMonthlyCsv();
    expect(file.length).toBeGreaterThan(800_000);
    let copiedBeforeError = 0;
    const source = (async function* () {
      for (let offset = 0; offset < file.length * 0.8; offset += 64 * 1024) yield file.slice(offset, offset + 64 * 1024);
      // the first batch's COPY runs while validation goes on: wait until it has landed
      for (let tries = 0; tries < 250 && copiedBeforeError === 0; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        copiedBeforeError = await stagedRows(await lastUploadId());
      }
      throw new Error("aborted");
    })();
    await expect(stageUpload(handle.db, { user: await mhlw(), definition: datasets.monthly_support, fileName: "national.csv", source, limits })).rejects.toBeInstanceOf(UploadStreamError);
    const id = await lastUploadId();
    expect(copiedBeforeError).toBeGreaterThanOrEqual(5_000);
    expect(await getUpload(handle.db, id)).toMatchObject({ fileName: "national.csv", status: "failed", message: "読み込みが途中で止まったため、取り込んでいません。もう一度アップロードしてください" });
    expect(await stagedRows(id)).toBe(0);
  });

  it("a Request body shorter than its Content-Length: the same", async () => {
    const file = new TextEncoder().encode(header + "312011,2024,4,1,1,1,1,1,0,0\n312011,2024,5,1,1,1,1,1,0,0\n");
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls === 1) controller.enqueue(file.slice(0, 150));
        else controller.error(new TypeError("terminated: other side closed"));
      },
    });
    const request = new Request("http://localhost/", { method: "POST", body, duplex: "half", headers: { "Content-Length": String(file.length) } } as RequestInit);
    await expect(stageUpload(handle.db, { user: await mhlw(), definition: datasets.monthly_support, fileName: "short.csv", source: request.body! as unknown as AsyncIterable<Uint8Array>, limits })).rejects.toBeInstanceOf(
      UploadStreamError,
    );
    const id = await lastUploadId();
    expect(await getUpload(handle.db, id)).toMatchObject({ fileName: "short.csv", status: "failed" });
    expect(await stagedRows(id)).toBe(0);
  });
});

async function stuckUpload(loginId: string, minutesAgo: number): Promise<number> {
  const [u] = await handle.db.select().from(users).where(eq(users.loginId, loginId));
  const [row] = await handle.db
    .insert(uploads)
    .values({ dataset: "monthly_support", fileName: `stuck-${minutesAgo}.csv`, sizeBytes: 0, sha256: "", encoding: "", userId: u!.id, status: "staging", createdAt: sql`now() - make_interval(mins => ${minutesAgo})` })
    .returning({ id: uploads.id });
  await handle.db.execute(
    sql`insert into staged_monthly_support_statistics (upload_id, line, part, local_government_code, year, month, fiscal_year, new_consultations, plans_created, employment_support_targets, employed, increased_income, housing_benefit_decisions, referrals_to_public_assistance)
        values (${row!.id}, 2, 0, '312011', 2024, 4, 2024, 1, 1, 1, 1, 1, 0, 0), (${row!.id}, 3, 0, '312011', 2024, 5, 2024, 1, 1, 1, 1, 1, 0, 0)`,
  );
  return row!.id;
}

describe("stuck staging uploads", () => {
  it("start-up cleanup fails staging uploads older than the threshold and deletes their staged rows; younger ones are left to their process", async () => {
    const stale = await stuckUpload("tottori-city", 30);
    const young = await stuckUpload("tottori-city", 1);
    expect(await stagedRows(stale)).toBe(2);
    expect(await failStaleStaging(handle.db, 10)).toBe(1);
    expect(await getUpload(handle.db, stale)).toMatchObject({ status: "failed", message: "読み込みが途中で止まったため、取り込んでいません。もう一度アップロードしてください" });
    expect(await stagedRows(stale)).toBe(0);
    expect(await getUpload(handle.db, young)).toMatchObject({ status: "staging" });
    expect(await stagedRows(young)).toBe(2);
    expect(await failStaleStaging(handle.db, 10)).toBe(0);
  });

  it("the owner can discard a stuck upload (audited); a user outside its scope cannot", async () => {
    const id = await stuckUpload("tottori-city", 1);
    const post = (loginId: string) =>
      uploadAction({
        request: new Request(`http://localhost/uploads/${id}`, { method: "POST", body: new URLSearchParams({ intent: "discard" }), headers: { Cookie: cookies[loginId]! } }),
        params: { uploadId: String(id) },
        context: {},
      }).catch((error: unknown) => error);
    expect(((await post("tokyo-pref")) as Response).status).toBe(404);
    expect(await getUpload(handle.db, id)).toMatchObject({ status: "staging" });
    const response = (await post("tottori-city")) as Response;
    expect(response.status).toBe(302);
    expect(await getUpload(handle.db, id)).toMatchObject({ status: "discarded" });
    expect(await stagedRows(id)).toBe(0);
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.target, String(id)));
    expect(audit.map((a) => a.action)).toEqual(["upload.discard"]);
  });
});
