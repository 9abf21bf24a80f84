import { readFileSync } from "node:fs";
import { desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, queryRows, type DatabaseHandle } from "../../db";
import { monthlySupportStatistics, uploads } from "../../db/schema";
import { action as newUploadAction, loader as newUploadLoader } from "../../app/routes/uploads.new.$dataset";
import { action as uploadAction, loader as uploadLoader } from "../../app/routes/uploads.$uploadId";
import { loader as downloadLoader } from "../../app/routes/datasets.$dataset.download";
import { loader as uploadsIndexLoader } from "../../app/routes/uploads._index";
import { callRoute } from "../setup/routes";
import { createTestDatabase } from "../setup/database";
import { demoSessionCookies } from "../setup/login";
import { loadSampleBodiesAndUsers } from "../setup/bodies";

let handle: DatabaseHandle;
const base = "http://localhost";
const cookies: Record<string, string> = {};

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await loadSampleBodiesAndUsers(handle.db);
  Object.assign(cookies, await demoSessionCookies(["mhlw", "tottori-pref", "tokyo-pref", "tottori-city"]));
});
afterAll(async () => {
  await handle.close();
});

function multipart(fixture: string, name = fixture) {
  const form = new FormData();
  form.append("file", new Blob([readFileSync(`tests/fixtures/${fixture}`)], { type: "text/csv" }), name);
  return form;
}

async function upload(loginId: string, dataset: string, fixture: string): Promise<Response> {
  const request = new Request(`${base}/uploads/new/${dataset}`, { method: "POST", body: multipart(fixture), headers: { Cookie: cookies[loginId]! } });
  return (await newUploadAction({ request, params: { dataset }, context: {} })) as Response;
}

function post(loginId: string, path: string, fields: Record<string, string>) {
  return new Request(`${base}${path}`, { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookies[loginId]! } });
}

async function thrownStatus(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as Response).status;
  }
}

describe("upload routes by role", () => {
  let cityUploadId: number;

  it("streams a multipart upload into a preview and redirects to it", async () => {
    const response = await upload("tottori-city", "monthly_support", "monthly-tottori-city-sjis.csv");
    expect(response.status).toBe(302);
    cityUploadId = Number(response.headers.get("Location")!.split("/").pop());
    const [row] = await handle.db.select().from(uploads).where(eq(uploads.id, cityUploadId));
    expect(row).toMatchObject({ status: "previewed", message: null, encoding: "shift_jis", fileName: "monthly-tottori-city-sjis.csv" });
  });

  it("streams an Excel workbook the same way", async () => {
    const response = await upload("tottori-city", "monthly_support", "monthly-tottori-city.xlsx");
    expect(response.status).toBe(302);
    const id = Number(response.headers.get("Location")!.split("/").pop());
    const [row] = await handle.db.select().from(uploads).where(eq(uploads.id, id));
    expect(row).toMatchObject({ status: "previewed", message: null, encoding: "xlsx", counts: expect.objectContaining({ rows: 3, new: 3, errorRows: 0 }) });
  });

  it("hides an upload from users outside its scope, and refuses their forged POSTs", async () => {
    const request = (loginId: string) => new Request(`${base}/uploads/${cityUploadId}`, { headers: { Cookie: cookies[loginId]! } });
    expect(await thrownStatus(uploadLoader({ request: request("tottori-city"), params: { uploadId: String(cityUploadId) }, context: {} }))).toBe(200);
    expect(await thrownStatus(uploadLoader({ request: request("tottori-pref"), params: { uploadId: String(cityUploadId) }, context: {} }))).toBe(200);
    expect(await thrownStatus(uploadLoader({ request: request("mhlw"), params: { uploadId: String(cityUploadId) }, context: {} }))).toBe(200);
    expect(await thrownStatus(uploadLoader({ request: request("tokyo-pref"), params: { uploadId: String(cityUploadId) }, context: {} }))).toBe(404);
    const forged = uploadAction({ request: post("tokyo-pref", `/uploads/${cityUploadId}`, { intent: "commit" }), params: { uploadId: String(cityUploadId) }, context: {} });
    expect(await thrownStatus(forged)).toBe(404);
    expect(await handle.db.select().from(monthlySupportStatistics)).toEqual([]);
  });

  it("commits for the uploader and keeps datasets to their roles", async () => {
    const response = (await uploadAction({ request: post("tottori-city", `/uploads/${cityUploadId}`, { intent: "commit" }), params: { uploadId: String(cityUploadId) }, context: {} })) as Response;
    expect(response.status).toBe(302);
    expect(await handle.db.select().from(monthlySupportStatistics)).toHaveLength(3);
    const forbidden = newUploadLoader({ request: new Request(`${base}/uploads/new/target_values`, { headers: { Cookie: cookies["tottori-pref"]! } }), params: { dataset: "target_values" }, context: {} });
    expect(await thrownStatus(forbidden)).toBe(403);
    expect(await thrownStatus(upload("tottori-city", "supervision", "monthly-tottori-city-sjis.csv"))).toBe(403);
  });

  it("after the commit, the page still lists the rows the upload added and links to them on the data page", async () => {
    const detail = await callRoute(uploadLoader, { url: `/uploads/${cityUploadId}`, params: { uploadId: String(cityUploadId) }, cookie: cookies["tottori-city"] });
    const { changes, resultLink } = detail.data as { changes: { target: string; column: string; before: string; after: string }[]; resultLink: string | null };
    // 3 new rows × 7 counts (the fiscal year is not listed for new rows)
    expect(changes).toHaveLength(21);
    expect(changes).toContainEqual({ line: null, target: "鳥取市 2025年4月", column: "新規相談受付件数", before: "（新規）", after: "1,234" });
    expect(changes).toContainEqual({ line: null, target: "鳥取市 2025年6月", column: "生活保護へのつなぎ件数", before: "（新規）", after: "0" });
    expect(resultLink).toBe("/datasets/monthly_support?body=312011&fy=2025");
  });

  it("refuses a declared body over the size limit before reading it", async () => {
    process.env.UPLOAD_MAX_BYTES = "100";
    try {
      const request = new Request(`${base}/uploads/new/monthly_support`, {
        method: "POST",
        body: multipart("monthly-tottori-city-sjis.csv"),
        headers: { Cookie: cookies["tottori-city"]!, "Content-Length": String(200 * 1024) },
      });
      const result = (await newUploadAction({ request, params: { dataset: "monthly_support" }, context: {} })) as unknown as { data: { formError: string }; init: { status: number } };
      expect(result.init.status).toBe(413);
      expect(result.data.formError).toBe("ファイルサイズが上限（0MB）を超えています。年度や自治体で分けてアップロードしてください");
    } finally {
      delete process.env.UPLOAD_MAX_BYTES;
    }
  });
});

