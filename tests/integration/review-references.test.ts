import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { ensurePrefectures } from "../../db/queries/geography";
import { localGovernments, monthlyReviewEvents, monthlyReviews, monthlySubmissions, uploads, users } from "../../db/schema";
import { createTestDatabase } from "../setup/database";

// The review rows, their events and the submission times refer to bodies, uploads and users; since
// ADR 034 triggers check those references once per statement instead of per-row foreign keys. They
// must still refuse what a foreign key refused, on both drivers.

let handle: DatabaseHandle;
let uploadId: number;
let userId: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  await ensurePrefectures(handle.db);
  await handle.db.insert(localGovernments).values({ code: "312011", prefectureCode: "31", name: "鳥取市", kind: "core_city", hasWelfareOffice: true });
  const [user] = await handle.db.insert(users).values({ loginId: "ref-test", displayName: "テスト", role: "prefecture", prefectureCode: "31", passwordHash: "x" }).returning({ id: users.id });
  userId = user!.id;
  const [upload] = await handle.db
    .insert(uploads)
    .values({ dataset: "monthly_support", fileName: "a.csv", sizeBytes: 1, sha256: "", encoding: "utf-8", userId: null, status: "committed", committedAt: sql`now()` })
    .returning({ id: uploads.id });
  uploadId = upload!.id;
});

afterAll(async () => {
  await handle.close();
});

/** The error a statement failed with, through drizzle's wrapper (its cause) or the driver's own. */
async function failure(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    const e = error as { message: string; cause?: { message: string } };
    return `${e.message} ${e.cause?.message ?? ""}`;
  }
  return "no error";
}

const review = (over: Partial<typeof monthlyReviews.$inferInsert> = {}) => ({ localGovernmentCode: "312011", year: 2026, month: 4, state: "submitted", uploadId, updatedBy: userId, ...over });

describe("references of the review and submission rows, checked per statement", () => {
  it("accepts rows whose body, upload and user exist, many in one statement", async () => {
    await handle.db.insert(monthlyReviews).values([review(), review({ month: 5 }), review({ month: 6, uploadId: null, updatedBy: null })]);
    await handle.db.insert(monthlyReviewEvents).values({ localGovernmentCode: "312011", year: 2026, month: 4, action: "submit", toState: "submitted", uploadId, userId });
    await handle.db.insert(monthlySubmissions).values({ localGovernmentCode: "312011", year: 2026, month: 4, uploadId, submittedAt: "2026-05-08T00:00:00Z" });
    expect((await handle.db.select().from(monthlyReviews)).length).toBe(3);
  });

  it("refuses an upload, a user or a body that does not exist, naming it, and writes nothing of the statement", async () => {
    expect(await failure(handle.db.insert(monthlyReviews).values([review({ month: 7 }), review({ month: 8, uploadId: 999_999 })]))).toContain("uploads that do not exist: 999999");
    expect(await failure(handle.db.insert(monthlyReviews).values(review({ month: 7, updatedBy: 888_888 })))).toContain("users that do not exist: 888888");
    expect(await failure(handle.db.insert(monthlyReviews).values(review({ month: 7, localGovernmentCode: "999999" })))).toContain("local governments that do not exist: 999999");
    expect(await failure(handle.db.update(monthlyReviews).set({ uploadId: 777_777 }).where(sql`month = 4`))).toContain("uploads that do not exist: 777777");
    expect(
      await failure(handle.db.insert(monthlyReviewEvents).values({ localGovernmentCode: "312011", year: 2026, month: 4, action: "confirm", toState: "confirmed", userId: 666_666 })),
    ).toContain("users that do not exist: 666666");
    expect(
      await failure(handle.db.insert(monthlySubmissions).values({ localGovernmentCode: "312011", year: 2026, month: 9, uploadId: 555_555, submittedAt: "2026-10-08T00:00:00Z" })),
    ).toContain("uploads that do not exist: 555555");
    expect((await handle.db.select().from(monthlyReviews)).length).toBe(3);
    // the first event a commit keeps on the row (ADR 039) is checked like the rest
    expect(await failure(handle.db.insert(monthlyReviews).values(review({ month: 7, createdUploadId: 444_444 })))).toContain("uploads that do not exist: 444444");
    expect(await failure(handle.db.insert(monthlyReviews).values(review({ month: 7, createdBy: 333_333 })))).toContain("users that do not exist: 333333");
  });

  it("refuses to delete an upload or a user that only a row's first event names", async () => {
    const [creator] = await handle.db.insert(users).values({ loginId: "creator", displayName: "作成者", role: "municipality", prefectureCode: "31", localGovernmentCode: "312011", passwordHash: "x" }).returning({ id: users.id });
    const [created] = await handle.db.insert(uploads).values({ dataset: "monthly_support", fileName: "c.csv", sizeBytes: 1, sha256: "", encoding: "utf-8", userId: null, status: "committed" }).returning({ id: uploads.id });
    await handle.db.insert(monthlyReviews).values(review({ month: 10, createdEventId: 1_000_000, createdState: "submitted", createdUploadId: created!.id, createdBy: creator!.id, createdAt: "2026-11-05T00:00:00Z" }));
    expect(await failure(handle.db.delete(uploads).where(sql`id = ${created!.id}`))).toContain("still referred to");
    expect(await failure(handle.db.delete(users).where(sql`id = ${creator!.id}`))).toContain("still referred to");
  });

  it("refuses to delete an upload, a user or a body still referred to", async () => {
    expect(await failure(handle.db.delete(uploads).where(sql`id = ${uploadId}`))).toContain("still referred to");
    expect(await failure(handle.db.delete(users).where(sql`id = ${userId}`))).toContain("still referred to");
    expect(await failure(handle.db.delete(localGovernments).where(sql`code = '312011'`))).toContain("still referred to");
    // an upload nothing refers to can go, as before
    const [other] = await handle.db.insert(uploads).values({ dataset: "monthly_support", fileName: "b.csv", sizeBytes: 1, sha256: "", encoding: "utf-8", userId: null, status: "previewed" }).returning({ id: uploads.id });
    await handle.db.delete(uploads).where(sql`id = ${other!.id}`);
  });
});
