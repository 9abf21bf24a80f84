import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows, sql, type DatabaseTarget } from "../../db/client";
import { createThrowawayDatabase } from "../../db/throwaway";
import { readDemoSample } from "../../seeds/demo";
import { createAppDatabase, HttpSession, monthlyCsv, startApp, type RunningApp } from "./harness";

// Faults and load on the real server process: SIGKILL in the middle of a commit (on the database the
// run is configured for), 20 users uploading at once, and reads during a large commit (PostgreSQL).

const implementingBodies = readDemoSample()
  .filter((b) => b.implementing)
  .map((b) => b.code);
// every implementing body, FY2016–FY2025: 862 × 120 = 103,440 rows, each a change from the demo figures
const largeFile = monthlyCsv(implementingBodies, [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025], 7);

const statusOf = async (session: HttpSession, uploadId: number) => {
  const html = await (await session.get(`/uploads/${uploadId}`)).text();
  return /状態: <strong>([^<]+)<\/strong>/.exec(html)?.[1] ?? null;
};

/** Starts the commit and resolves once the server logs that its transaction is applying the rows. */
async function commitUntilApplying(app: RunningApp, session: HttpSession, uploadId: number): Promise<{ response: Promise<Response> }> {
  const marker = `"uploadId":${uploadId},"dataset":"monthly_support","rows":`;
  // the generated figures are far from the demo history and change long-closed fiscal years: committing them needs an explanation (ADR 018)
  const response = session.post(`/uploads/${uploadId}`, { intent: "commit", explanation: "負荷試験のデータ" });
  response.catch(() => {}); // the server may die under it
  await expect.poll(() => app.output().includes(marker) && app.output().includes("upload commit: applying"), { timeout: 60_000, interval: 20 }).toBe(true);
  return { response };
}

async function withDatabase<T>(env: Record<string, string>, run: (query: <R>(text: ReturnType<typeof sql>) => Promise<R[]>) => Promise<T>): Promise<T> {
  const target: DatabaseTarget = env.DATABASE_URL ? { driver: "postgres", url: env.DATABASE_URL } : { driver: "pglite", dataDir: path.resolve(env.PGLITE_DIR!) };
  const handle = await openDatabase(target);
  try {
    return await run((text) => queryRows(handle.db, text));
  } finally {
    await handle.close();
  }
}

