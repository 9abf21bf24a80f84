import { unstable_parseMultipartFormData } from "@remix-run/node";
import type { Database } from "../../db";
import type { DatasetDefinition } from "~/lib/datasets";
import type { SessionUser } from "~/lib/auth/session.server";
import { stageUpload, uploadLimitsFromEnv, type StageResult } from "~/lib/ingest/stage.server";

export type ReceiveResult = { uploadId: number } | { formError: string; status: number };

/**
 * Streams the multipart body straight into the staging pipeline: the file is never held whole in
 * memory, and a declared size over the limit is refused before reading anything.
 */
export async function receiveUpload(db: Database, request: Request, user: SessionUser, definition: DatasetDefinition): Promise<ReceiveResult> {
  const limits = uploadLimitsFromEnv();
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > limits.maxBytes + 64 * 1024) {
    return {
      status: 413,
      formError: `ファイルサイズが上限（${Math.round(limits.maxBytes / 1024 / 1024)}MB）を超えています。年度や自治体で分けてアップロードしてください`,
    };
  }
  let result: StageResult | null = null;
  await unstable_parseMultipartFormData(request, async ({ name, filename, data }) => {
    if (name !== "file" || !filename) {
      for await (const _chunk of data) {
        // small form fields are not needed
      }
      return undefined;
    }
    result = await stageUpload(db, {
      user: { id: user.id, role: user.role, prefectureCode: user.prefectureCode, localGovernmentCode: user.localGovernmentCode },
      definition,
      fileName: filename,
      source: data,
      limits,
    });
    return String(result.uploadId);
  });
  const staged = result as StageResult | null;
  if (!staged) return { status: 400, formError: "ファイルを選択してください" };
  return { uploadId: staged.uploadId };
}
