// npm run import -- --dataset <name> FILE [--as <login id>] [--explanation <text>] [--dry-run]
// Bulk loads through the same pipeline as the upload page (CSV or .xlsx): validate, stage, then commit atomically.
import { createReadStream, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { closeDatabase, connectDatabase } from "../db";
import { getUpload, listIssues } from "../db/queries/uploads";
import { users } from "../db/schema";
import { uploadEncodingLabel } from "../app/domain/csv/decode";
import { datasetIds, datasets, isDatasetId } from "../app/domain/datasets";
import { explanationNeededFor } from "../app/domain/upload-status";
import type { UserRole } from "../app/domain/vocabulary";
import { uploadLimitsFromEnv } from "../app/server/uploads/stage.server";
import { mayUpload } from "../app/server/auth/access";
import { commitUpload, stageUpload, type UploadActor } from "../app/server/uploads/service.server";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { dataset: { type: "string" }, as: { type: "string" }, explanation: { type: "string" }, "dry-run": { type: "boolean", default: false } },
});
const file = positionals[0];
if (!file || !values.dataset || !isDatasetId(values.dataset)) {
  console.error(`使い方: npm run import -- --dataset <${datasetIds.join("|")}> FILE [--as ログインID] [--explanation 大きく外れた値・締めた年度の変更の説明] [--dry-run]`);
  process.exit(2);
}
const definition = datasets[values.dataset];
const { db } = await connectDatabase();
try {
  let actor: UploadActor = {
    id: null,
    role: "mhlw",
    prefectureCode: null,
    localGovernmentCode: null,
  };
  if (values.as) {
    const [user] = await db.select().from(users).where(eq(users.loginId, values.as));
    if (!user || !user.active) throw new Error(`ユーザー「${values.as}」が見つかりません`);
    actor = { id: user.id, role: user.role as UserRole, prefectureCode: user.prefectureCode, localGovernmentCode: user.localGovernmentCode };
    if (!mayUpload(actor, definition)) throw new Error(`${values.as} は${definition.label}をアップロードできません`);
  }
  const started = performance.now();
  const limits = { ...uploadLimitsFromEnv(), maxBytes: Math.max(uploadLimitsFromEnv().maxBytes, statSync(file).size) };
  const staged = await stageUpload(db, { user: actor, definition, fileName: path.basename(file), source: createReadStream(file), limits });
  const upload = (await getUpload(db, staged.uploadId))!;
  const c = upload.counts!;
  console.log(
    `#${upload.id} ${definition.label} ${file}（${uploadEncodingLabel(upload.encoding)}）: ` +
      `${c.rows}行、新規 ${c.new}、変更 ${c.changed}、変更なし ${c.unchanged}、エラー行 ${c.errorRows}、警告 ${c.warnings}`,
  );
  const errors = await listIssues(db, upload.id, "error", 20);
  for (const e of errors) console.error(`  ${e.line}行目 ${e.column}「${e.value}」: ${e.reason}`);
  if (explanationNeededFor(c)) for (const w of await listIssues(db, upload.id, "warning", 20)) console.error(`  警告 ${w.line}行目 ${w.column}「${w.value}」: ${w.reason}`);
  if (staged.status === "rejected" || c.errorRows > 0) {
    console.error("エラーがあるため反映していません。");
    process.exitCode = 1;
  } else if (values["dry-run"]) {
    console.log("--dry-run: 反映していません（アップロード画面から確定できます）。");
  } else {
    await commitUpload(db, actor, upload.id, { explanation: values.explanation ?? null });
    console.log(`反映しました（${Math.round(performance.now() - started)} ms）。取り消しはアップロード履歴の #${upload.id} から。`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
