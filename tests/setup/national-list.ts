import { builtInMasterEntries } from "../../app/server/master/national-master.server";

/**
 * The national list in the layout of the common open-data file (localgovjp: UTF-8 with BOM, wards as
 * "札幌市 中央区", no prefecture rows, no unadministered villages), built from the dependency so the
 * tests need no file from outside the repository.
 */
export function openDataNationalListCsv(): Buffer {
  const entries = builtInMasterEntries();
  const prefectureNames = new Map(entries.filter((e) => e.kind === "prefecture").map((e) => [e.prefectureCode, e.name]));
  const lines = entries
    .filter((e) => e.kind !== "prefecture" && e.administered)
    .map((e, i) => {
      const city = e.parentName ? `${e.parentName} ${e.name.slice(e.parentName.length)}` : e.name;
      return [Number(e.prefectureCode), prefectureNames.get(e.prefectureCode), i + 1, city, e.kana, e.code].join(",");
    });
  return Buffer.from(`\uFEFFpid,pref,cid,city,citykana,lgcode\r\n${lines.join("\r\n")}\r\n`, "utf8");
}
