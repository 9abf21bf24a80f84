import { monthlyMetricCatalogue } from "../metric-catalogue";
import { fiscalYearOfMonth } from "../fiscal-year";
import { bodyColumns } from "./body-columns";
import { countCell, fiscalYearCell, monthCell, parseYearMonth } from "./cells";
import { column, firstOfMonth, optionalCell } from "./helpers";
import { z } from "zod";
import { monthOfRow } from "../validation-rules";
import type { DatasetDefinition, DatasetRecord } from "./types";

const yearMonthCell = z.string().transform((raw, ctx) => {
  const ym = parseYearMonth(raw);
  if (!ym) {
    ctx.addIssue({ code: "custom", message: "年月は 2021-04、2021/4、令和3年4月 などの形で入力してください" });
    return z.NEVER;
  }
  return ym;
});

export const monthlySupport: DatasetDefinition = {
  id: "monthly_support",
  label: "月次支援状況",
  description: "支援状況調査の月次の件数。1行が1自治体の1か月分です。年月、または年度と月で期間を示します。",
  uploadRoles: ["mhlw", "prefecture", "municipality"],
  bodyMode: "implementing_body",
  columns: [
    ...bodyColumns,
    column("fiscalYear", "年度", optionalCell(fiscalYearCell), {
      aliases: ["fiscal_year", "fy"],
      required: false,
      description: "年月がないときに必要（2021、R3、令和3年度など）",
      example: "2021",
    }),
    column("yearMonth", "年月", optionalCell(yearMonthCell), {
      aliases: ["year_month"],
      required: false,
      description: "2021-04 など。年度と月で書く場合は空欄",
      example: "",
    }),
    column("month", "月", optionalCell(monthCell), { aliases: ["month"], required: false, description: "1〜12（1〜3月は翌年の1〜3月）", example: "4" }),
    ...monthlyMetricCatalogue.map((m) =>
      column(m.key, m.label, countCell, {
        aliases: m.upload.aliases,
        description: "件数。0件は 0 または「－」。空欄は未報告としてエラー",
        example: m.upload.example,
      }),
    ),
  ],
  outlierChecked: true,
  columnAlternatives: [{ header: "年月", anyOf: [["yearMonth"], ["fiscalYear", "month"]], message: "見出し行に「年月」、または「年度」と「月」の列が必要です" }],
  referenceDate(values) {
    const p = monthOfRow(values);
    return p ? firstOfMonth(p.year, p.month) : null;
  },
  toRecords(values, body) {
    const p = monthOfRow(values)!;
    // a plain loop: this runs once per row of a national file (ADR 037)
    const stored: DatasetRecord["values"] = { fiscal_year: fiscalYearOfMonth(p.year, p.month) };
    for (const m of monthlyMetricCatalogue) stored[m.column] = values[m.key] as number;
    return [{ key: { local_government_code: body!.code, year: p.year, month: p.month }, values: stored }];
  },
  templateRows: [
    ["312011", "鳥取県", "鳥取市", "2021", "", "4", ...monthlyMetricCatalogue.map((m) => m.upload.templateValues[0])],
    ["", "鳥取県", "鳥取市", "", "2022-01", "", ...monthlyMetricCatalogue.map((m) => m.upload.templateValues[1])],
  ],
};