describe("downloads", () => {
  async function download(loginId: string, query: string) {
    const response = await downloadLoader({ request: new Request(`${base}/datasets/monthly_support/download?${query}`, { headers: { Cookie: cookies[loginId]! } }), params: { dataset: "monthly_support" }, context: {} });
    return response;
  }

  it("gives each user only what they may see, as UTF-8 with BOM or Shift_JIS", async () => {
    const tokyo = await (await download("tokyo-pref", "encoding=utf-8-bom")).text();
    expect(tokyo.split("\r\n").filter(Boolean)).toHaveLength(1); // the header only
    const city = await download("tottori-city", "encoding=utf-8-bom");
    const bytes = new Uint8Array(await city.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n").filter(Boolean)).toEqual([
      "自治体コード,都道府県名,市区町村名,年度,月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数",
      "312011,鳥取県,鳥取市,2025,4,1234,38,20,12,4,0,3",
      "312011,鳥取県,鳥取市,2025,5,141,35,18,11,3,2,2",
      "312011,鳥取県,鳥取市,2025,6,133,31,17,9,5,1,0",
    ]);
    const sjis = await download("tottori-city", "encoding=shift_jis");
    expect(sjis.headers.get("Content-Type")).toBe("text/csv; charset=Shift_JIS");
    expect(new TextDecoder("shift_jis").decode(await sjis.arrayBuffer())).toBe(text.replace(/^\uFEFF/, ""));
  });

  it("round-trips: a downloaded file uploads again with every row unchanged", async () => {
    const text = await (await download("tottori-city", "encoding=shift_jis")).arrayBuffer();
    const form = new FormData();
    form.append("file", new Blob([text]), "download.csv");
    const response = (await newUploadAction({
      request: new Request(`${base}/uploads/new/monthly_support`, { method: "POST", body: form, headers: { Cookie: cookies["tottori-city"]! } }),
      params: { dataset: "monthly_support" },
      context: {},
    })) as Response;
    const id = Number(response.headers.get("Location")!.split("/").pop());
    const [row] = await handle.db.select().from(uploads).where(eq(uploads.id, id));
    expect(row!.counts).toMatchObject({ rows: 3, new: 0, changed: 0, unchanged: 3, errorRows: 0 });
  });
});

