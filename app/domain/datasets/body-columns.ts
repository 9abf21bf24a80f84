import { z } from "zod";
import type { ColumnSpec } from "./types";

const raw = z.string();

/** The columns that name a body: a code, or prefecture and municipality names. */
export const bodyCodeColumn: ColumnSpec = {
  key: "bodyCode",
  header: "自治体コード",
  aliases: ["団体コード", "全国地方公共団体コード", "地方公共団体コード", "市区町村コード", "lgcode", "code", "body_code"],
  cell: raw,
  required: false,
  description: "6桁の全国地方公共団体コード（5桁でも可）。空欄のときは都道府県名と市区町村名で特定します",
  example: "312011",
};
export const prefectureNameColumn: ColumnSpec = {
  key: "prefectureName",
  header: "都道府県名",
  aliases: ["都道府県", "pref", "prefecture"],
  cell: raw,
  required: false,
  description: "自治体コードがないときに必要。都道府県自身の行は市区町村名を空欄にします",
  example: "鳥取県",
};
export const municipalityNameColumn: ColumnSpec = {
  key: "municipalityName",
  header: "市区町村名",
  aliases: ["自治体名", "団体名", "city", "name", "municipality"],
  cell: raw,
  required: false,
  description: "自治体コードがないときに都道府県名と組み合わせて使います",
  example: "鳥取市",
};
export const bodyColumns = [bodyCodeColumn, prefectureNameColumn, municipalityNameColumn] as const;
