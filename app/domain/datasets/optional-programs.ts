import { fiscalYearStart } from "../fiscal-year";
import { bodyColumns } from "./body-columns";
import { choiceCell, fiscalYearCell, yesNoCell } from "./cells";
import { column } from "./helpers";
import type { DatasetDefinition } from "./types";

const programCell = choiceCell(
  {
    employment_preparation: ["就労準備支援事業", "就労準備支援", "就労準備"],
    household_budget: ["家計改善支援事業", "家計改善支援", "家計改善", "家計相談支援事業"],
    temporary_living: ["一時生活支援事業", "一時生活支援", "一時生活", "地域居住支援事業"],
    children_learning: ["子どもの学習・生活支援事業", "子どもの学習・生活支援", "子どもの学習支援事業", "学習支援"],
  },
  "事業",
);
const deliveryFormCell = choiceCell(
  { direct: ["直営"], contracted: ["委託"], direct_and_contracted: ["直営＋委託", "直営+委託", "直営・委託", "直営及び委託"] },
  "実施形態",
  true,
);
const methodCell = choiceCell(
  { single: ["単独", "単独実施"], joint: ["共同実施", "共同"], prefecture_wide: ["都道府県広域", "広域", "都道府県による広域実施"] },
  "実施方法",
  true,
);
const integratedCell = choiceCell(
  {
    integrated: ["両事業を実施（一体的）", "一体的", "一体的実施"],
    both_not_integrated: ["両事業を実施（一体的でない）", "一体的でない"],
    needy_only: ["生活困窮者のみ", "困窮者のみ"],
    recipients_only: ["被保護者のみ"],
    not_implemented: ["未実施"],
  },
  "一体的実施",
  true,
);

export const optionalProgramsDataset: DatasetDefinition = {
  id: "optional_programs",
  label: "任意事業実施状況",
  description: "年度・事業ごとの実施状況。1行が1自治体の1事業です。一体的実施は就労準備支援事業と家計改善支援事業だけに書きます。",
  uploadRoles: ["mhlw", "prefecture", "municipality"],
  bodyMode: "implementing_body",
  columns: [
    ...bodyColumns,
    column("fiscalYear", "年度", fiscalYearCell, { aliases: ["fiscal_year", "fy"], description: "2021、R3、令和3年度など", example: "2021" }),
    column("program", "事業", programCell, { aliases: ["事業名", "program"], description: "就労準備支援事業・家計改善支援事業・一時生活支援事業・子どもの学習・生活支援事業", example: "就労準備支援事業" }),
    column("implemented", "実施", yesNoCell, { aliases: ["実施の有無", "implemented"], description: "有 または 無", example: "有" }),
    column("deliveryForm", "実施形態", deliveryFormCell, { aliases: ["delivery_form"], required: false, description: "直営・委託・直営＋委託（実施が無なら空欄）", example: "委託" }),
    column("implementationMethod", "実施方法", methodCell, { aliases: ["implementation_method"], required: false, description: "単独・共同実施・都道府県広域（実施が無なら空欄）", example: "単独" }),
    column("integratedDelivery", "一体的実施", integratedCell, {
      aliases: ["被保護者事業との一体的実施", "integrated_delivery"],
      required: false,
      description: "両事業を実施（一体的）・両事業を実施（一体的でない）・生活困窮者のみ・被保護者のみ・未実施",
      example: "両事業を実施（一体的）",
    }),
  ],
  referenceDate: (values) => fiscalYearStart(values.fiscalYear as number),
  toRecords: (values, body) => [
    {
      key: { local_government_code: body!.code, fiscal_year: values.fiscalYear as number, program: values.program as string },
      values: {
        implemented: values.implemented === "yes",
        delivery_form: values.deliveryForm as string | null,
        implementation_method: values.implementationMethod as string | null,
        integrated_delivery: values.integratedDelivery as string | null,
      },
    },
  ],
  templateRows: [
    ["312011", "鳥取県", "鳥取市", "2021", "就労準備支援事業", "有", "委託", "単独", "両事業を実施（一体的）"],
    ["312011", "鳥取県", "鳥取市", "2021", "一時生活支援事業", "無", "", "", ""],
  ],
};
