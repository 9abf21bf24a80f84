import { fiscalYearStart } from "../fiscal-year";
import { publicAssistanceTransferFields, publicAssistanceTransferLabels } from "../vocabulary";
import { bodyColumns } from "./body-columns";
import { countCell, fiscalYearCell } from "./cells";
import { column, snakeCaseOf } from "./helpers";
import type { DatasetDefinition } from "./types";


const details: Record<(typeof publicAssistanceTransferFields)[number], { aliases: string[]; description: string; examples: [string, string] }> = {
  casesAfterDiscontinuation: {
    aliases: ["保護廃止後の移行ケース数", "移行ケース数", "cases_after_discontinuation"],
    description: "年度中に生活保護を廃止したケースのうち、生活困窮者自立支援制度の支援に移行した件数",
    examples: ["6", "0"],
  },
  referredAtRisk: {
    aliases: ["ア", "つなぎ（ア）", "要保護状態になるおそれ", "referred_at_risk"],
    description: "通知の②ア: 現に経済的に困窮し、要保護状態になるおそれのある者として福祉事務所からつながれた人数",
    examples: ["12", "1"],
  },
  referredAfterRejection: {
    aliases: ["イ", "つなぎ（イ）", "申請却下", "referred_after_rejection"],
    description: "通知の②イ: 保護を申請したが要件を満たさず却下となった者として福祉事務所からつながれた人数",
    examples: ["4", "0"],
  },
  referredAfterExit: {
    aliases: ["ウ", "つなぎ（ウ）", "保護脱却後も支援が必要", "referred_after_exit"],
    description: "通知の②ウ: 保護を脱却し、引き続き支援を希望する者又は支援が必要と考えられる者として福祉事務所からつながれた人数",
    examples: ["5", "－"],
  },
};

export const publicAssistanceTransfersDataset: DatasetDefinition = {
  id: "public_assistance_transfers",
  label: "生活保護から困窮制度への移行・つなぎ",
  description:
    "実施主体ごと・年度ごとの、保護廃止後に困窮制度へ移行したケース数と、福祉事務所から自立相談支援機関へのつなぎの人数（通知の区分ア・イ・ウ）。0件は 0 または「－」、回答しない実施主体は行を書きません（空欄は 0 ではありません）。",
  uploadRoles: ["mhlw", "prefecture", "municipality"],
  bodyMode: "implementing_body",
  columns: [
    ...bodyColumns,
    column("fiscalYear", "年度", fiscalYearCell, { aliases: ["fiscal_year", "fy"], description: "2021、R3、令和3年度など", example: "2024" }),
    ...publicAssistanceTransferFields.map((f) =>
      column(f, publicAssistanceTransferLabels[f], countCell, { aliases: details[f].aliases, description: details[f].description, example: details[f].examples[0] }),
    ),
  ],
  referenceDate: (values) => fiscalYearStart(values.fiscalYear as number),
  toRecords: (values, body) => [
    {
      key: { local_government_code: body!.code, fiscal_year: values.fiscalYear as number },
      values: Object.fromEntries(publicAssistanceTransferFields.map((f) => [snakeCaseOf(f), values[f] as number])),
    },
  ],
  templateRows: [
    ["312011", "鳥取県", "鳥取市", "2024", ...publicAssistanceTransferFields.map((f) => details[f].examples[0])],
    ["", "鳥取県", "", "2024", ...publicAssistanceTransferFields.map((f) => details[f].examples[1])],
  ],
};
