import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { getUpload } from "../../db/queries/uploads";
import { datasets } from "../../app/domain/datasets";
import { commitUpload, stageUpload } from "../../app/server/uploads/service.server";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await loadSampleBodiesAndUsers(handle.db);
});
afterAll(async () => {
  await handle.close();
});

const header = "自治体コード,年月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数";
const bodies = ["131016", "131024", "131032", "131041", "131059", "131067", "131075", "131083", "131091", "131105", "131113", "131121"];

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text, "utf8");
}

const cli = { id: null, role: "mhlw" as const, prefectureCode: null, localGovernmentCode: null };

describe("uploads at the same time", () => {
  // On PostgreSQL each COPY needs a connection of its own: the pool used to pipeline other uploads' queries onto it.
  it("stages and commits 12 uploads concurrently through one connection pool", async () => {
    const staged = await Promise.all(
      bodies.map((code, i) =>
        stageUpload(handle.db, {
          user: cli,
          definition: datasets.monthly_support,
          fileName: `${code}.csv`,
          source: bytes(`${header}\n${code},2025-04,${100 + i},1,1,1,0,0,0\n${code},2025-05,${200 + i},1,1,1,0,0,0\n`),
          limits: { maxBytes: 1_000_000, maxRows: 1_000 },
        }),
      ),
    );
    expect(staged.map((s) => s.status)).toEqual(Array(12).fill("previewed"));
    const committed = await Promise.all(staged.map((s) => commitUpload(handle.db, cli, s.uploadId)));
    expect(committed.map((c) => c.new)).toEqual(Array(12).fill(2));
    for (const s of staged) expect((await getUpload(handle.db, s.uploadId))!.status).toBe("committed");
  });
});
