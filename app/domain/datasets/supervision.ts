import { choiceCell, dateCell, textCell } from "./cells";
import { column } from "./helpers";
import { z } from "zod";
import type { DatasetDefinition } from "./types";

const formCell = choiceCell(
  {
    visit: ["訪問"],
    phone_email: ["電話・メール", "電話", "メール", "電話/メール"],
    case_review: ["ケース検討", "ケース検討会"],
    coordination_meeting: ["支援調整会議への出席", "支援調整会議"],
    accompanied_interview: ["面談同席"],
    other: ["その他"],
  },
  "形態",
);

export const supervisionDataset: DatasetDefinition = {
  id: "supervision",
  label: "スーパーバイズ記録",
  description: "都道府県が管内の実施主体の支援員に行ったスーパーバイズの記録。対象自治体はコードまたは名称（その都道府県内）で書きます。",
  uploadRoles: ["mhlw", "prefecture"],
  bodyMode: "supervision",
  columns: [
    column("prefecture", "都道府県", z.string(), { aliases: ["都道府県名", "prefecture"], description: "スーパーバイズを行った都道府県（名称またはコード）", example: "鳥取県" }),
    column("contactedOn", "実施日", dateCell, { aliases: ["日付", "contacted_on", "date"], description: "2021-04-01、令和3年4月1日など", example: "2025-06-12" }),
    column("target", "対象自治体", z.string(), { aliases: ["自治体", "対象", "target"], description: "自治体コードまたは市区町村名", example: "米子市" }),
    column("form", "形態", formCell, { aliases: ["form"], description: "訪問・電話・メール・ケース検討・支援調整会議への出席・面談同席・その他", example: "訪問" }),
    column("content", "内容", textCell(500), { aliases: ["content"], required: false, description: "500文字以内", example: "支援困難ケースへの助言" }),
    column("responder", "対応者", textCell(100), { aliases: ["担当者", "responder"], required: false, description: "100文字以内", example: "福祉保健課 担当" }),
  ],
  referenceDate: (values) => values.contactedOn as string,
  toRecords: (values, body) => [
    {
      key: {
        local_government_code: body!.code,
        contacted_on: values.contactedOn as string,
        form: values.form as string,
        content: values.content as string,
      },
      values: { prefecture_code: body!.prefectureCode, responder: values.responder as string },
    },
  ],
  templateRows: [["鳥取県", "2025-06-12", "米子市", "訪問", "支援困難ケースへの助言", "福祉保健課 担当"]],
};
