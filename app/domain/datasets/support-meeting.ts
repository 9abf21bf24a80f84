import { fiscalYearStart } from "../fiscal-year";
import { bodyColumns } from "./body-columns";
import { fiscalYearCell, yesNoCell } from "./cells";
import { column, optionalCell } from "./helpers";
import type { DatasetDefinition } from "./types";

const yesNo = (v: unknown) => (v === null || v === undefined ? null : v === "yes");

export const supportMeetingDataset: DatasetDefinition = {
  id: "support_meeting",
  label: "支援会議の設置状況",
  description:
    "実施主体ごと・年度ごとの支援会議（生活困窮者自立支援法第9条）の設置の有無。重層的支援体制整備事業を実施している市町村は、重層事業の支援会議（社会福祉法第106条の6）と重層的支援会議の有無も書きます（実施していなければ空欄）。",
  uploadRoles: ["mhlw", "prefecture", "municipality"],
  bodyMode: "implementing_body",
  columns: [
    ...bodyColumns,
    column("fiscalYear", "年度", fiscalYearCell, { aliases: ["fiscal_year", "fy"], description: "2021、R3、令和3年度など", example: "2024" }),
    column("established", "支援会議", yesNoCell, { aliases: ["支援会議の設置", "法第9条の支援会議", "established"], description: "有 または 無", example: "有" }),
    column("jusouSupportMeeting", "重層事業の支援会議", optionalCell(yesNoCell), {
      aliases: ["重層事業による支援会議", "jusou_support_meeting"],
      required: false,
      description: "有・無（重層的支援体制整備事業を実施していなければ空欄）",
      example: "有",
    }),
    column("multiAgencyMeeting", "重層的支援会議", optionalCell(yesNoCell), {
      aliases: ["multi_agency_meeting"],
      required: false,
      description: "有・無（重層的支援体制整備事業を実施していなければ空欄）",
      example: "無",
    }),
  ],
  referenceDate: (values) => fiscalYearStart(values.fiscalYear as number),
  toRecords: (values, body) => [
    {
      key: { local_government_code: body!.code, fiscal_year: values.fiscalYear as number },
      values: {
        established: values.established === "yes",
        jusou_support_meeting: yesNo(values.jusouSupportMeeting),
        multi_agency_meeting: yesNo(values.multiAgencyMeeting),
      },
    },
  ],
  templateRows: [
    ["312011", "鳥取県", "鳥取市", "2024", "有", "有", "無"],
    ["", "鳥取県", "", "2024", "無", "", ""],
  ],
};
