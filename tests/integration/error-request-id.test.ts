import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, type DatabaseHandle } from "../../db";
import { loader as rootLoader } from "../../app/root";
import { createTestDatabase } from "../setup/database";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
});
afterAll(async () => {
  await handle.close();
});

describe("request id for the error page", () => {
  it("gives the root ErrorBoundary the id of the request it renders, the one on the log lines", async () => {
    const data = await rootLoader({ request: new Request("http://localhost/"), params: {}, context: { requestId: "5f0c2d1e-req" } });
    expect(data).toMatchObject({ requestId: "5f0c2d1e-req" });
  });
});
