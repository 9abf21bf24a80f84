import { fiscalYearStart } from "../fiscal-year";
import { bodyColumns } from "./body-columns";
import { choiceCell, countCell, fiscalYearCell } from "./cells";
import { column } from "./helpers";
import type { DatasetDefinition } from "./types";

const roleCell = choiceCell(
  {
    chief_consultant: ["主任相談支援員", "主任相談員"],
    consultant: ["相談支援員", "相談員"],
    employment_supporter: ["就労支援員"],
    employment_preparation_staff: ["就労準備支援事業従事者", "就労準備支援員"],
    household_budget_staff: ["家計改善支援事業従事者", "家計改善支援員"],
  },
  "職種",
);

export const staffTrainingDataset: DatasetDefinition = {
  id: "staff_training",
  label: "支援員配置・研修",
  description: "年度・職種ごとの支援員の配置人数と研修修了者数。修了証は国研修（前期）と都道府県研修（後期）の両方の修了で交付されます。",
  uploadRoles: ["mhlw", "prefecture", "municipality"],
  bodyMode: "implementing_body",
  columns: [
    ...bodyColumns,
    column("fiscalYear", "年度", fiscalYearCell, { aliases: ["fiscal_year", "fy"], description: "2021、R3、令和3年度など", example: "2021" }),
    column("role", "職種", roleCell, { aliases: ["role"], description: "主任相談支援員・相談支援員・就労支援員・就労準備支援事業従事者・家計改善支援事業従事者", example: "相談支援員" }),
    column("assigned", "配置人数", countCell, { aliases: ["assigned"], description: "人数", example: "5" }),
    column("nationalTrainingCompleted", "国研修（前期）修了者数", countCell, { aliases: ["国研修修了者数", "前期修了者数", "national_training_completed"], description: "人数", example: "4" }),
    column("prefectureTrainingCompleted", "都道府県研修（後期）修了者数", countCell, { aliases: ["都道府県研修修了者数", "後期修了者数", "prefecture_training_completed"], description: "人数", example: "3" }),
    column("certified", "修了証取得者数", countCell, { aliases: ["修了証", "certified"], description: "人数", example: "3" }),
  ],
  referenceDate: (values) => fiscalYearStart(values.fiscalYear as number),
  toRecords: (values, body) => [
    {
      key: { local_government_code: body!.code, fiscal_year: values.fiscalYear as number, role: values.role as string },
      values: {
        assigned: values.assigned as number,
        national_training_completed: values.nationalTrainingCompleted as number,
        prefecture_training_completed: values.prefectureTrainingCompleted as number,
        certified: values.certified as number,
      },
    },
  ],
  templateRows: [["312011", "鳥取県", "鳥取市", "2021", "相談支援員", "5", "4", "3", "3"]],
};
