// npm run import:master -- FILE [--as-of YYYY-MM-DD]; FILE a CSV or an .xlsx such as 総務省's code list
import { parseArgs } from "node:util";
import { closeDatabase, connectDatabase } from "../db";
import { importMasterList } from "../db/queries/geography";
import { writeAudit } from "../app/server/audit/write.server";
import { uploadEncodingLabel } from "../app/domain/csv/decode";
import { CsvFileError } from "../app/domain/csv/stream-decoder";
import { readMasterListFile } from "../app/server/master/master-list-file.server";
import { localGovernmentKindLabels, type LocalGovernmentKind } from "../app/domain/vocabulary";
import { MasterListInvalidError } from "../app/domain/master-list";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { "as-of": { type: "string" } },
});
const file = positionals[0];
if (!file) {
  console.error("使い方: npm run import:master -- FILE [--as-of YYYY-MM-DD]");
  process.exit(2);
}
const asOf = values["as-of"] ?? new Date().toISOString().slice(0, 10);

try {
  const { entries, encoding } = await readMasterListFile(file);
  const { db } = await connectDatabase();
  const result = await importMasterList(db, entries, { asOf });
  await writeAudit(db, { userId: null, clientAddress: null, action: "master.import", target: file, detail: { ...result, encoding } });
  const municipalities = entries.filter((e) => e.kind !== "ward" && e.kind !== "prefecture" && e.administered).length;
  const unadministered = entries.filter((e) => !e.administered).length;
  const wards = result.byKind.ward ?? 0;
  const prefectureCount = new Set(entries.map((e) => e.prefectureCode)).size;
  console.log(
    `${file}（${uploadEncodingLabel(encoding)}）: ${prefectureCount}都道府県の市区町村 ${municipalities}` +
      `${unadministered > 0 ? `（ほかに北方領土の村 ${unadministered}、数えません）` : ""}、行政区 ${wards}`,
  );
  console.log(
    "  区分別: " +
      Object.entries(result.byKind)
        .map(([k, n]) => `${localGovernmentKindLabels[k as LocalGovernmentKind]} ${n}`)
        .join("、"),
  );
  console.log(
    `  追加 ${result.inserted}、更新 ${result.updated}、再開 ${result.reopened}、廃止（valid_to設定）${result.closed}、変更なし ${result.unchanged}`,
  );
} catch (error) {
  if (error instanceof MasterListInvalidError || error instanceof CsvFileError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
} finally {
  await closeDatabase();
}