describe(`faults and concurrency (${process.env.E2E_DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  let database: Awaited<ReturnType<typeof createAppDatabase>>;
  let app: RunningApp | undefined;
  let killedUpload = 0;
  const concurrentUploads: { loginId: string; code: string; uploadId: number }[] = [];
  afterAll(async () => {
    await app?.stop();
    await database?.remove();
  });

  it("kills the server with SIGKILL while it commits 103,440 rows: after restart none of them is there and the upload shows as failed", async () => {
    database = await createAppDatabase();
    app = await startApp(database.env);
    const session = await HttpSession.logIn(app.url, "mhlw");
    killedUpload = await session.upload("monthly_support", largeFile, "全国_月次.csv");
    expect(await statusOf(session, killedUpload)).toBe("確認待ち（未反映）");
    await commitUntilApplying(app, session, killedUpload);
    app.process.kill("SIGKILL");
    expect(await app.stop()).toBeNull(); // killed by the signal, no exit code

    app = await startApp(database.env);
    expect(app.output()).toContain("uploads interrupted while committing were marked failed");
    const again = await HttpSession.logIn(app.url, "mhlw");
    expect(await statusOf(again, killedUpload)).toBe("失敗（反映していません）");
  });

  it("lands 20 uploads committed at the same moment by 20 different users", async () => {
    const tokyo = await HttpSession.logIn(app!.url, "tokyo-pref");
    const tokyoBodies = readDemoSample()
      .filter((b) => b.prefectureCode === "13" && b.implementing && b.kind !== "prefecture")
      .slice(0, 20);
    expect(tokyoBodies).toHaveLength(20);
    const temporary = "kari-pass-2026-x";
    for (const [i, body] of tokyoBodies.entries()) {
      const loginId = `tokyo-body-${i}`;
      const created = await tokyo.post("/admin/users", { intent: "create", loginId, displayName: body.name, role: "municipality", localGovernmentCode: body.code, password: temporary, passwordConfirm: temporary });
      expect(created.status, await created.text()).toBe(302);
      concurrentUploads.push({ loginId, code: body.code, uploadId: 0 });
    }
    const sessions = await Promise.all(
      concurrentUploads.map(async (u) => {
        const s = await HttpSession.logIn(app!.url, u.loginId, temporary);
        const changed = await s.post("/account/password", { currentPassword: temporary, password: `mori-no-komichi-${u.code}`, passwordConfirm: `mori-no-komichi-${u.code}` });
        expect(changed.status).toBe(302);
        return s;
      }),
    );
    // every user previews its own file at once, then every user commits at once
    const ids = await Promise.all(sessions.map((s, i) => s.upload("monthly_support", monthlyCsv([concurrentUploads[i]!.code], [2025], 500 + i))));
    ids.forEach((id, i) => (concurrentUploads[i]!.uploadId = id));
    const commits = await Promise.all(sessions.map((s, i) => s.post(`/uploads/${ids[i]}`, { intent: "commit", explanation: "同時確定の試験" })));
    expect(commits.map((r) => r.status)).toEqual(Array(20).fill(302));
    const statuses = await Promise.all(sessions.map((s, i) => statusOf(s, ids[i]!)));
    expect(statuses).toEqual(Array(20).fill("反映済み"));
  });

  it("holds in the database: none of the killed upload, all of the 20", async () => {
    await app!.stop();
    app = undefined;
    await withDatabase(database.env, async (query) => {
      const [killed] = await query<{ rows: number; history: number; status: string }>(
        sql`select (select count(*)::int from monthly_support_statistics where upload_id = ${killedUpload}) as rows,
                   (select count(*)::int from upload_changes where upload_id = ${killedUpload}) as history,
                   (select status from uploads where id = ${killedUpload}) as status`,
      );
      expect(killed).toEqual({ rows: 0, history: 0, status: "failed" });
      // the demo figures are untouched: no month of FY2016–FY2025 holds the file's 7s
      const [sevens] = await query<{ n: number }>(sql`select count(*)::int as n from monthly_support_statistics where new_consultations = 7 and plans_created = 7 and housing_benefit_decisions = 7`);
      expect(sevens!.n).toBe(0);
      for (const [i, u] of concurrentUploads.entries()) {
        const rows = await query<{ n: number; v: number }>(
          sql`select count(*)::int as n, min(new_consultations)::int as v from monthly_support_statistics where upload_id = ${u.uploadId} and local_government_code = ${u.code}`,
        );
        expect(rows[0], u.loginId).toEqual({ n: 12, v: 500 + i });
      }
    });
  });
});

describe("reads during a large commit (PostgreSQL)", () => {
  let throwaway: Awaited<ReturnType<typeof createThrowawayDatabase>> | undefined;
  let app: RunningApp | undefined;
  afterAll(async () => {
    await app?.stop();
    await throwaway?.drop();
  });

  it("keeps serving pages while 103,440 rows commit", async () => {
    throwaway = await createThrowawayDatabase(process.env.E2E_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres", "tsunagu_e2e_reads");
    app = await startApp({ DATABASE_URL: throwaway.url });
    const writer = await HttpSession.logIn(app.url, "mhlw");
    const reader = await HttpSession.logIn(app.url, "tottori-pref");
    const uploadId = await writer.upload("monthly_support", largeFile, "全国_月次.csv");
    const { response } = await commitUntilApplying(app, writer, uploadId);
    let committed = false;
    const done = response.then((r) => {
      committed = true;
      return r;
    });
    // pages read while the commit's transaction is open, one after another, until it ends
    const admin = postgres(throwaway.url, { max: 1, onnotice: () => {} });
    const readsDuringCommit: number[] = [];
    try {
      for (const page of ["/prefectures/31/support", "/prefectures/31/jusou", "/municipalities/312011", "/prefectures/31/supervision?fy=2025", "/", "/prefectures/31"]) {
        const [state] = await admin<{ status: string }[]>`select status from uploads where id = ${uploadId}`;
        const read = await reader.get(page);
        const [after] = await admin<{ status: string }[]>`select status from uploads where id = ${uploadId}`;
        expect(read.status, page).toBe(200);
        if (!committed && state!.status === "committing" && after!.status === "committing") readsDuringCommit.push(read.status);
      }
    } finally {
      await admin.end();
    }
    expect((await done).status).toBe(302);
    expect(readsDuringCommit.length).toBeGreaterThanOrEqual(3);
  });
});
