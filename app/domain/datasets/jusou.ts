import { fiscalYearStart } from "../fiscal-year";
import { bodyColumns } from "./body-columns";
import { choiceCell, fiscalYearCell } from "./cells";
import { column } from "./helpers";
import type { DatasetDefinition } from "./types";

const statusCell = choiceCell(
  {
    implementing: ["実施", "重層的支援体制整備事業", "実施中"],
    transition_preparation: ["移行準備事業", "移行準備"],
    model_project: ["モデル事業"],
    not_implemented: ["未実施", "なし"],
  },
  "状況",
);

export const jusouDataset: DatasetDefinition = {
  id: "jusou",
  label: "重層的支援体制整備事業",
  description: "市区町村ごと・年度ごとの重層的支援体制整備事業の状況（実施／移行準備事業／モデル事業／未実施）。",
  uploadRoles: ["mhlw", "prefecture", "municipality"],
  bodyMode: "municipality",
  columns: [
    ...bodyColumns,
    column("fiscalYear", "年度", fiscalYearCell, { aliases: ["fiscal_year", "fy"], description: "2021、R3、令和3年度など", example: "2022" }),
    column("status", "状況", statusCell, { aliases: ["実施状況", "status"], description: "実施・移行準備事業・モデル事業・未実施", example: "実施" }),
  ],
  referenceDate: (values) => fiscalYearStart(values.fiscalYear as number),
  toRecords: (values, body) => [
    { key: { local_government_code: body!.code, fiscal_year: values.fiscalYear as number }, values: { status: values.status as string } },
  ],
  templateRows: [
    ["", "鳥取県", "鳥取市", "令和4年度", "実施"],
    ["", "鳥取県", "北栄町", "令和4年度", "移行準備事業"],
  ],
};
