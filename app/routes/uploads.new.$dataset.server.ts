import { unstable_parseMultipartFormData } from "@remix-run/node";
import type { Database } from "../../db";
import { deleteUnconfirmedUpload, UploadStateError } from "../../db/queries/uploads";
import type { DatasetDefinition } from "~/domain/datasets";
import type { SessionUser } from "~/server/auth/session.server";
import { stageUpload, uploadLimitsFromEnv, UploadStreamError } from "~/server/uploads/stage.server";

export type ReceiveResult = { uploadId: number } | { formError: string; status: number };

class SecondFileError extends Error {}

const messages = {
  noFile: "ファイルが送られていません。CSVファイルを選んで「内容を確認する」を押してください",
  oneFile: "ファイルは1つだけ選んでください",
  fileName:
    "ファイル名に「=」や「;」が含まれているため受け付けられませんでした。ファイル名からこれらの記号を除いて（例: 集計_2024年5月.csv）アップロードし直してください",
  cutShort: "ファイルを最後まで受け取れませんでした。通信状態を確かめて、もう一度アップロードしてください",
};

/**
 * Streams the multipart body straight into the staging pipeline: the file is never held whole in
 * memory, and a declared size over the limit is refused before reading anything. Exactly one file
 * is accepted; a request that fails after a file was staged leaves nothing staged.
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
  if (!/^multipart\/form-data\s*;(.*;)?\s*boundary=/i.test(request.headers.get("Content-Type") ?? "")) return { status: 400, formError: messages.noFile };
  const staged: number[] = [];
  let files = 0;
  // Errors not thrown by our handler come from reading or parsing the body: the request's fault.
  let handlerError: unknown = null;
  try {
    await unstable_parseMultipartFormData(request, async (part) => {
      try {
        return await receivePart(part);
      } catch (error) {
        handlerError = error;
        throw error;
      }
    });
  } catch (error) {
    for (const id of staged) await deleteUnconfirmedUpload(db, id, definition);
    if (error instanceof SecondFileError) return { status: 400, formError: messages.oneFile };
    // @web3-storage/multipart-parser cannot read a quoted file name holding "=" or ";"
    if (error instanceof Error && error.message.startsWith("malformed content-disposition")) return { status: 400, formError: messages.fileName };
    if (error instanceof UploadStreamError || error !== handlerError) return { status: 400, formError: messages.cutShort };
    if (error instanceof UploadStateError) return { status: 409, formError: error.message };
    throw error;
  }
  if (staged.length === 0) return { status: 400, formError: messages.noFile };
  return { uploadId: staged[0]! };

  async function receivePart({ name, filename, data }: { name: string; filename?: string; data: AsyncIterable<Uint8Array> }) {
    if (name !== "file" || !filename) {
      for await (const _chunk of data) {
        // small form fields are not needed
      }
      return undefined;
    }
    files += 1;
    if (files > 1) throw new SecondFileError();
    const result = await stageUpload(db, {
      user: {
        id: user.id,
        role: user.role,
        prefectureCode: user.prefectureCode,
        localGovernmentCode: user.localGovernmentCode,
      },
      definition,
      fileName: filename,
      source: data,
      limits,
    });
    staged.push(result.uploadId);
    return String(result.uploadId);
  }
}
