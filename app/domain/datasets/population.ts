import { bodyColumns } from "./body-columns";
import { countCell, dateCell } from "./cells";
import { column } from "./helpers";
import type { DatasetDefinition } from "./types";

export const populationDataset: DatasetDefinition = {
  id: "population",
  label: "人口",
  description: "自治体ごとの基準日の人口（住民基本台帳など）。10万人あたりの値はその時点で有効な人口で計算します。都道府県の行は郡部（福祉事務所のない町村）の人口です。",
  uploadRoles: ["mhlw", "prefecture", "municipality"],
  bodyMode: "local_government",
  columns: [
    ...bodyColumns,
    column("asOf", "基準日", dateCell, { aliases: ["as_of", "date"], description: "2025-01-01 など", example: "2025-01-01" }),
    column("population", "人口", countCell, { aliases: ["population"], description: "人数", example: "181000" }),
  ],
  referenceDate: (values) => values.asOf as string,
  toRecords: (values, body) => [
    { key: { local_government_code: body!.code, as_of: values.asOf as string }, values: { population: values.population as number } },
  ],
  templateRows: [["312011", "鳥取県", "鳥取市", "2025-01-01", "181000"]],
};