describe("bad upload requests answer 400 in Japanese, never 500", () => {
  const boundary = "----tsunaguBoundary7MA4YWxkTrZu0gW";
  const csv = readFileSync("tests/fixtures/monthly-utf8-bom.csv");

  function rawMultipart(files: { fileName: string; content: Uint8Array }[]): Uint8Array<ArrayBuffer> {
    const chunks: Uint8Array[] = [];
    for (const f of files) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.fileName}"\r\nContent-Type: text/csv\r\n\r\n`), f.content, Buffer.from("\r\n"));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return new Uint8Array(Buffer.concat(chunks));
  }

  async function send(body: BodyInit, contentType: string) {
    const request = new Request(`${base}/uploads/new/monthly_support`, { method: "POST", body, headers: { Cookie: cookies["tottori-city"]!, "Content-Type": contentType } });
    return outcome(request);
  }

  async function outcome(request: Request): Promise<{ status: number; data: unknown }> {
    const result = (await newUploadAction({ request, params: { dataset: "monthly_support" }, context: {} })) as unknown;
    if (result instanceof Response) return { status: result.status, data: null };
    const withInit = result as { data: unknown; init: { status: number } | null };
    return { status: withInit.init?.status ?? 200, data: withInit.data };
  }

  const stagedCount = async () => (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from staged_monthly_support_statistics`))[0]!.n;
  const uploadCount = async () => (await handle.db.select({ id: uploads.id }).from(uploads)).length;

  it("a file name with = or ; (as Chromium sends it) is refused with a message saying why", async () => {
    for (const fileName of ["集計=2024年5月.csv", "集計;2024年5月.csv"]) {
      const before = await uploadCount();
      const result = await send(rawMultipart([{ fileName, content: csv }]), `multipart/form-data; boundary=${boundary}`);
      expect(result.status).toBe(400);
      expect(result.data).toEqual({ formError: "ファイル名に「=」や「;」が含まれているため受け付けられませんでした。ファイル名からこれらの記号を除いて（例: 集計_2024年5月.csv）アップロードし直してください" });
      expect(await uploadCount()).toBe(before);
    }
  });

  it("a urlencoded or boundary-less body is refused", async () => {
    const before = await uploadCount();
    const noFile = { formError: "ファイルが送られていません。CSVファイルを選んで「内容を確認する」を押してください" };
    expect(await send("file=a.csv", "application/x-www-form-urlencoded")).toMatchObject({ status: 400, data: noFile });
    expect(await send(rawMultipart([{ fileName: "a.csv", content: csv }]), "multipart/form-data")).toMatchObject({ status: 400, data: noFile });
    expect(await uploadCount()).toBe(before);
  });

  it("two files in one request: 400 and nothing staged", async () => {
    const before = await uploadCount();
    const stagedBefore = await stagedCount();
    const result = await send(
      rawMultipart([
        { fileName: "first.csv", content: csv },
        { fileName: "second.csv", content: csv },
      ]),
      `multipart/form-data; boundary=${boundary}`,
    );
    expect(result).toMatchObject({ status: 400, data: { formError: "ファイルは1つだけ選んでください" } });
    expect(await uploadCount()).toBe(before);
    expect(await stagedCount()).toBe(stagedBefore);
  });

  it("a body cut short (client gone) is refused and leaves the upload failed with nothing staged", async () => {
    const whole = rawMultipart([{ fileName: "cut.csv", content: csv }]);
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls === 1) controller.enqueue(whole.slice(0, whole.length - 60));
        else controller.error(new Error("aborted"));
      },
    });
    const request = new Request(`${base}/uploads/new/monthly_support`, {
      method: "POST",
      body,
      duplex: "half",
      headers: { Cookie: cookies["tottori-city"]!, "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": String(whole.length) },
    } as RequestInit);
    const result = await outcome(request);
    expect(result).toMatchObject({ status: 400, data: { formError: "ファイルを最後まで受け取れませんでした。通信状態を確かめて、もう一度アップロードしてください" } });
    const [last] = await handle.db.select().from(uploads).orderBy(desc(uploads.id)).limit(1);
    expect(last).toMatchObject({ fileName: "cut.csv", status: "failed" });
    const staged = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from staged_monthly_support_statistics where upload_id = ${last!.id}`);
    expect(staged[0]!.n).toBe(0);
  });

  it("a body that breaks before the file part is refused without creating an upload", async () => {
    const before = await uploadCount();
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error("aborted"));
      },
    });
    const request = new Request(`${base}/uploads/new/monthly_support`, {
      method: "POST",
      body,
      duplex: "half",
      headers: { Cookie: cookies["tottori-city"]!, "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": "5000" },
    } as RequestInit);
    expect(await outcome(request)).toMatchObject({ status: 400, data: { formError: "ファイルを最後まで受け取れませんでした。通信状態を確かめて、もう一度アップロードしてください" } });
    expect(await uploadCount()).toBe(before);
  });
});

describe("revert and history", () => {
  const csv = (rows: string) =>
    new Blob([`自治体コード,年度,月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数\n${rows}`], { type: "text/csv" });

  async function uploadAndCommit(fileName: string, rows: string): Promise<number> {
    const form = new FormData();
    form.append("file", csv(rows), fileName);
    const staged = await callRoute(newUploadAction, { url: "/uploads/new/monthly_support", params: { dataset: "monthly_support" }, cookie: cookies["tottori-city"], form });
    const id = staged.location!.split("/").pop()!;
    const committed = await callRoute(uploadAction, { url: `/uploads/${id}`, params: { uploadId: id }, cookie: cookies["tottori-city"], form: { intent: "commit" } });
    expect(committed.status).toBe(302);
    return Number(id);
  }

  it("a revert asks for confirmation first, and then says who reverted it and when", async () => {
    const id = await uploadAndCommit("fy2023.csv", "312011,2023,4,10,1,1,1,1,0,0\n312011,2023,1,11,1,1,1,1,0,0\n");
    const link = (await callRoute(uploadLoader, { url: `/uploads/${id}`, params: { uploadId: String(id) }, cookie: cookies["tottori-city"] })).data as { resultLink: string };
    // 年度 is the fiscal year: April 2023 and January 2024, both FY2023
    expect(link.resultLink).toBe("/datasets/monthly_support?body=312011&fy=2023");
    // one click only asks: the post without confirmation leads to the confirmation step and changes nothing
    const asked = await callRoute(uploadAction, { url: `/uploads/${id}`, params: { uploadId: String(id) }, cookie: cookies["tottori-pref"], form: { intent: "revert" } });
    expect(asked).toMatchObject({ status: 302, location: `/uploads/${id}?confirm=revert#confirm-step` });
    const [still] = await handle.db.select().from(uploads).where(eq(uploads.id, id));
    expect(still!.status).toBe("committed");
    expect(await handle.db.select().from(monthlySupportStatistics).where(eq(monthlySupportStatistics.uploadId, id))).toHaveLength(2);
    const before = Date.now();
    const reverted = await callRoute(uploadAction, { url: `/uploads/${id}`, params: { uploadId: String(id) }, cookie: cookies["tottori-pref"], form: { intent: "revert", confirmed: "yes" } });
    expect(reverted).toMatchObject({ status: 302, location: `/uploads/${id}` });
    expect(await handle.db.select().from(monthlySupportStatistics).where(eq(monthlySupportStatistics.uploadId, id))).toEqual([]);
    const detail = (await callRoute(uploadLoader, { url: `/uploads/${id}`, params: { uploadId: String(id) }, cookie: cookies["tottori-city"] })).data as {
      upload: { status: string; revertedAt: string; revertedByName: string };
      resultLink: string | null;
    };
    expect(detail.upload).toMatchObject({ status: "reverted", revertedByName: "鳥取県 福祉保健課（デモ）" });
    expect(Math.abs(new Date(detail.upload.revertedAt).getTime() - before)).toBeLessThan(60_000);
    expect(detail.resultLink).toBeNull();
  });

  it("an upload of several bodies links to its fiscal year on the data page without a body filter", async () => {
    const form = new FormData();
    form.append("file", csv("312011,2022,4,10,1,1,1,1,0,0\n312029,2022,4,12,1,1,1,1,0,0\n"), "two-bodies.csv");
    const staged = await callRoute(newUploadAction, { url: "/uploads/new/monthly_support", params: { dataset: "monthly_support" }, cookie: cookies["tottori-pref"], form });
    const id = staged.location!.split("/").pop()!;
    expect((await callRoute(uploadAction, { url: `/uploads/${id}`, params: { uploadId: id }, cookie: cookies["tottori-pref"], form: { intent: "commit" } })).status).toBe(302);
    const detail = (await callRoute(uploadLoader, { url: `/uploads/${id}`, params: { uploadId: id }, cookie: cookies["tottori-pref"] })).data as { resultLink: string };
    expect(detail.resultLink).toBe("/datasets/monthly_support?fy=2022");
  });

  it("the history hides failed and discarded uploads unless asked, and gives times", async () => {
    type Row = { id: number; status: string; fileName: string };
    const history = async (query: string) =>
      (await callRoute(uploadsIndexLoader, { url: `/uploads${query}`, cookie: cookies["tottori-city"] })).data as { history: Row[]; hiddenCount: number; showAll: boolean };
    const all = await history("?all=1");
    expect(all.showAll).toBe(true);
    const hiddenStatuses = all.history.filter((h) => h.status === "failed" || h.status === "discarded");
    // the cut-off upload above failed
    expect(hiddenStatuses.map((h) => h.fileName)).toContain("cut.csv");
    const shown = await history("");
    expect(shown.showAll).toBe(false);
    expect(shown.history.map((h) => h.id)).toEqual(all.history.filter((h) => h.status !== "failed" && h.status !== "discarded").map((h) => h.id));
    expect(shown.hiddenCount).toBe(hiddenStatuses.length);
  });
});
